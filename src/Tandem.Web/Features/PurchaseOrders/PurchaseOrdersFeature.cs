namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>The purchasing area: the buyer's workbench, orders from approved requests, issue, acknowledge, cancel, close, documents, settings.</summary>
public static class PurchaseOrdersFeature
{
    public static void Map(RouteGroupBuilder api)
    {
        Workbench.Map(api);
        PurchaseOrderQueries.Map(api);
        CreatePurchaseOrder.Map(api);
        IssuePurchaseOrder.Map(api);
        AcknowledgePurchaseOrder.Map(api);
        ChangePurchaseOrder.Map(api);
        ApproveOverrun.Map(api);
        EndPurchaseOrder.Map(api);
        PurchasingSettingsEndpoints.Map(api);
    }
}
