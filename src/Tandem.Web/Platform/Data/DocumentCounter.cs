using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Domain.Numbering;

namespace Tandem.Web.Platform.Data;

/// <summary>The last number handed out for a company, document prefix and year.</summary>
public sealed class DocumentCounter
{
    public Guid CompanyId { get; set; }

    public string Prefix { get; set; } = "";

    public int Year { get; set; }

    public long LastValue { get; set; }
}

internal sealed class DocumentCounterConfiguration : IEntityTypeConfiguration<DocumentCounter>
{
    public void Configure(EntityTypeBuilder<DocumentCounter> builder)
    {
        builder.ToTable("document_counters");
        builder.HasKey(x => new { x.CompanyId, x.Prefix, x.Year });
        builder.Property(x => x.Prefix).HasMaxLength(10);
    }
}

/// <summary>
/// Hands out document numbers that never repeat, even under concurrency: one atomic
/// INSERT … ON CONFLICT DO UPDATE … RETURNING on both PostgreSQL (row lock until commit) and SQLite (single writer).
/// Call it inside the transaction that saves the document, so a failed save hands the number back.
/// </summary>
public static class DocumentNumbers
{
    public static async Task<string> NextAsync(TandemDb db, Guid companyId, string prefix, int year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var value = await db.Database.SqlQuery<long>($"""
            INSERT INTO document_counters (company_id, prefix, year, last_value) VALUES ({companyId}, {prefix}, {year}, 1)
            ON CONFLICT (company_id, prefix, year) DO UPDATE SET last_value = document_counters.last_value + 1
            RETURNING last_value AS "Value"
            """).ToListAsync(ct);
        return DocumentNumber.Format(prefix, year, value[0]);
    }
}
