using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Accounting;

/// <summary>
/// A journal entry of procure-to-pay, balanced in its currency: one per source (an invoice or credit note, a payment,
/// a period's accrual or its reversal), so posting twice is impossible. Exported entries carry their export.
/// </summary>
public sealed class JournalEntry : IAudited
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public DateOnly EntryDate { get; set; }

    public string Currency { get; set; } = "";

    /// <summary>"invoice", "creditNote", "payment", "accrual" or "accrualReversal".</summary>
    public string SourceKind { get; set; } = "";

    /// <summary>The invoice, payment or accounting period the entry books.</summary>
    public Guid SourceId { get; set; }

    public string SourceNumber { get; set; } = "";

    public string Memo { get; set; } = "";

    public Guid? ExportId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public List<JournalLine> Lines { get; set; } = [];
}

public sealed class JournalLine : IAudited
{
    public Guid Id { get; set; }

    public Guid EntryId { get; set; }

    public int LineNo { get; set; }

    public Guid GlAccountId { get; set; }

    public Guid? DepartmentId { get; set; }

    public Guid? CostCenterId { get; set; }

    public Guid? ProjectId { get; set; }

    public long DebitMinor { get; set; }

    public long CreditMinor { get; set; }
}

/// <summary>One export of journal entries to the general ledger (its CSV is rebuilt from the entries it marked).</summary>
public sealed class JournalExport : IAudited
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public string Number { get; set; } = "";

    /// <summary>Entries dated up to this day were taken.</summary>
    public DateOnly UpTo { get; set; }

    public int EntryCount { get; set; }

    public Guid CreatedById { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

public enum PeriodStatus
{
    Open,
    Closed,
}

/// <summary>A month of the books. Without a row a month is open; a controller closes it, and reopening is audited with a reason.</summary>
public sealed class AccountingPeriod : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    /// <summary>"2026-11".</summary>
    public string Period { get; set; } = "";

    public PeriodStatus Status { get; set; }

    public Guid? ClosedById { get; set; }

    public DateTime? ClosedAtUtc { get; set; }

    /// <summary>Why it was last reopened.</summary>
    public string? ReopenReason { get; set; }

    public int Version { get; set; }
}

/// <summary>The accounts payables are booked with; empty ones fall back to the chart's usual codes (2000, 2300, 1000, 4900, 2100).</summary>
public sealed class AccountingSettings : IAudited, IVersioned
{
    public Guid CompanyId { get; set; }

    Guid IAudited.Id => CompanyId;

    public Guid? PayablesAccountId { get; set; }

    public Guid? TaxAccountId { get; set; }

    public Guid? CashAccountId { get; set; }

    public Guid? DiscountsAccountId { get; set; }

    public Guid? AccrualsAccountId { get; set; }

    public int Version { get; set; }
}

internal sealed class LedgerConfiguration :
    IEntityTypeConfiguration<JournalEntry>, IEntityTypeConfiguration<JournalLine>, IEntityTypeConfiguration<JournalExport>,
    IEntityTypeConfiguration<AccountingPeriod>, IEntityTypeConfiguration<AccountingSettings>
{
    public void Configure(EntityTypeBuilder<JournalEntry> builder)
    {
        builder.ToTable("journal_entries");
        builder.Property(x => x.Currency).HasMaxLength(3);
        builder.Property(x => x.SourceKind).HasMaxLength(20);
        builder.Property(x => x.SourceNumber).HasMaxLength(50);
        builder.Property(x => x.Memo).HasMaxLength(300);
        builder.HasIndex(x => new { x.CompanyId, x.SourceKind, x.SourceId }).IsUnique();
        builder.HasIndex(x => new { x.CompanyId, x.ExportId, x.EntryDate });
        builder.HasIndex(x => x.ExportId);
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<JournalExport>().WithMany().HasForeignKey(x => x.ExportId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<JournalLine> builder)
    {
        builder.ToTable("journal_lines");
        builder.HasIndex(x => new { x.EntryId, x.LineNo }).IsUnique();
        builder.HasIndex(x => x.GlAccountId);
        builder.HasIndex(x => x.DepartmentId);
        builder.HasIndex(x => x.CostCenterId);
        builder.HasIndex(x => x.ProjectId);
        builder.HasOne<GlAccount>().WithMany().HasForeignKey(x => x.GlAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CostCenter>().WithMany().HasForeignKey(x => x.CostCenterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<JournalExport> builder)
    {
        builder.ToTable("journal_exports");
        builder.Property(x => x.Number).HasMaxLength(30);
        builder.HasIndex(x => new { x.CompanyId, x.Number }).IsUnique();
        builder.HasIndex(x => x.CreatedById);
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<AccountingPeriod> builder)
    {
        builder.ToTable("accounting_periods");
        builder.Property(x => x.Period).HasMaxLength(7);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(x => x.ReopenReason).HasMaxLength(500);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => new { x.CompanyId, x.Period }).IsUnique();
        builder.HasIndex(x => x.ClosedById);
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.ClosedById).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<AccountingSettings> builder)
    {
        builder.ToTable("accounting_settings");
        builder.HasKey(x => x.CompanyId);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        foreach (var account in new[]
        {
            nameof(AccountingSettings.PayablesAccountId), nameof(AccountingSettings.TaxAccountId), nameof(AccountingSettings.CashAccountId),
            nameof(AccountingSettings.DiscountsAccountId), nameof(AccountingSettings.AccrualsAccountId),
        })
        {
            builder.HasOne<GlAccount>().WithMany().HasForeignKey(account).OnDelete(DeleteBehavior.Restrict);
            builder.HasIndex(account);
        }
    }
}
