using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Analytics;

/// <summary>
/// The shared KPIs over a window (<c>GET /api/v1/kpis?from&amp;to</c>, default the last 30 days): every KPI of
/// <see cref="KpiDefinitions"/> with its value, basis, breakdown and link. <see cref="TrendAsync"/> computes them for
/// this week and each of the four before (the review pack).
/// </summary>
public static class Kpis
{
    public sealed record Response(DateOnly From, DateOnly To, string Currency, IReadOnlyList<Kpi> Kpis);

    public static async Task<Result<Response>> GetAsync(TandemDb db, IServiceScopeFactory scopes, CurrentUser user, string? from, string? to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var v = new Validator();
        var today = await CompanyClock.TodayAsync(db, user.CompanyId, ct);
        var until = v.Date(to, "to") ?? today;
        var since = v.Date(from, "from") ?? until.AddDays(-29);
        if (v.IsValid && (since > until || until.DayNumber - since.DayNumber > 3 * 366))
        {
            v.Add("from", "out_of_range", "from must be on or before to, at most three years earlier.");
        }

        if (!v.IsValid)
        {
            return Result<Response>.Failure(v.Errors);
        }

        var window = await WindowAsync(db, user.CompanyId, since, until, today, ct);
        return new Response(since, until, window.Currency.Code, await ComputeAsync(scopes, window, ct));
    }

    public static async Task<KpiWindow> WindowAsync(TandemDb db, Guid companyId, DateOnly from, DateOnly to, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var zone = (await CompanyClock.SettingsAsync(db, companyId, ct)).TimeZone;
        return new KpiWindow(companyId, from, to, today, db.Clock.GetUtcNow().UtcDateTime, await CompanyClock.CurrencyAsync(db, companyId, ct), TimeZoneInfo.FindSystemTimeZoneById(zone));
    }

    /// <summary>
    /// Every KPI over the window, procurement's and finance's, in the order of <see cref="KpiDefinitions.All"/>. The eight
    /// groups read different tables and share nothing, so they run side by side, each on its own connection.
    /// </summary>
    public static async Task<IReadOnlyList<Kpi>> ComputeAsync(IServiceScopeFactory scopes, KpiWindow window, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        // On the thread pool: SQLite's provider does its work synchronously, so without Task.Run the groups would not overlap.
        Task<IReadOnlyList<Kpi>> On(Func<TandemDb, Task<IReadOnlyList<Kpi>>> group) => Task.Run(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            return await group(scope.ServiceProvider.GetRequiredService<TandemDb>());
        }, ct);

        var groups = await Task.WhenAll(
            On(db => ProcurementKpis.SpendAsync(db, window, ct)),
            On(db => ProcurementKpis.SavingsAsync(db, window, ct)),
            On(async db => (IReadOnlyList<Kpi>)[await ProcurementKpis.PoCycleTimeAsync(db, window, ct)]),
            On(db => ProcurementKpis.ApprovalsAsync(db, window, ct)),
            On(db => FinanceKpis.InvoicesAsync(db, window, ct)),
            On(db => FinanceKpis.PaymentsAsync(db, window, ct)),
            On(db => FinanceKpis.DeliveryAsync(db, window, ct)),
            On(db => FinanceKpis.PriceVarianceAsync(db, window, ct)));
        var order = KpiDefinitions.All.Keys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i, StringComparer.Ordinal);
        return [.. groups.SelectMany(g => g).OrderBy(k => order[k.Key])];
    }

    /// <summary>The KPIs of the week ending <paramref name="to"/> and of each of the <paramref name="weeks"/> weeks before, oldest first.</summary>
    public static async Task<IReadOnlyList<(DateOnly From, DateOnly To, IReadOnlyList<Kpi> Kpis)>> TrendAsync(
        TandemDb db, IServiceScopeFactory scopes, Guid companyId, DateOnly to, DateOnly today, int weeks, CancellationToken ct)
    {
        var trend = new List<(DateOnly, DateOnly, IReadOnlyList<Kpi>)>();
        for (var i = weeks; i >= 0; i--)
        {
            var end = to.AddDays(-7 * i);
            var window = await WindowAsync(db, companyId, end.AddDays(-6), end, today, ct);
            trend.Add((window.From, window.To, await ComputeAsync(scopes, window, ct)));
        }

        return trend;
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/kpis", async (TandemDb db, IServiceScopeFactory scopes, CurrentUser user, HttpContext http, string? from, string? to, CancellationToken ct) =>
                (await GetAsync(db, scopes, user, from, to, ct)).ToOk(http))
            .RequireRoles(SpendFilter.Readers);
}
