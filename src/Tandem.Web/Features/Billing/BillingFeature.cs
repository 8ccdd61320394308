namespace Tandem.Web.Features.Billing;

/// <summary>Consolidated billing: groups, one bill per group and cycle (built by a job or on request), its PDF and CSV, the owner's approval.</summary>
public static class BillingFeature
{
    public static void Map(RouteGroupBuilder api)
    {
        BillingGroups.Map(api);
        BuildBill.Map(api);
        BillQueries.Map(api);
    }
}
