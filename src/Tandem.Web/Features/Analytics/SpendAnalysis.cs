using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Analytics;
using Tandem.Domain.Budgets;
using Tandem.Domain.Money;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Csv;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Analytics;

/// <summary>
/// Spend grouped by one or two dimensions and by period (<c>GET /api/v1/analytics/spend?by=department,vendor</c>):
/// committed and actual per bucket in the company currency, each group's totals, the same totals over the window just
/// before (period over period), and the top groups with the rest summed as "Other". One grouped query for the window,
/// one for the comparison, one per dimension for the labels. <c>format=csv</c> returns the table as CSV.
/// </summary>
public static class SpendAnalysis
{
    public sealed record Key(string Dimension, Guid? Id, string Label);

    public sealed record Row(IReadOnlyList<Key> Keys, IReadOnlyList<long> Committed, IReadOnlyList<long> Actual,
        long TotalCommitted, long TotalActual, long PreviousActual, string? ActualChange, string Link);

    public sealed record Response(string Currency, DateOnly From, DateOnly To, string Period, IReadOnlyList<string> By,
        IReadOnlyList<string> Periods, IReadOnlyList<DateOnly> PeriodStarts, IReadOnlyList<Row> Rows, Row Total, DateOnly PreviousFrom, DateOnly PreviousTo);

    /// <summary>The projection grouped on: up to two dimension values, the day, the kind and the amount.</summary>
    private sealed class Slice
    {
        public Guid? A { get; set; }

        public Guid? B { get; set; }

        public DateOnly Day { get; set; }

        public ConsumptionKind Kind { get; set; }

        public long Amount { get; set; }
    }

    private sealed record Sum(Guid? A, Guid? B, ConsumptionKind Kind, DateOnly Bucket, long Amount);

    public static async Task<Result<Response>> GetAsync(TandemDb db, CurrentUser user, IQueryCollection query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(query);
        var (filter, v) = await SpendFilter.ReadAsync(db, user, query, ct);
        var by = new List<SpendDimension>();
        foreach (var name in (query["by"].ToString() is { Length: > 0 } text ? text : "department").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            by.Add(v.Enum<SpendDimension>(name, "by"));
        }

        if (by.Count > 2 || by.Distinct().Count() != by.Count)
        {
            v.Add("by", "too_many", "Group by one or two different dimensions.");
        }

        var top = v.WholeNumber(query["top"], "top") ?? 50;
        if (top is < 1 or > 1000)
        {
            v.Add("top", "out_of_range", "top must be between 1 and 1000.");
        }
        if (!v.IsValid || filter is null)
        {
            return Result<Response>.Failure(v.Errors);
        }

        var sums = await SumsAsync(db, user.CompanyId, filter, by, filter.From, filter.To, filter.Period, ct);
        var (prevFrom, prevTo) = SpendPeriod.Previous(filter.From, filter.To);
        var previous = (await SumsAsync(db, user.CompanyId, filter, by, prevFrom, prevTo, PeriodUnit.Year, ct)).Where(s => s.Kind == ConsumptionKind.Actual)
            .GroupBy(s => (s.A, s.B)).ToDictionary(g => g.Key, g => g.Sum(s => s.Amount));

        var labels = new List<Dictionary<Guid, string>>();
        for (var i = 0; i < by.Count; i++)
        {
            var ids = sums.Select(s => i == 0 ? s.A : s.B).OfType<Guid>().Distinct().ToList();
            labels.Add(await SpendFilter.LabelsAsync(db, by[i], ids, ct));
        }

        var buckets = SpendPeriod.Buckets(filter.From, filter.To, filter.Period);
        var index = buckets.Select((b, i) => (b, i)).ToDictionary(x => x.b, x => x.i);
        var groups = sums.GroupBy(s => (s.A, s.B)).Select(g =>
        {
            var committed = new long[buckets.Count];
            var actual = new long[buckets.Count];
            foreach (var s in g)
            {
                (s.Kind == ConsumptionKind.Actual ? actual : committed)[index[s.Bucket]] += s.Amount;
            }

            var keys = by.Select((d, i) => (i == 0 ? g.Key.A : g.Key.B) is { } id
                ? new Key(SpendFilter.Name(d), id, labels[i].GetValueOrDefault(id, "(deleted)"))
                : new Key(SpendFilter.Name(d), null, "(none)")).ToList();
            return MakeRow(keys, committed, actual, previous.GetValueOrDefault(g.Key), filter, by);
        }).OrderByDescending(r => r.TotalActual).ThenByDescending(r => r.TotalCommitted).ThenBy(r => string.Join("/", r.Keys.Select(k => k.Label)), StringComparer.Ordinal).ToList();

        var rows = groups.Take(top).ToList();
        if (groups.Count > top)
        {
            var rest = groups.Skip(top).ToList();
            rows.Add(MakeRow([.. by.Select(d => new Key(SpendFilter.Name(d), null, $"Other ({rest.Count})"))],
                Add(rest.Select(r => r.Committed), buckets.Count), Add(rest.Select(r => r.Actual), buckets.Count), rest.Sum(r => r.PreviousActual), filter, []));
        }

        var total = MakeRow([new Key("total", null, "Total")], Add(groups.Select(r => r.Committed), buckets.Count), Add(groups.Select(r => r.Actual), buckets.Count),
            previous.Values.Sum(), filter, []);
        var currency = await CompanyClock.CurrencyAsync(db, user.CompanyId, ct);
        return new Response(currency.Code, filter.From, filter.To, JsonNames.Camel(filter.Period.ToString()),
            [.. by.Select(SpendFilter.Name)], [.. buckets.Select(b => SpendPeriod.Label(b, filter.Period))], buckets, rows, total, prevFrom, prevTo);
    }

    /// <summary>The response as CSV: one line per group with its keys, each period's committed and actual, and the totals.</summary>
    public static string Csv(Response r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var currency = Currency.Of(r.Currency);
        string Amount(long minor) => new Money(minor, currency).ToAmountString();
        var csv = new StringBuilder(CsvTable.Line([.. r.By, .. r.Periods.Select(p => $"committed {p}"), .. r.Periods.Select(p => $"actual {p}"),
            "total committed", "total actual", "previous actual", "actual change", "currency"]));
        foreach (var row in r.Rows.Append(r.Total))
        {
            var keys = row.Keys.Count == r.By.Count ? row.Keys.Select(k => k.Label) : [.. row.Keys.Select(k => k.Label), .. Enumerable.Repeat("", r.By.Count - row.Keys.Count)];
            csv.Append(CsvTable.Line([.. keys, .. row.Committed.Select(Amount), .. row.Actual.Select(Amount),
                Amount(row.TotalCommitted), Amount(row.TotalActual), Amount(row.PreviousActual), row.ActualChange ?? "", r.Currency]));
        }

        return csv.ToString();
    }

    private static Row MakeRow(IReadOnlyList<Key> keys, long[] committed, long[] actual, long previousActual, SpendFilter filter, IReadOnlyList<SpendDimension> by)
    {
        var totalActual = actual.Sum();
        var change = Statistics.Rate(totalActual - previousActual, previousActual) is { } bp ? PercentText.Of(bp) : null;
        var only = new Dictionary<SpendDimension, Guid>(filter.Only);
        foreach (var (dimension, key) in by.Zip(keys).Where(x => x.Second.Id is not null))
        {
            only[dimension] = key.Id!.Value;
        }

        var drill = filter with { Only = only };
        return new Row(keys, committed, actual, committed.Sum(), totalActual, previousActual, change, "/Analytics/Documents?" + drill.Query());
    }

    private static long[] Add(IEnumerable<IReadOnlyList<long>> series, int length)
    {
        var sum = new long[length];
        foreach (var s in series)
        {
            for (var i = 0; i < length; i++)
            {
                sum[i] += s[i];
            }
        }

        return sum;
    }

    private static IQueryable<Slice> Slices<T>(IQueryable<T> rows, List<SpendDimension> by)
        where T : class, ISpendRow
    {
        var f = Expression.Parameter(typeof(T), "f");
        Expression Dim(int i) => i < by.Count ? SpendFilter.Column(by[i], f) : Expression.Constant(null, typeof(Guid?));
        var init = Expression.MemberInit(Expression.New(typeof(Slice)),
            Expression.Bind(typeof(Slice).GetProperty(nameof(Slice.A))!, Dim(0)),
            Expression.Bind(typeof(Slice).GetProperty(nameof(Slice.B))!, Dim(1)),
            Expression.Bind(typeof(Slice).GetProperty(nameof(Slice.Day))!, Expression.Property(f, nameof(ISpendRow.Day))),
            Expression.Bind(typeof(Slice).GetProperty(nameof(Slice.Kind))!, Expression.Property(f, nameof(ISpendRow.Kind))),
            Expression.Bind(typeof(Slice).GetProperty(nameof(Slice.Amount))!, Expression.Property(f, nameof(ISpendRow.AmountMinor))));
        return rows.Select(Expression.Lambda<Func<T, Slice>>(init, f));
    }

    /// <summary>
    /// Sums per group, kind and bucket over [from, to]. Days and weeks come from the facts. Months and longer come from
    /// the monthly rollups for every whole month whose rollup is current, and from the facts for the rest (the months
    /// a change has marked since the last rebuild, and partial months at the window's edges).
    /// </summary>
    private static async Task<List<Sum>> SumsAsync(TandemDb db, Guid companyId, SpendFilter filter, List<SpendDimension> by, DateOnly from, DateOnly to, PeriodUnit period, CancellationToken ct)
    {
        var facts = filter.Apply(db.SpendFacts.AsNoTracking(), companyId, from, to);
        if (period is PeriodUnit.Day or PeriodUnit.Week)
        {
            var daily = await Slices(facts, by).GroupBy(s => new { s.A, s.B, s.Kind, s.Day }).Select(g => new { g.Key.A, g.Key.B, g.Key.Kind, g.Key.Day, Amount = g.Sum(s => s.Amount) }).ToListAsync(ct);
            return [.. daily.GroupBy(x => (x.A, x.B, x.Kind, Bucket: SpendPeriod.Start(x.Day, period))).Select(g => new Sum(g.Key.A, g.Key.B, g.Key.Kind, g.Key.Bucket, g.Sum(x => x.Amount)))];
        }

        var dirty = await SpendRollups.DirtyAsync(db, companyId, from, to, ct);
        var months = SpendPeriod.Buckets(from, to, PeriodUnit.Month);
        var fromFacts = months.Where(m => dirty.Contains(m) || m < from || m.AddMonths(1).AddDays(-1) > to).ToList();
        var fromRollups = months.Except(fromFacts).ToList();
        var rows = new List<(Guid? A, Guid? B, ConsumptionKind Kind, DateOnly Month, long Amount)>();
        if (fromRollups.Count > 0)
        {
            var rolled = await Slices(filter.Apply(db.SpendRollups.AsNoTracking(), companyId, fromRollups[0], fromRollups[^1]).Where(r => fromRollups.Contains(r.Day)), by)
                .GroupBy(s => new { s.A, s.B, s.Kind, s.Day }).Select(g => new { g.Key.A, g.Key.B, g.Key.Kind, g.Key.Day, Amount = g.Sum(s => s.Amount) }).ToListAsync(ct);
            rows.AddRange(rolled.Select(r => (r.A, r.B, r.Kind, r.Day, r.Amount)));
        }

        if (fromFacts.Count > 0)
        {
            var f = Expression.Parameter(typeof(SpendFact), "f");
            var day = Expression.Property(f, nameof(SpendFact.Day));
            var inMonths = fromFacts.Select(m => (Expression)Expression.AndAlso(Expression.GreaterThanOrEqual(day, Expression.Constant(m)), Expression.LessThan(day, Expression.Constant(m.AddMonths(1)))))
                .Aggregate(Expression.OrElse);
            var monthly = await Slices(facts.Where(Expression.Lambda<Func<SpendFact, bool>>(inMonths, f)), by)
                .GroupBy(s => new { s.A, s.B, s.Kind, s.Day.Year, s.Day.Month })
                .Select(g => new { g.Key.A, g.Key.B, g.Key.Kind, g.Key.Year, g.Key.Month, Amount = g.Sum(s => s.Amount) }).ToListAsync(ct);
            rows.AddRange(monthly.Select(r => (r.A, r.B, r.Kind, new DateOnly(r.Year, r.Month, 1), r.Amount)));
        }

        return [.. rows.GroupBy(x => (x.A, x.B, x.Kind, Bucket: SpendPeriod.Start(x.Month, period))).Select(g => new Sum(g.Key.A, g.Key.B, g.Key.Kind, g.Key.Bucket, g.Sum(x => x.Amount)))];
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/analytics/spend", async (TandemDb db, CurrentUser user, HttpContext http, string? format, CancellationToken ct) =>
            {
                var result = await GetAsync(db, user, http.Request.Query, ct);
                return format == "csv" && result.IsSuccess
                    ? Results.Text(Csv(result.Value), "text/csv; charset=utf-8")
                    : result.ToOk(http);
            })
            .RequireRoles(SpendFilter.Readers);
}
