using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Domain.Purchasing;
using Tandem.Web.Features.Catalog;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Features.Users;
using Tandem.Web.Features.Vendors;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>
/// An order to one vendor in one currency, made from approved requisition lines (each line keeps its link, GL account
/// and cost splits). The exchange rate to the company currency is snapshotted when it is created; payment terms come
/// from the vendor unless the buyer overrides them.
/// </summary>
public sealed class PurchaseOrder : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public string Number { get; set; } = "";

    public Guid VendorId { get; set; }

    public string Currency { get; set; } = "";

    /// <summary>Company-currency units per unit of <see cref="Currency"/> (×<c>ExchangeRate.Scale</c>), fixed when the order was made.</summary>
    public long RateUnits { get; set; }

    public PurchaseOrderStatus Status { get; set; }

    public Guid BuyerId { get; set; }

    public Guid? ShipToLocationId { get; set; }

    public Guid? BillToLocationId { get; set; }

    public int PaymentNetDays { get; set; }

    public int PaymentDiscountBasisPoints { get; set; }

    public int PaymentDiscountDays { get; set; }

    /// <summary>The terms count from the end of the invoice's month ("net 30 EOM").</summary>
    public bool PaymentEndOfMonth { get; set; }

    public Tandem.Domain.Vendors.PaymentTerms Terms => new(PaymentNetDays, PaymentDiscountBasisPoints, PaymentDiscountDays, PaymentEndOfMonth);

    /// <summary>An Incoterms 2020 code (EXW, FCA, DAP, DDP, ...), when agreed.</summary>
    public string? Incoterms { get; set; }

    public string? Notes { get; set; }

    public long SubtotalMinor { get; set; }

    public long TaxMinor { get; set; }

    public long TotalMinor { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? IssuedAtUtc { get; set; }

    /// <summary>The issue date in the company's time zone: lead times count from here.</summary>
    public DateOnly? IssuedOn { get; set; }

    public DateTime? AcknowledgedAtUtc { get; set; }

    /// <summary>Who confirmed for the vendor: a buyer recording it, or "vendor (link)" when the signed e-mail link was used.</summary>
    public string? AcknowledgedBy { get; set; }

    public DateTime? ClosedAtUtc { get; set; }

    public string? StatusReason { get; set; }

    /// <summary>The vendor agreement this order is a release of, when it is one.</summary>
    public Guid? BlanketOrderId { get; set; }

    /// <summary>A release beyond its agreement's remaining limit, waiting for a controller to approve the overrun before it may be issued.</summary>
    public bool OverrunPending { get; set; }

    public Guid? OverrunApprovedById { get; set; }

    /// <summary>The change orders applied so far (0 until the first).</summary>
    public int Revision { get; set; }

    /// <summary>The subtotal when it was issued or a growth was last approved: change orders are measured against it.</summary>
    public long ApprovedSubtotalMinor { get; set; }

    public int Version { get; set; }

    public List<PurchaseOrderLine> Lines { get; set; } = [];
}

/// <summary>How a line is received: goods by quantity; services by amount (or percentage complete).</summary>
public enum ReceiveBy
{
    Quantity,
    Amount,
}

/// <summary>A line: what was ordered, at what price and tax, charged where (its splits), and how much has arrived.</summary>
public sealed class PurchaseOrderLine : IAudited
{
    public Guid Id { get; set; }

    public Guid PurchaseOrderId { get; set; }

    public int LineNo { get; set; }

    public Guid? RequisitionId { get; set; }

    public Guid? RequisitionLineId { get; set; }

    public Guid? ItemId { get; set; }

    public Guid? OfferId { get; set; }

    public string Description { get; set; } = "";

    public Guid? CategoryId { get; set; }

    public long QuantityUnits { get; set; }

    public string Unit { get; set; } = "";

    public long UnitPriceMicros { get; set; }

    public long AmountMinor { get; set; }

    /// <summary>Tax rate in basis points (20 % = 2000).</summary>
    public int TaxRateBasisPoints { get; set; }

    public long TaxMinor { get; set; }

    public DateOnly? NeedBy { get; set; }

    public Guid? GlAccountId { get; set; }

    public ReceiveBy ReceiveBy { get; set; }

    /// <summary>
    /// Accepted so far, net of returns: quantity units for goods, minor units of the amount for services. A running sum
    /// of the receipts' and returns' lines, which are audited themselves (ADR 0010), so the sum is not.
    /// </summary>
    [NotAudited]
    public long ReceivedNet { get; set; }

    /// <summary>
    /// The quantity billed on invoices ready to pay: actual spend, no longer committed by the order. A running sum of
    /// those invoices' lines, whose changes (and the invoice's status) are audited themselves (ADR 0010), so the sum is not.
    /// </summary>
    [NotAudited]
    public long InvoicedUnits { get; set; }

    public List<PurchaseOrderSplit> Splits { get; set; } = [];

    /// <summary>What the line is received in: its quantity, or its amount for services.</summary>
    public long Ordered => ReceiveBy == ReceiveBy.Amount ? AmountMinor : QuantityUnits;
}

/// <summary>A share of a line's cost, carried over from the requisition (percent ×10,000, or an amount used as its weight).</summary>
public sealed class PurchaseOrderSplit : NotifyingRow, IAudited
{
    public Guid Id { get; set => Set(ref field, value); }

    public Guid PurchaseOrderLineId { get; set => Set(ref field, value); }

    public int Position { get; set => Set(ref field, value); }

    public Guid DepartmentId { get; set => Set(ref field, value); }

    public Guid? LocationId { get; set => Set(ref field, value); }

    public Guid? CostCenterId { get; set => Set(ref field, value); }

    public Guid? GlAccountId { get; set => Set(ref field, value); }

    public Guid? ProjectId { get; set => Set(ref field, value); }

    public long? PercentUnits { get; set => Set(ref field, value); }

    public long? AmountMinor { get; set => Set(ref field, value); }
}

internal sealed class PurchaseOrderConfiguration : IEntityTypeConfiguration<PurchaseOrder>
{
    public void Configure(EntityTypeBuilder<PurchaseOrder> builder)
    {
        builder.ToTable("purchase_orders");
        builder.Property(x => x.Number).HasMaxLength(30);
        builder.Property(x => x.Currency).HasMaxLength(3);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.Incoterms).HasMaxLength(3);
        builder.Property(x => x.Notes).HasMaxLength(4000);
        builder.Property(x => x.AcknowledgedBy).HasMaxLength(200);
        builder.Property(x => x.StatusReason).HasMaxLength(2000);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Vendor>().WithMany().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.BuyerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Location>().WithMany().HasForeignKey(x => x.ShipToLocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Location>().WithMany().HasForeignKey(x => x.BillToLocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<BlanketOrders.BlanketOrder>().WithMany().HasForeignKey(x => x.BlanketOrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.OverrunApprovedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CompanyId, x.Number }).IsUnique();
        builder.HasIndex(x => new { x.CompanyId, x.Status });
        builder.HasIndex(x => new { x.CompanyId, x.IssuedAtUtc });
        builder.HasIndex(x => new { x.CompanyId, x.IssuedOn });
        builder.HasIndex(x => new { x.VendorId, x.Status });
        builder.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.PurchaseOrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PurchaseOrderLineConfiguration : IEntityTypeConfiguration<PurchaseOrderLine>
{
    public void Configure(EntityTypeBuilder<PurchaseOrderLine> builder)
    {
        builder.ToTable("purchase_order_lines");
        builder.Property(x => x.Description).HasMaxLength(1000);
        builder.Property(x => x.Unit).HasMaxLength(20);
        builder.Property(x => x.ReceiveBy).HasConversion<string>().HasMaxLength(10);
        builder.Ignore(x => x.Ordered);
        builder.HasIndex(x => new { x.PurchaseOrderId, x.LineNo }).IsUnique();
        builder.HasIndex(x => x.RequisitionLineId);
        builder.HasOne<Requisition>().WithMany().HasForeignKey(x => x.RequisitionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RequisitionLine>().WithMany().HasForeignKey(x => x.RequisitionLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Item>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Offer>().WithMany().HasForeignKey(x => x.OfferId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Category>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict).Unindexed();
        builder.HasOne<GlAccount>().WithMany().HasForeignKey(x => x.GlAccountId).OnDelete(DeleteBehavior.Restrict).Unindexed();
        // Named: the default name passes PostgreSQL's 63-character limit.
        builder.HasMany(x => x.Splits).WithOne().HasForeignKey(s => s.PurchaseOrderLineId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_purchase_order_splits_lines");
    }
}

internal sealed class PurchaseOrderSplitConfiguration : IEntityTypeConfiguration<PurchaseOrderSplit>
{
    public void Configure(EntityTypeBuilder<PurchaseOrderSplit> builder)
    {
        builder.ToTable("purchase_order_splits");
        builder.HasChangeTrackingStrategy(ChangeTrackingStrategy.ChangedNotifications);
        builder.HasIndex(x => new { x.PurchaseOrderLineId, x.Position });
        builder.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Location>().WithMany().HasForeignKey(x => x.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CostCenter>().WithMany().HasForeignKey(x => x.CostCenterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<GlAccount>().WithMany().HasForeignKey(x => x.GlAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
