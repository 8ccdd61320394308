using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Features.Users;
using Tandem.Web.Features.Vendors;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices;

public enum InvoiceStatus
{
    /// <summary>At least one line does not match; waits for a receipt, a correction or a resolution.</summary>
    Exception,

    /// <summary>Every line matched (or within tolerance): approved for payment; its amounts are actual spend.</summary>
    ReadyToPay,

    Rejected,
}

public enum InvoiceKind
{
    Invoice,

    /// <summary>Reduces the invoice it references (<see cref="Invoice.CreditsInvoiceId"/>): its lines' billed quantities and amounts.</summary>
    CreditNote,
}

/// <summary>
/// A vendor invoice against a purchase order, matched line by line against the order and what was received. Once every
/// line matches it is ready to pay and becomes actual spend: the order's commitment for the invoiced quantities is
/// released in the same transaction (ADR 0016), so nothing is counted twice.
/// </summary>
public sealed class Invoice : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid VendorId { get; set; }

    public InvoiceKind Kind { get; set; }

    /// <summary>For a credit note: the invoice it reduces.</summary>
    public Guid? CreditsInvoiceId { get; set; }

    public string Number { get; set; } = "";

    /// <summary>The number as duplicates are detected (<c>InvoiceNumbers.Key</c>): unique per vendor.</summary>
    public string NumberKey { get; set; } = "";

    public DateOnly InvoiceDate { get; set; }

    /// <summary>The order it bills; null for a non-PO invoice, which is approved through its own approval policy instead of matched.</summary>
    public Guid? PurchaseOrderId { get; set; }

    /// <summary>A non-PO invoice's department: whose spend it is, whose manager and budget it goes to.</summary>
    public Guid? DepartmentId { get; set; }

    /// <summary>A non-PO invoice's approval: the invoice policy version it was routed with, and the round (0 before routing).</summary>
    public Guid? PolicyVersionId { get; set; }

    public int ApprovalRound { get; set; }

    /// <summary>When a non-PO invoice's approval route completed (or the policy approved it outright).</summary>
    public DateTime? ApprovedAtUtc { get; set; }

    /// <summary>What routing noted for a non-PO invoice: why it was approved outright, or why nobody could be named.</summary>
    public string? ApprovalNote { get; set; }

    public bool IsNonPo => PurchaseOrderId is null && Kind == InvoiceKind.Invoice;

    public string Currency { get; set; } = "";

    /// <summary>The exchange rate its order snapshotted (units of <c>ExchangeRate.Scale</c> per unit of the invoice currency).</summary>
    public long RateUnits { get; set; }

    public InvoiceStatus Status { get; set; }

    public long SubtotalMinor { get; set; }

    public long TaxMinor { get; set; }

    /// <summary>Document-level charges minus allowances (electronic invoices); 0 when entered by hand.</summary>
    public long ChargesMinor { get; set; }

    /// <summary>Subtotal + charges + tax.</summary>
    public long TotalMinor { get; set; }

    /// <summary>Already paid (a prepayment the vendor deducts).</summary>
    public long PrepaidMinor { get; set; }

    /// <summary>What is due: total − prepaid (+ the vendor's rounding).</summary>
    public long PayableMinor { get; set; }

    /// <summary>The payment terms it is paid under: the order's (from the vendor) unless AP overrides them for this invoice.</summary>
    public int PaymentNetDays { get; set; }

    public int PaymentDiscountBasisPoints { get; set; }

    public int PaymentDiscountDays { get; set; }

    public bool PaymentEndOfMonth { get; set; }

    /// <summary>When it is due under its terms (and the company's weekend rule).</summary>
    public DateOnly? DueDate { get; set; }

    /// <summary>The last day the early-payment discount may be taken; null without one.</summary>
    public DateOnly? DiscountDate { get; set; }

    /// <summary>The early-payment discount on the payable amount.</summary>
    public long DiscountMinor { get; set; }

    /// <summary>What taking the discount earns a year, in basis points (2/10 net 30 ≈ 3724).</summary>
    public int DiscountAnnualizedBasisPoints { get; set; }

    /// <summary>The day its payment was confirmed; null while unpaid.</summary>
    public DateOnly? PaidOn { get; set; }

    public DateTime? PaidAtUtc { get; set; }

    /// <summary>What the payment settled: payable − discount taken (for a credit note, what was netted).</summary>
    public long PaidMinor { get; set; }

    public long DiscountTakenMinor { get; set; }

    public Domain.Vendors.PaymentTerms Terms => new(PaymentNetDays, PaymentDiscountBasisPoints, PaymentDiscountDays, PaymentEndOfMonth);

    public Guid CreatedById { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? ReadyAtUtc { get; set; }

    /// <summary>
    /// Price variance, recorded when it became ready to pay (<see cref="PriceVariance"/>): its lines received by
    /// quantity, billed quantities at their order prices (invoice currency).
    /// </summary>
    public long VarianceBasisMinor { get; set; }

    /// <summary>What those lines bill.</summary>
    public long VarianceBilledMinor { get; set; }

    /// <summary>The header checks that failed at the last match, comma-separated (camelCase); empty when none.</summary>
    public string HeaderExceptions { get; set; } = "";

    public string HeaderExplanation { get; set; } = "";

    /// <summary>The soft duplicate rule found this earlier invoice (same vendor and total, close dates).</summary>
    public Guid? PossibleDuplicateOfId { get; set; }

    /// <summary>When AP asked the vendor for a credit note (the invoice waits for it).</summary>
    public DateTime? CreditRequestedAtUtc { get; set; }

    /// <summary>The first match found no exception (first-pass match, invoice accuracy).</summary>
    public bool FirstPassMatched { get; set; }

    /// <summary>The exceptions of the first match (header and lines, comma-separated): why it stopped.</summary>
    public string FirstExceptions { get; set; } = "";

    /// <summary>A person keyed, adjusted, resolved or assigned it: not touchless.</summary>
    public bool Touched { get; set; }

    /// <summary>A person confirmed it is not a duplicate.</summary>
    public bool DuplicateCleared { get; set; }

    /// <summary>Why an exception was accepted or the invoice rejected, and by whom.</summary>
    public string? ResolutionReason { get; set; }

    public Guid? ResolvedById { get; set; }

    public int Version { get; set; }

    public List<InvoiceLine> Lines { get; set; } = [];
}

/// <summary>An invoice line: what the vendor billed against an order line, and how it matched.</summary>
public sealed class InvoiceLine : NotifyingRow, IAudited
{
    public Guid Id { get; set => Set(ref field, value); }

    public Guid InvoiceId { get; set => Set(ref field, value); }

    public int LineNo { get; set => Set(ref field, value); }

    /// <summary>The order line it bills; null on a non-PO invoice.</summary>
    public Guid? PurchaseOrderLineId { get; set => Set(ref field, value); }

    public string Description { get; set => Set(ref field, value); } = "";

    public long QuantityUnits { get; set => Set(ref field, value); }

    public long UnitPriceMicros { get; set => Set(ref field, value); }

    public long AmountMinor { get; set => Set(ref field, value); }

    /// <summary>The line's GL account (<see cref="Tandem.Domain.Invoicing.GlCoding"/>): from the order line, a rule, a default, learned, or AP.</summary>
    public Guid? GlAccountId { get; set => Set(ref field, value); }

    public Guid? CostCenterId { get; set => Set(ref field, value); }

    /// <summary>Where the account came from (camelCase <see cref="Tandem.Domain.Invoicing.CodingSource"/>).</summary>
    public string CodingSource { get; set => Set(ref field, value); } = "";

    public int CodingConfidenceBasisPoints { get; set => Set(ref field, value); }

    /// <summary>The classifier's suggestion when it was not confident enough to apply it.</summary>
    public Guid? SuggestedGlAccountId { get; set => Set(ref field, value); }

    /// <summary>Quantity taken back by credit notes; the line bills <see cref="QuantityUnits"/> − this.</summary>
    public long CreditedUnits { get; set => Set(ref field, value); }

    /// <summary>Amount taken back by credit notes.</summary>
    public long CreditedMinor { get; set => Set(ref field, value); }

    /// <summary>What the line bills after credit notes.</summary>
    public long NetUnits => QuantityUnits - CreditedUnits;

    public string MatchStatus { get; set => Set(ref field, value); } = "";

    /// <summary>The exceptions of the last match, comma-separated (camelCase), empty when it matched.</summary>
    public string Exceptions { get; set => Set(ref field, value); } = "";

    public long VarianceMinor { get; set => Set(ref field, value); }

    /// <summary>Quantity billed beyond what may be billed (received or ordered), from the last match.</summary>
    public long OverUnits { get; set => Set(ref field, value); }

    public string Explanation { get; set => Set(ref field, value); } = "";
}

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.ToTable("invoices");
        builder.Property(x => x.Number).HasMaxLength(50);
        builder.Property(x => x.NumberKey).HasMaxLength(50);
        builder.Property(x => x.Currency).HasMaxLength(3);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(x => x.Terms);
        builder.Ignore(x => x.IsNonPo);
        builder.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.DepartmentId);
        builder.HasOne<Approvals.ApprovalPolicyVersion>().WithMany().HasForeignKey(x => x.PolicyVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.PolicyVersionId);
        builder.Property(x => x.ApprovalNote).HasMaxLength(1000);
        builder.HasIndex(x => new { x.CompanyId, x.Status, x.DueDate });
        // The KPI windows: discounts by an index on the date; received, ready, paid and invoiced from covering indexes alone.
        builder.HasIndex(x => new { x.CompanyId, x.DiscountDate });
        builder.HasIndex(x => new { x.CompanyId, x.CreatedAtUtc, x.Kind, x.FirstPassMatched, x.Touched, x.Status, x.FirstExceptions }).HasDatabaseName("ix_invoices_received");
        builder.HasIndex(x => new { x.CompanyId, x.ReadyAtUtc, x.Kind, x.CreatedAtUtc, x.Currency, x.RateUnits, x.VarianceBasisMinor, x.VarianceBilledMinor }).HasDatabaseName("ix_invoices_ready");
        builder.HasIndex(x => new { x.CompanyId, x.PaidOn, x.Kind, x.Status, x.ReadyAtUtc, x.PaidAtUtc, x.DueDate, x.PayableMinor, x.Currency, x.RateUnits }).HasDatabaseName("ix_invoices_paid");
        builder.HasIndex(x => new { x.CompanyId, x.InvoiceDate, x.Kind, x.ReadyAtUtc, x.PayableMinor, x.Currency, x.RateUnits }).HasDatabaseName("ix_invoices_invoiced");

        builder.HasOne<Invoice>().WithMany().HasForeignKey(x => x.CreditsInvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.CreditsInvoiceId);
        builder.Property(x => x.HeaderExceptions).HasMaxLength(200);
        builder.Property(x => x.HeaderExplanation).HasMaxLength(1000);
        builder.Property(x => x.FirstExceptions).HasMaxLength(200);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(x => x.PossibleDuplicateOfId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.PossibleDuplicateOfId);
        builder.HasIndex(x => new { x.VendorId, x.TotalMinor });
        builder.Property(x => x.ResolutionReason).HasMaxLength(2000);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.ResolvedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Vendor>().WithMany().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PurchaseOrder>().WithMany().HasForeignKey(x => x.PurchaseOrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CompanyId, x.VendorId, x.NumberKey }).IsUnique();
        builder.HasIndex(x => new { x.PurchaseOrderId, x.Status });
        builder.HasIndex(x => x.VendorId);
        builder.HasIndex(x => x.CreatedById);
        builder.HasIndex(x => x.ResolvedById);
        builder.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> builder)
    {
        builder.ToTable("invoice_lines");
        builder.HasChangeTrackingStrategy(ChangeTrackingStrategy.ChangedNotifications);
        builder.Ignore(x => x.NetUnits);
        builder.Property(x => x.CodingSource).HasMaxLength(20);
        builder.HasOne<Organization.GlAccount>().WithMany().HasForeignKey(x => x.GlAccountId).OnDelete(DeleteBehavior.Restrict).Unindexed();
        builder.HasOne<Organization.GlAccount>().WithMany().HasForeignKey(x => x.SuggestedGlAccountId).OnDelete(DeleteBehavior.Restrict).Unindexed();
        builder.HasOne<Organization.CostCenter>().WithMany().HasForeignKey(x => x.CostCenterId).OnDelete(DeleteBehavior.Restrict).Unindexed();
        builder.Property(x => x.Description).HasMaxLength(1000);
        builder.Property(x => x.MatchStatus).HasMaxLength(20);
        builder.Property(x => x.Exceptions).HasMaxLength(200);
        builder.Property(x => x.Explanation).HasMaxLength(1000);
        builder.HasIndex(x => new { x.InvoiceId, x.LineNo }).IsUnique();
        builder.HasOne<PurchaseOrderLine>().WithMany().HasForeignKey(x => x.PurchaseOrderLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.PurchaseOrderLineId);
    }
}
