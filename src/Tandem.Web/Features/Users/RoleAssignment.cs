using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Users;

/// <summary>
/// A role a user holds, optionally limited to one department and/or location (a department approver sees their
/// department). No department and no location means the role applies company-wide.
/// </summary>
public sealed class RoleAssignment : IAudited
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public string Role { get; set; } = "";

    public Guid? DepartmentId { get; set; }

    public Guid? LocationId { get; set; }
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> builder)
    {
        builder.ToTable("role_assignments");
        builder.Property(x => x.Role).HasMaxLength(32);
        builder.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Location>().WithMany().HasForeignKey(x => x.LocationId).OnDelete(DeleteBehavior.Cascade);
    }
}
