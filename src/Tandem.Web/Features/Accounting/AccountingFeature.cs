namespace Tandem.Web.Features.Accounting;

/// <summary>The accounting area: payables accounts, journals and their exports, accruals, period close.</summary>
public static class AccountingFeature
{
    public static void Map(RouteGroupBuilder api)
    {
        AccountingSetup.Map(api);
        JournalExports.Map(api);
        Accruals.Map(api);
        ClosePeriod.Map(api);
    }
}
