using Microsoft.EntityFrameworkCore;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Data;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Platform;

/// <summary>
/// Rows changed without the change tracker (ADR 0033) are written set-based with the audit entries a tracked save would
/// write: only rows that changed, only what changed, and a row gone since it was read fails the write as EF's would.
/// </summary>
public sealed class BulkUpdateTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Rate = [nameof(ExchangeRate.RateUnits)];

    [Fact]
    public async Task Changed_rows_are_written_with_the_entry_a_tracked_save_writes_and_unchanged_rows_are_left_alone()
    {
        var (stored, entries, tracked) = await factory.WithDbAsync(async db =>
        {
            var rates = await RatesAsync(db, "XTU", 3);
            var rows = await db.ExchangeRates.AsNoTracking().Where(r => r.Currency == "XTU").OrderBy(r => r.ValidFrom).ToListAsync(Ct);
            var before = rows.Select(r => (r, new object?[] { r.RateUnits })).ToList();
            rows[0].RateUnits = 11;
            rows[2].RateUnits = 33;
            await BulkUpdate.UpdateAsync(db, Rate, before, Ct);

            // The same change through the change tracker, for comparison.
            rates[1].RateUnits = 22;
            await db.SaveChangesAsync(Ct);
            var keys = rates.Select(r => r.Id.ToString()).ToList();
            var updated = await db.AuditEntries.AsNoTracking().Where(a => keys.Contains(a.EntityId) && a.Action == "updated").ToListAsync(Ct);
            return (
                await db.ExchangeRates.AsNoTracking().Where(r => r.Currency == "XTU").OrderBy(r => r.ValidFrom).Select(r => r.RateUnits).ToListAsync(Ct),
                updated.Where(a => a.EntityId != rates[1].Id.ToString()).OrderBy(a => a.AfterJson).ToList(),
                updated.Single(a => a.EntityId == rates[1].Id.ToString()));
        });

        Assert.Equal([11L, 22L, 33L], stored);
        Assert.Equal(["{\"rateUnits\":11}", "{\"rateUnits\":33}"], entries.Select(e => e.AfterJson));
        Assert.All(entries, e => Assert.Equal($"{{\"rateUnits\":{ExchangeRate.Scale}}}", e.BeforeJson));
        Assert.All(entries, e => Assert.Equal((tracked.EntityType, tracked.CompanyId, tracked.ActorName, tracked.BeforeJson), (e.EntityType, e.CompanyId, e.ActorName, e.BeforeJson)));
    }

    [Fact]
    public async Task A_row_gone_since_it_was_read_fails_the_write_and_its_transaction_keeps_nothing()
    {
        var stored = await factory.WithDbAsync(async db =>
        {
            await RatesAsync(db, "XTG", 2);
            var rows = await db.ExchangeRates.AsNoTracking().Where(r => r.Currency == "XTG").OrderBy(r => r.ValidFrom).ToListAsync(Ct);
            var before = rows.Select(r => (r, new object?[] { r.RateUnits })).ToList();
            rows.ForEach(r => r.RateUnits = 7);
            await db.ExchangeRates.Where(r => r.Id == rows[0].Id).ExecuteDeleteAsync(Ct);
            await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
            {
                await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => BulkUpdate.UpdateAsync(db, Rate, before, Ct));
            }

            return await db.ExchangeRates.AsNoTracking().Where(r => r.Currency == "XTG").Select(r => r.RateUnits).ToListAsync(Ct);
        });
        Assert.Equal([ExchangeRate.Scale], stored);
    }

    [Fact]
    public async Task Keys_and_uniquely_indexed_columns_are_never_written_without_the_change_tracker()
    {
        await factory.WithDbAsync(async db =>
        {
            var rows = (await RatesAsync(db, "XTK", 1)).Select(r => (r, new object?[] { "EUR" })).ToList();
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => BulkUpdate.UpdateAsync(db, [nameof(ExchangeRate.Currency)], rows, Ct));
            Assert.Contains("ExchangeRate.Currency", refused.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<InvalidOperationException>(() => BulkUpdate.UpdateAsync(db, [nameof(ExchangeRate.Id)], rows, Ct));
            return 0;
        });
    }

    /// <summary>Rates of a test currency at 1.0, saved through the change tracker.</summary>
    private static async Task<List<ExchangeRate>> RatesAsync(TandemDb db, string currency, int count)
    {
        var company = await db.Companies.AsNoTracking().FirstAsync(Ct);
        var rates = Enumerable.Range(0, count).Select(i => new ExchangeRate
        {
            Id = Guid.CreateVersion7(),
            CompanyId = company.Id,
            Currency = currency,
            ValidFrom = new DateOnly(2019, 1, 1).AddDays(i),
            RateUnits = ExchangeRate.Scale,
        }).ToList();
        db.ExchangeRates.AddRange(rates);
        await db.SaveChangesAsync(Ct);
        return rates;
    }
}
