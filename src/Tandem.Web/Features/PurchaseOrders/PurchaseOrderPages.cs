using Tandem.Domain.Purchasing;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>How the purchasing pages word things.</summary>
public static class PurchaseOrderPages
{
    public static string Label(PurchaseOrderStatus status) => status switch
    {
        PurchaseOrderStatus.PartiallyReceived => "Partially received",
        _ => status.ToString(),
    };
}
