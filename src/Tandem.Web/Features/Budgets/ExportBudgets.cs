using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Budgets;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Csv;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Budgets;

/// <summary>
/// Budget lines as CSV in the import's columns — edit the amounts and import the file back — followed by their
/// figures (pre-committed, committed, actual, available, forecast), which an import reads past.
/// </summary>
public static class ExportBudgets
{
    public static readonly string[] FigureColumns = ["pre_committed", "committed", "actual", "available", "forecast", "at_risk"];

    public static async Task<Result<string>> ExportAsync(TandemDb db, CurrentUser user, string? period, CancellationToken ct)
    {
        var refs = await BudgetRefs.LoadAsync(db, user.CompanyId, ct);
        var query = db.BudgetLines.AsNoTracking().Where(b => b.CompanyId == user.CompanyId);
        if (period is { Length: > 0 })
        {
            if (BudgetPeriod.TryParse(period, refs.FiscalYearStartMonth) is not { } p)
            {
                return BudgetRefs.InvalidPeriod();
            }

            query = query.Where(b => b.PeriodStart <= p.End && b.PeriodEnd >= p.Start);
        }

        var lines = await query.OrderBy(b => b.PeriodStart).ThenBy(b => b.Name).ToListAsync(ct);
        var sums = await BudgetLedger.ConsumptionAsync(db, [.. lines.Select(l => l.Id)], null, ct);
        var today = await CompanyClock.TodayAsync(db, user.CompanyId, ct);
        var owners = refs.People.ToDictionary(p => p.Value, p => p.Key);
        var csv = new StringBuilder(CsvTable.Line([.. ImportBudgets.Columns, .. ImportBudgets.OptionalColumns, .. FigureColumns]));
        string Amount(long minor) => new Domain.Money.Money(minor, refs.Currency).ToAmountString();
        foreach (var line in lines)
        {
            var state = BudgetLedger.State(line, sums);
            var forecast = BudgetForecast.Of(line.AmountMinor, state.CommittedMinor, state.ActualMinor, line.Period, today);
            csv.Append(CsvTable.Line(
                line.Period.Format(refs.FiscalYearStartMonth), Amount(line.AmountMinor),
                refs.Departments.CodeOf(line.DepartmentId), refs.Locations.CodeOf(line.LocationId), refs.CostCenters.CodeOf(line.CostCenterId),
                refs.GlAccounts.CodeOf(line.GlAccountId), line.GlAccountPrefix, refs.Projects.CodeOf(line.ProjectId),
                JsonNames.Camel(line.Control.ToString()), line.WarnAtPercent.ToString(CultureInfo.InvariantCulture),
                line.OwnerId is { } o ? owners.GetValueOrDefault(o) : null, line.Name,
                Amount(state.PreCommittedMinor), Amount(state.CommittedMinor), Amount(state.ActualMinor), Amount(state.AvailableMinor),
                Amount(forecast.ForecastMinor), forecast.AtRisk ? "yes" : "no"));
        }

        return csv.ToString();
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/budgets/export", async (TandemDb db, CurrentUser user, string? period, CancellationToken ct) =>
            {
                var csv = await ExportAsync(db, user, period, ct);
                return csv.IsSuccess ? Results.Text(csv.Value, "text/csv; charset=utf-8") : Problems.From(csv.Errors);
            })
            .RequireRoles(BudgetQueries.Readers);
}
