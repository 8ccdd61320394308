using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Domain.Requisitions;
using Tandem.Web.Features.Catalog;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Users;
using Tandem.Web.Features.Vendors;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Requisitions;

/// <summary>
/// A request to buy: lines in one currency, charged to departments (and locations, cost centers, GL accounts, projects)
/// through splits, routed for approval by the approval policy version recorded on it.
/// </summary>
public sealed class Requisition : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public string Number { get; set; } = "";

    public string Title { get; set; } = "";

    public string? Justification { get; set; }

    public Guid RequesterId { get; set; }

    /// <summary>Who the goods are for, when someone requests for a colleague.</summary>
    public Guid? OnBehalfOfId { get; set; }

    public Guid? ShipToLocationId { get; set; }

    public string Currency { get; set; } = "";

    public RequisitionStatus Status { get; set; }

    public long TotalMinor { get; set; }

    /// <summary>The total in the company currency at the rate of the day it was last routed (what the rules compare).</summary>
    public long? CompanyTotalMinor { get; set; }

    /// <summary>The total when it was last approved: growth beyond the tolerance from here sends it back to approval.</summary>
    public long? ApprovedTotalMinor { get; set; }

    /// <summary>Policy flags found on the last submit, comma-separated (camelCase names).</summary>
    public string Flags { get; set; } = "";

    public Guid? PolicyVersionId { get; set; }

    /// <summary>Approval rounds: each submit (or re-approval) starts a new one; older steps stay as history.</summary>
    public int Round { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? SubmittedAtUtc { get; set; }

    public DateTime? DecidedAtUtc { get; set; }

    public string? StatusReason { get; set; }

    /// <summary>Set on a change request: the purchase order revision it asks approval for (applied when it is approved).</summary>
    public Guid? ChangeOfRevisionId { get; set; }

    public int Version { get; set; }

    public List<RequisitionLine> Lines { get; set; } = [];

    public List<RequisitionSplit> Splits { get; set; } = [];
}

/// <summary>A line: from the catalog (item + offer) or free text with an estimated price and a suggested vendor.</summary>
public sealed class RequisitionLine : IAudited
{
    public Guid Id { get; set; }

    public Guid RequisitionId { get; set; }

    public int LineNo { get; set; }

    public Guid? ItemId { get; set; }

    public Guid? OfferId { get; set; }

    public string Description { get; set; } = "";

    public Guid? CategoryId { get; set; }

    public Guid? VendorId { get; set; }

    public long QuantityUnits { get; set; }

    public string Unit { get; set; } = "";

    public long UnitPriceMicros { get; set; }

    public long AmountMinor { get; set; }

    public DateOnly? NeedBy { get; set; }

    /// <summary>The line's GL account: chosen, or defaulted from the category, then the vendor.</summary>
    public Guid? GlAccountId { get; set; }

    /// <summary>The open purchase order line that orders it (the forward link; cleared when that order is cancelled).</summary>
    public Guid? PurchaseOrderLineId { get; set; }
}

/// <summary>
/// A share of a line's cost (or, with no line, of every line without splits of its own) charged to a department and
/// optionally a location, cost center, GL account and project. Percent (4 decimals, ×10,000) or amount; the amount
/// charged is worked out with the domain allocation so the shares add up exactly.
/// </summary>
public sealed class RequisitionSplit : IAudited
{
    public Guid Id { get; set; }

    public Guid RequisitionId { get; set; }

    public Guid? LineId { get; set; }

    public int Position { get; set; }

    public Guid DepartmentId { get; set; }

    public Guid? LocationId { get; set; }

    public Guid? CostCenterId { get; set; }

    public Guid? GlAccountId { get; set; }

    public Guid? ProjectId { get; set; }

    public long? PercentUnits { get; set; }

    public long? AmountMinor { get; set; }
}

internal sealed class RequisitionConfiguration : IEntityTypeConfiguration<Requisition>
{
    public void Configure(EntityTypeBuilder<Requisition> builder)
    {
        builder.ToTable("requisitions");
        builder.Property(x => x.Number).HasMaxLength(30);
        builder.Property(x => x.Title).HasMaxLength(200);
        builder.Property(x => x.Justification).HasMaxLength(4000);
        builder.Property(x => x.Currency).HasMaxLength(3);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.Flags).HasMaxLength(400);
        builder.Property(x => x.StatusReason).HasMaxLength(2000);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.RequesterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.OnBehalfOfId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Location>().WithMany().HasForeignKey(x => x.ShipToLocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Approvals.ApprovalPolicyVersion>().WithMany().HasForeignKey(x => x.PolicyVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CompanyId, x.Number }).IsUnique();
        builder.HasIndex(x => new { x.CompanyId, x.RequesterId, x.Status });
        builder.HasIndex(x => new { x.CompanyId, x.Status });
        builder.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.RequisitionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.Splits).WithOne().HasForeignKey(s => s.RequisitionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RequisitionLineConfiguration : IEntityTypeConfiguration<RequisitionLine>
{
    public void Configure(EntityTypeBuilder<RequisitionLine> builder)
    {
        builder.ToTable("requisition_lines");
        builder.Property(x => x.Description).HasMaxLength(1000);
        builder.Property(x => x.Unit).HasMaxLength(20);
        builder.HasIndex(x => new { x.RequisitionId, x.LineNo }).IsUnique();
        builder.HasOne<Item>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Offer>().WithMany().HasForeignKey(x => x.OfferId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Category>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Vendor>().WithMany().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<GlAccount>().WithMany().HasForeignKey(x => x.GlAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RequisitionSplitConfiguration : IEntityTypeConfiguration<RequisitionSplit>
{
    public void Configure(EntityTypeBuilder<RequisitionSplit> builder)
    {
        builder.ToTable("requisition_splits");
        builder.HasIndex(x => new { x.RequisitionId, x.LineId, x.Position });
        builder.HasOne<RequisitionLine>().WithMany().HasForeignKey(x => x.LineId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Location>().WithMany().HasForeignKey(x => x.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CostCenter>().WithMany().HasForeignKey(x => x.CostCenterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<GlAccount>().WithMany().HasForeignKey(x => x.GlAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
