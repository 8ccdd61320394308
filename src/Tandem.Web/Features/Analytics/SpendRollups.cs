using Microsoft.EntityFrameworkCore;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Jobs;

namespace Tandem.Web.Features.Analytics;

/// <summary>
/// Keeps <see cref="SpendRollup"/> current (ADR 0021). A change to a document's facts marks the months it touched
/// (<see cref="MarkAsync"/>, same transaction). The rebuild takes a month's marks, replaces the month's rollup rows with
/// the sums of its facts and removes exactly the marks it read, in one transaction: a change committed later leaves
/// its own mark, so the month stays out of date (and is read from facts) until the next rebuild. Nothing is ever
/// updated in place, so concurrent changes never wait for each other here.
/// </summary>
public static class SpendRollups
{
    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>Marks the months of <paramref name="days"/> out of date (in the caller's transaction).</summary>
    public static void Mark(TandemDb db, Guid companyId, IEnumerable<DateOnly> days)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = db.Clock.GetUtcNow();
        db.SpendDirtyMonths.AddRange(days.Select(MonthOf).Distinct().Select(m => new SpendDirtyMonth { Id = Ids.New(now), CompanyId = companyId, Month = m }));
    }

    /// <summary>The company's months whose rollup is out of date, within [from, to].</summary>
    public static async Task<HashSet<DateOnly>> DirtyAsync(TandemDb db, Guid companyId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (start, end) = (MonthOf(from), MonthOf(to));
        return [.. await db.SpendDirtyMonths.AsNoTracking().Where(d => d.CompanyId == companyId && d.Month >= start && d.Month <= end).Select(d => d.Month).Distinct().ToListAsync(ct)];
    }

    /// <summary>Rebuilds every marked month of every company; returns how many months were rebuilt.</summary>
    public static async Task<int> RebuildMarkedAsync(TandemDb db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var marked = await db.SpendDirtyMonths.AsNoTracking().Select(d => new { d.CompanyId, d.Month }).Distinct().ToListAsync(ct);
        foreach (var m in marked)
        {
            await RebuildAsync(db, m.CompanyId, m.Month, ct);
        }

        return marked.Count;
    }

    /// <summary>Marks every month that has facts or rollups and rebuilds them all (after a backfill or a bulk load).</summary>
    public static async Task RebuildAllAsync(TandemDb db, Guid companyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var days = await db.SpendFacts.AsNoTracking().Where(f => f.CompanyId == companyId).Select(f => new { f.Day.Year, f.Day.Month }).Distinct().ToListAsync(ct);
        var rolled = await db.SpendRollups.AsNoTracking().Where(r => r.CompanyId == companyId).Select(r => r.Day).Distinct().ToListAsync(ct);
        Mark(db, companyId, days.Select(d => new DateOnly(d.Year, d.Month, 1)).Concat(rolled));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await RebuildMarkedAsync(db, ct);
    }

    private static async Task RebuildAsync(TandemDb db, Guid companyId, DateOnly month, CancellationToken ct)
    {
        await Transactions.RunAsync<bool>(db, async () =>
        {
            var marks = await db.SpendDirtyMonths.Where(d => d.CompanyId == companyId && d.Month == month).Select(d => d.Id).ToListAsync(ct);
            await db.SpendRollups.Where(r => r.CompanyId == companyId && r.Day == month).ExecuteDeleteAsync(ct);
            var next = month.AddMonths(1);
            var sums = await db.SpendFacts.AsNoTracking().Where(f => f.CompanyId == companyId && f.Day >= month && f.Day < next)
                .GroupBy(f => new { f.Kind, f.DepartmentId, f.LocationId, f.CostCenterId, f.GlAccountId, f.ProjectId, f.VendorId, f.CategoryId, f.OnPurchaseOrder, f.Catalog, f.Preferred })
                .Select(g => new { g.Key, Amount = g.Sum(f => f.AmountMinor), Count = g.Count() }).ToListAsync(ct);
            var now = db.Clock.GetUtcNow();
            await BulkInsert.InsertAsync(db, [.. sums.Select(s => new SpendRollup
            {
                Id = Ids.New(now),
                CompanyId = companyId,
                Kind = s.Key.Kind,
                Day = month,
                DepartmentId = s.Key.DepartmentId,
                LocationId = s.Key.LocationId,
                CostCenterId = s.Key.CostCenterId,
                GlAccountId = s.Key.GlAccountId,
                ProjectId = s.Key.ProjectId,
                VendorId = s.Key.VendorId,
                CategoryId = s.Key.CategoryId,
                OnPurchaseOrder = s.Key.OnPurchaseOrder,
                Catalog = s.Key.Catalog,
                Preferred = s.Key.Preferred,
                AmountMinor = s.Amount,
                Facts = s.Count,
            })], ct);
            await db.SpendDirtyMonths.Where(d => marks.Contains(d.Id)).ExecuteDeleteAsync(ct);
            return true;
        }, ct);
    }
}

/// <summary>Brings the spend rollups up to date every minute (on one instance at a time).</summary>
public sealed class SpendRollupJob : IScheduledJob
{
    public string Name => "spend-rollups";

    public TimeSpan Interval => TimeSpan.FromMinutes(1);

    public Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        SpendRollups.RebuildMarkedAsync(services.GetRequiredService<TandemDb>(), ct);
}
