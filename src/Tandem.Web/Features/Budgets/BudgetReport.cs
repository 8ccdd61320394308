using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Budgets;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;
using Money = Tandem.Domain.Money.Money;

namespace Tandem.Web.Features.Budgets;

/// <summary>
/// Budget vs committed vs actual, grouped by one dimension or by period, for the lines running in a period: variance
/// (amount and percent), the run-rate forecast and how many lines are at risk. Lines that do not name the dimension
/// are grouped under "(all)". Each row links to the lines behind it.
/// </summary>
public static class BudgetReport
{
    public enum GroupBy
    {
        Department,
        Location,
        CostCenter,
        GlAccount,
        Project,
        Period,
    }

    public sealed record Row(
        string Key, string Label, int Lines, MoneyDto Amount, MoneyDto PreCommitted, MoneyDto Committed, MoneyDto Actual, MoneyDto Variance, decimal? VariancePercent,
        MoneyDto Forecast, int LinesAtRisk);

    public sealed record Report(string GroupBy, string Period, IReadOnlyList<Row> Rows, Row Total);

    public static async Task<Result<Report>> BuildAsync(TandemDb db, CurrentUser user, string? by, string? period, CancellationToken ct)
    {
        var v = new Validator();
        var groupBy = by is null ? GroupBy.Department : v.Enum<GroupBy>(by, "by");
        var refs = await BudgetRefs.LoadAsync(db, user.CompanyId, ct);
        var today = await CompanyClock.TodayAsync(db, user.CompanyId, ct);
        var range = period is null ? BudgetPeriod.Containing(BudgetPeriodKind.Year, today, refs.FiscalYearStartMonth) : refs.Period(v, period);

        if (!v.IsValid)
        {
            return Result<Report>.Failure(v.Errors);
        }

        var (start, end) = (range!.Value.Start, range.Value.End);
        var lines = await db.BudgetLines.AsNoTracking().Where(b => b.CompanyId == user.CompanyId && b.PeriodStart >= start && b.PeriodEnd <= end).ToListAsync(ct);
        var sums = await BudgetLedger.ConsumptionAsync(db, [.. lines.Select(l => l.Id)], null, ct);
        var rows = lines.GroupBy(l => KeyOf(l, groupBy, refs))
            .Select(g => Sum(g.Key.Key, g.Key.Label, g.ToList(), sums, refs, today))
            .OrderBy(r => r.Key == "" ? 1 : 0).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
        return new Report(JsonNames.Camel(groupBy.ToString()), range.Value.Format(refs.FiscalYearStartMonth), rows, Sum("", "Total", lines, sums, refs, today));
    }

    private static (string Key, string Label) KeyOf(BudgetLine l, GroupBy by, BudgetRefs refs)
    {
        (string, string) Of(Guid? id, BudgetRefs.Dimension dimension) => id is { } value ? (value.ToString(), dimension.LabelOf(value)) : ("", "(all)");
        return by switch
        {
            GroupBy.Department => Of(l.DepartmentId, refs.Departments),
            GroupBy.Location => Of(l.LocationId, refs.Locations),
            GroupBy.CostCenter => Of(l.CostCenterId, refs.CostCenters),
            GroupBy.GlAccount => l.GlAccountPrefix is { } prefix ? ("group:" + prefix, $"GL {prefix}*") : Of(l.GlAccountId, refs.GlAccounts),
            GroupBy.Project => Of(l.ProjectId, refs.Projects),
            _ => (l.PeriodStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "/" + l.PeriodKind, l.Period.Format(refs.FiscalYearStartMonth)),
        };
    }

    private static Row Sum(string key, string label, List<BudgetLine> lines, IReadOnlyDictionary<(Guid, ConsumptionKind), long> sums, BudgetRefs refs, DateOnly today)
    {
        long amount = 0, pending = 0, committed = 0, actual = 0, forecast = 0;
        var atRisk = 0;
        foreach (var line in lines)
        {
            var state = BudgetLedger.State(line, sums);
            var f = BudgetForecast.Of(line.AmountMinor, state.CommittedMinor, state.ActualMinor, line.Period, today);
            amount += line.AmountMinor;
            pending += state.PreCommittedMinor;
            committed += state.CommittedMinor;
            actual += state.ActualMinor;
            forecast += f.ForecastMinor;
            atRisk += f.AtRisk ? 1 : 0;
        }

        var variance = amount - committed - actual;
        MoneyDto M(long minor) => MoneyDto.From(new Money(minor, refs.Currency));
        return new Row(key, label, lines.Count, M(amount), M(pending), M(committed), M(actual), M(variance),
            amount == 0 ? null : Math.Round(variance * 100m / amount, 1, MidpointRounding.AwayFromZero), M(forecast), atRisk);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/budgets/report", async (TandemDb db, CurrentUser user, HttpContext http, string? by, string? period, CancellationToken ct) =>
                (await BuildAsync(db, user, by, period, ct)).ToOk(http))
            .RequireRoles(BudgetQueries.Readers);
}
