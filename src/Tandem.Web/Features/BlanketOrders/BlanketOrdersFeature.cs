namespace Tandem.Web.Features.BlanketOrders;

/// <summary>Vendor agreements: record, close, read with their draw-down (releases are orders made with a blanketOrderId).</summary>
public static class BlanketOrdersFeature
{
    public static void Map(RouteGroupBuilder api)
    {
        BlanketOrderQueries.Map(api);
        SaveBlanketOrder.Map(api);
    }
}
