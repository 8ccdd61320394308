namespace Tandem.Web.Features.Budgets;

/// <summary>The budgets area: lines (create, revise, import, export, reallocate), consumption and reports, the check, spending limits.</summary>
public static class BudgetsFeature
{
    public static void Map(RouteGroupBuilder api)
    {
        BudgetQueries.Map(api);
        BudgetReport.Map(api);
        CheckBudget.Map(api);
        SaveBudgetLine.Map(api);
        ReallocateBudget.Map(api);
        ImportBudgets.Map(api);
        ExportBudgets.Map(api);
        SpendingLimits.Map(api);
    }
}
