using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Approvals;

/// <summary>
/// One saved version of a company's approval policy: the rules, thresholds and settings as a JSON document
/// (<see cref="PolicyDocument"/>). Versions are never changed; saving the policy adds the next one, and a requisition
/// points at the version it was routed with.
/// </summary>
public sealed class ApprovalPolicyVersion : IAudited
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public int Number { get; set; }

    public string Document { get; set; } = "";

    public Guid? CreatedById { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class ApprovalPolicyVersionConfiguration : IEntityTypeConfiguration<ApprovalPolicyVersion>
{
    public void Configure(EntityTypeBuilder<ApprovalPolicyVersion> builder)
    {
        builder.ToTable("approval_policy_versions");
        builder.Property(x => x.Document).HasMaxLength(1_000_000);
        builder.HasIndex(x => new { x.CompanyId, x.Number }).IsUnique();
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }
}
