using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Domain.Budgets;
using Tandem.Web.Features.Organization;

namespace Tandem.Web.Features.Analytics;

/// <summary>
/// A document's spend as analytics reads it (ADR 0021): the sum of its charges (lines' cost splits) that share a day and
/// every dimension, in the company currency at the rate the document snapshotted, dated like the budget ledger dates
/// it, with every dimension written on the row so a spend query reads one table. <see cref="LineNo"/> and
/// <see cref="SplitNo"/> name the first charge summed; a 1,000-line invoice for one department and category is one row.
/// Rewritten as a whole whenever the document's budget consumption is (same transaction, same charges), so the two
/// always agree. Derived data: not audited — the document is.
/// </summary>
public sealed class SpendFact : ISpendRow
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    /// <summary>Pre-committed (requisition in approval), committed (approved requisition not yet ordered, open order) or actual (invoice ready to pay).</summary>
    public ConsumptionKind Kind { get; set; }

    public string DocumentType { get; set; } = "";

    public Guid DocumentId { get; set; }

    public string DocumentNumber { get; set; } = "";

    public int LineNo { get; set; }

    public int SplitNo { get; set; }

    public DateOnly Day { get; set; }

    public Guid DepartmentId { get; set; }

    public Guid? LocationId { get; set; }

    public Guid? CostCenterId { get; set; }

    public Guid? GlAccountId { get; set; }

    public Guid? ProjectId { get; set; }

    public Guid? VendorId { get; set; }

    public Guid? CategoryId { get; set; }

    /// <summary>Bought through an approved purchase order (spend under management).</summary>
    public bool OnPurchaseOrder { get; set; }

    /// <summary>Bought from a catalog offer.</summary>
    public bool Catalog { get; set; }

    /// <summary>The vendor was preferred for the line's category when the row was written.</summary>
    public bool Preferred { get; set; }

    public long AmountMinor { get; set; }
}

internal sealed class SpendFactConfiguration : IEntityTypeConfiguration<SpendFact>
{
    public void Configure(EntityTypeBuilder<SpendFact> builder)
    {
        builder.ToTable("spend_facts");
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(15);
        builder.Property(x => x.DocumentType).HasMaxLength(30);
        builder.Property(x => x.DocumentNumber).HasMaxLength(30);
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        // Covering the KPI window questions (spend by channel, year over year): answered from the index alone.
        builder.HasIndex(x => new { x.CompanyId, x.Kind, x.Day, x.AmountMinor, x.OnPurchaseOrder, x.Catalog, x.Preferred }).HasDatabaseName("ix_spend_facts_window");
        builder.HasIndex(x => new { x.DocumentId, x.LineNo, x.SplitNo }).IsUnique();
    }
}
