namespace Tandem.Web.Features.Receiving;

/// <summary>The receiving area: receipts against order lines, returns to vendors, the inbox of what is due.</summary>
public static class ReceivingFeature
{
    public static void Map(RouteGroupBuilder api)
    {
        ReceivingInbox.Map(api);
        ReceiptQueries.Map(api);
        RecordReceipt.Map(api);
        RecordReturn.Map(api);
    }
}
