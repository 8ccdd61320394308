using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Budgets;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Platform.Hosting;

/// <summary>
/// The demo company's budgets for the current fiscal year: a warn-mode budget per department (owned by its manager or the
/// controller), software and IT for Engineering this quarter in route mode, and lab consumables this month in block mode,
/// so every control mode can be tried at once.
/// </summary>
internal static class DemoBudgets
{
    private static readonly (string Department, long Dollars)[] Annual =
    [
        ("ENG", 250_000), ("OPS", 180_000), ("FIN", 60_000), ("MKT", 150_000), ("IT", 200_000), ("HR", 50_000), ("FAC", 120_000),
    ];

    public static async Task SeedAsync(TandemDb db, Guid companyId, IReadOnlyDictionary<string, Guid> departments, Guid controllerId, CancellationToken ct)
    {
        var refs = await BudgetRefs.LoadAsync(db, companyId, ct);
        var today = await CompanyClock.TodayAsync(db, companyId, ct);
        var managers = await db.Departments.Where(d => d.CompanyId == companyId).Select(d => new { d.Id, d.ManagerId }).ToDictionaryAsync(d => d.Id, d => d.ManagerId, ct);
        var lab = refs.GlAccounts.ByCode("6700");
        var lines = Annual.Select(a => new BudgetDraft(
                BudgetPeriod.Containing(BudgetPeriodKind.Year, today, refs.FiscalYearStartMonth), departments[a.Department], null, null, null, null, null,
                a.Dollars * 100, BudgetControl.Warn, 90, managers[departments[a.Department]] ?? controllerId, null))
            .Append(new BudgetDraft(BudgetPeriod.Containing(BudgetPeriodKind.Quarter, today, refs.FiscalYearStartMonth), departments["ENG"], null, null, null, "61", null,
                2_500_000, BudgetControl.Route, 80, controllerId, null))
            .Append(new BudgetDraft(BudgetPeriod.Containing(BudgetPeriodKind.Month, today, refs.FiscalYearStartMonth), departments["ENG"], null, null, lab, null, null,
                500_000, BudgetControl.Block, 90, managers[departments["ENG"]] ?? controllerId, null));
        db.BudgetLines.AddRange(lines.Select(d => SaveBudgetLine.NewLine(db, companyId, d, refs)));
        await db.SaveChangesAsync(ct);
    }
}
