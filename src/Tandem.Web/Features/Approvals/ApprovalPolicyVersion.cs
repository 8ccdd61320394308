using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Approvals;

/// <summary>What a policy approves: requisitions (and order changes), or invoices without a purchase order.</summary>
public enum PolicyKind
{
    Requisition,
    Invoice,
}

/// <summary>
/// One saved version of a company's approval policy: the rules, thresholds and settings as a JSON document
/// (<see cref="PolicyDocument"/>). Versions are never changed; saving the policy adds the next one, and a requisition
/// (or non-PO invoice) points at the version it was routed with. Each kind of policy has its own versions.
/// </summary>
public sealed class ApprovalPolicyVersion : IAudited
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public PolicyKind Kind { get; set; }

    /// <summary>Counts the versions of one kind of policy.</summary>
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
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(x => new { x.CompanyId, x.Kind, x.Number }).IsUnique();
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }
}
