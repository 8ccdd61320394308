using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Invoices;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Users;
using Tandem.Web.Features.Vendors;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Payments;

public enum PaymentRunStatus
{
    /// <summary>Proposed; AP may still remove or add invoices.</summary>
    Draft,

    /// <summary>Submitted; waits for a controller (and a second one above the threshold).</summary>
    AwaitingApproval,

    /// <summary>Approved; its bank files are stored and may be sent.</summary>
    Approved,

    /// <summary>Being confirmed payment by payment (resumable).</summary>
    Executing,

    /// <summary>Every payment is settled: paid, or rejected by the bank.</summary>
    Executed,

    Cancelled,
}

public enum PaymentStatus
{
    Pending,
    Paid,
    Rejected,
}

/// <summary>
/// A payment run: what the company pays on a pay date from one of its bank accounts. Prepared by AP, approved by a
/// controller who did not prepare it (two above the company's threshold), written to ISO 20022 pain.001 and CSV files
/// stored with it, then confirmed payment by payment. An invoice is in at most one run (a unique index on its item),
/// so it is paid exactly once (ADR 0019).
/// </summary>
public sealed class PaymentRun : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public string Number { get; set; } = "";

    public PaymentRunStatus Status { get; set; }

    public DateOnly PayDate { get; set; }

    /// <summary>Invoices due on or before this date are paid in full.</summary>
    public DateOnly DueBy { get; set; }

    public Guid BankAccountId { get; set; }

    /// <summary>The company's cost of capital when it was proposed: discounts earning more a year were taken.</summary>
    public int CostOfCapitalBasisPoints { get; set; }

    public int PaymentCount { get; set; }

    public int InvoiceCount { get; set; }

    /// <summary>What the run pays, in the company currency (other currencies at the latest rates when proposed).</summary>
    public long TotalCompanyMinor { get; set; }

    public long DiscountCompanyMinor { get; set; }

    /// <summary>Above the company's threshold: a second controller must approve too.</summary>
    public bool NeedsSecondApproval { get; set; }

    public Guid PreparedById { get; set; }

    public DateTime PreparedAtUtc { get; set; }

    public DateTime? SubmittedAtUtc { get; set; }

    public Guid? FirstApprovedById { get; set; }

    public DateTime? FirstApprovedAtUtc { get; set; }

    public Guid? ApprovedById { get; set; }

    public DateTime? ApprovedAtUtc { get; set; }

    /// <summary>Who marked the run executed: every pending payment is then paid (resumed by a job after a crash).</summary>
    public Guid? ConfirmedById { get; set; }

    public DateTime? ConfirmedAtUtc { get; set; }

    public DateTime? ExecutedAtUtc { get; set; }

    /// <summary>Why it was sent back or cancelled.</summary>
    public string? Note { get; set; }

    /// <summary>What was left out when proposed and why (JSON: vendor, invoice, reason), for the builder page.</summary>
    [NotAudited]
    public string Exclusions { get; set; } = "[]";

    public int Version { get; set; }
}

/// <summary>One credit transfer: a vendor, a currency, its invoices net of credit notes, to the vendor's verified account.</summary>
public sealed class Payment : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid PaymentRunId { get; set; }

    public Guid VendorId { get; set; }

    public string Currency { get; set; } = "";

    public long AmountMinor { get; set; }

    public long DiscountMinor { get; set; }

    /// <summary>The id the bank echoes back (unique): run number and sequence.</summary>
    public string EndToEndId { get; set; } = "";

    public PaymentStatus Status { get; set; }

    public DateTime? SettledAtUtc { get; set; }

    public string? RejectionReason { get; set; }

    /// <summary>The invoices it paid, as the remittance advice and the bank's reference list them.</summary>
    public string InvoiceNumbers { get; set; } = "";

    public string PayeeName { get; set; } = "";

    /// <summary>The vendor's verified account at approval (pending changes never used).</summary>
    [NotAudited]
    public string? Iban { get; set; }

    [NotAudited]
    public string? Bic { get; set; }

    [NotAudited]
    public string? AccountNumber { get; set; }

    [NotAudited]
    public string? RoutingNumber { get; set; }

    public string? BankMasked { get; set; }

    public int Version { get; set; }
}

/// <summary>An invoice or credit note in a run, and what it adds to its payment. Unique per invoice: in one run at most.</summary>
public sealed class PaymentRunItem
{
    public Guid Id { get; set; }

    public Guid PaymentRunId { get; set; }

    public Guid PaymentId { get; set; }

    public Guid InvoiceId { get; set; }

    /// <summary>"due", "discount" or "credit" (<see cref="Domain.Payments.PayReason"/>).</summary>
    public string Reason { get; set; } = "";

    public long PayableMinor { get; set; }

    public long DiscountMinor { get; set; }

    /// <summary>What it adds to the payment: payable − discount, negative for a credit note.</summary>
    public long PaidMinor { get; set; }
}

/// <summary>A bank file of a run (pain.001.001.09, pain.001.001.03, CSV), kept as it was generated at approval.</summary>
public sealed class PaymentRunFile
{
    public Guid Id { get; set; }

    public Guid PaymentRunId { get; set; }

    public string Format { get; set; } = "";

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    /// <summary>The message id inside the file (unique per file).</summary>
    public string MessageId { get; set; } = "";

    public byte[] Content { get; set; } = [];

    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class PaymentRunConfiguration :
    IEntityTypeConfiguration<PaymentRun>, IEntityTypeConfiguration<Payment>, IEntityTypeConfiguration<PaymentRunItem>, IEntityTypeConfiguration<PaymentRunFile>
{
    public void Configure(EntityTypeBuilder<PaymentRun> builder)
    {
        builder.ToTable("payment_runs");
        builder.Property(x => x.Number).HasMaxLength(30);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.Note).HasMaxLength(2000);
        builder.Property(x => x.Exclusions).HasMaxLength(200_000);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => new { x.CompanyId, x.Number }).IsUnique();
        builder.HasIndex(x => new { x.CompanyId, x.Status });
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<BankAccount>().WithMany().HasForeignKey(x => x.BankAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.BankAccountId);
        foreach (var user in new[] { nameof(PaymentRun.PreparedById), nameof(PaymentRun.FirstApprovedById), nameof(PaymentRun.ApprovedById), nameof(PaymentRun.ConfirmedById) })
        {
            builder.HasOne<User>().WithMany().HasForeignKey(user).OnDelete(DeleteBehavior.Restrict);
            builder.HasIndex(user);
        }
    }

    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments");
        builder.Property(x => x.Currency).HasMaxLength(3);
        builder.Property(x => x.EndToEndId).HasMaxLength(35);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.RejectionReason).HasMaxLength(500);
        builder.Property(x => x.InvoiceNumbers).HasMaxLength(4000);
        builder.Property(x => x.PayeeName).HasMaxLength(200);
        builder.Property(x => x.Iban).HasMaxLength(34);
        builder.Property(x => x.Bic).HasMaxLength(11);
        builder.Property(x => x.AccountNumber).HasMaxLength(17);
        builder.Property(x => x.RoutingNumber).HasMaxLength(9);
        builder.Property(x => x.BankMasked).HasMaxLength(60);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => new { x.CompanyId, x.EndToEndId }).IsUnique();
        builder.HasIndex(x => new { x.PaymentRunId, x.Status });
        builder.HasIndex(x => x.VendorId);
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PaymentRun>().WithMany().HasForeignKey(x => x.PaymentRunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Vendor>().WithMany().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<PaymentRunItem> builder)
    {
        builder.ToTable("payment_run_items");
        builder.Property(x => x.Reason).HasMaxLength(20);
        builder.HasIndex(x => x.InvoiceId).IsUnique();
        builder.HasIndex(x => x.PaymentRunId);
        builder.HasIndex(x => x.PaymentId);
        builder.HasOne<PaymentRun>().WithMany().HasForeignKey(x => x.PaymentRunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Payment>().WithMany().HasForeignKey(x => x.PaymentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<PaymentRunFile> builder)
    {
        builder.ToTable("payment_run_files");
        builder.Property(x => x.Format).HasMaxLength(30);
        builder.Property(x => x.FileName).HasMaxLength(100);
        builder.Property(x => x.ContentType).HasMaxLength(100);
        builder.Property(x => x.MessageId).HasMaxLength(35);
        builder.HasIndex(x => new { x.PaymentRunId, x.Format }).IsUnique();
        builder.HasOne<PaymentRun>().WithMany().HasForeignKey(x => x.PaymentRunId).OnDelete(DeleteBehavior.Cascade);
    }
}
