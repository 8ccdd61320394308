using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

public enum RevisionStatus
{
    /// <summary>In force: the order shows it.</summary>
    Applied,

    /// <summary>Grows the order beyond the tolerance: waits for its change request to be approved.</summary>
    PendingApproval,

    /// <summary>Its change request was rejected (or could no longer be applied): the order never showed it.</summary>
    Rejected,
}

/// <summary>
/// A change order: what changed on an issued order (the diff, in words), who asked, why, and the subtotal before and
/// after. Applied at once within the tolerance; beyond it, held until its change request (a requisition routed by the
/// approval policy) is approved. The requested change is kept as JSON so it is applied exactly as it was approved.
/// </summary>
public sealed class PurchaseOrderRevision : IAudited
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid PurchaseOrderId { get; set; }

    /// <summary>1, 2, … in the order they were asked for (a rejected one keeps its number).</summary>
    public int Number { get; set; }

    public RevisionStatus Status { get; set; }

    public string Reason { get; set; } = "";

    /// <summary>One line per change, e.g. "Line 2: quantity 10 → 12".</summary>
    public string Diff { get; set; } = "";

    public long SubtotalBeforeMinor { get; set; }

    public long SubtotalAfterMinor { get; set; }

    public string ChangeJson { get; set; } = "";

    public Guid? ApprovalRequisitionId { get; set; }

    public Guid ById { get; set; }

    public DateTime AtUtc { get; set; }

    public DateTime? DecidedAtUtc { get; set; }
}

internal sealed class PurchaseOrderRevisionConfiguration : IEntityTypeConfiguration<PurchaseOrderRevision>
{
    public void Configure(EntityTypeBuilder<PurchaseOrderRevision> builder)
    {
        builder.ToTable("purchase_order_revisions");
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.Reason).HasMaxLength(2000);
        builder.Property(x => x.Diff).HasMaxLength(20000);
        builder.Property(x => x.ChangeJson).HasMaxLength(200000);
        builder.HasOne<PurchaseOrder>().WithMany().HasForeignKey(x => x.PurchaseOrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Requisition>().WithMany().HasForeignKey(x => x.ApprovalRequisitionId).OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_purchase_order_revisions_approval_requisition");
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.ById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.PurchaseOrderId, x.Number }).IsUnique();
        builder.HasIndex(x => x.ApprovalRequisitionId);
        builder.HasIndex(x => x.ById);
    }
}
