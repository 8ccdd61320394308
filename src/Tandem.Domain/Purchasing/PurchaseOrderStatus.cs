namespace Tandem.Domain.Purchasing;

/// <summary>Where a purchase order is in its life.</summary>
public enum PurchaseOrderStatus
{
    Draft,
    Issued,
    Acknowledged,
    PartiallyReceived,
    Received,
    Closed,
    Cancelled,
}

/// <summary>What each status permits. Callers ask here instead of comparing statuses.</summary>
public static class PurchaseOrderLifecycle
{
    public static bool CanIssue(PurchaseOrderStatus status) => status == PurchaseOrderStatus.Draft;

    /// <summary>The vendor confirms an order that was sent to it (once).</summary>
    public static bool CanAcknowledge(PurchaseOrderStatus status) => status == PurchaseOrderStatus.Issued;

    /// <summary>Goods arrive against an order the vendor has (received orders still take late lines of a tolerance).</summary>
    public static bool CanReceive(PurchaseOrderStatus status) =>
        status is PurchaseOrderStatus.Issued or PurchaseOrderStatus.Acknowledged or PurchaseOrderStatus.PartiallyReceived or PurchaseOrderStatus.Received;

    /// <summary>Change orders apply to orders still in progress (a draft is simply edited).</summary>
    public static bool CanChange(PurchaseOrderStatus status) =>
        status is PurchaseOrderStatus.Draft or PurchaseOrderStatus.Issued or PurchaseOrderStatus.Acknowledged or PurchaseOrderStatus.PartiallyReceived;

    /// <summary>Cancelling withdraws the whole order; once anything was received, close it instead.</summary>
    public static bool CanCancel(PurchaseOrderStatus status, bool anythingReceived) =>
        !anythingReceived && status is PurchaseOrderStatus.Draft or PurchaseOrderStatus.Issued or PurchaseOrderStatus.Acknowledged;

    /// <summary>Closing ends an order that went out (received or not in full); its remaining commitment is released.</summary>
    public static bool CanClose(PurchaseOrderStatus status) =>
        status is PurchaseOrderStatus.Issued or PurchaseOrderStatus.Acknowledged or PurchaseOrderStatus.PartiallyReceived or PurchaseOrderStatus.Received;

    /// <summary>An order that still commits budget: every status but closed and cancelled.</summary>
    public static bool IsOpen(PurchaseOrderStatus status) => status is not (PurchaseOrderStatus.Closed or PurchaseOrderStatus.Cancelled);

    /// <summary>
    /// The status a receipt or return leaves an order in, from what has been received net of returns: nothing → the
    /// status before any receipt (issued or acknowledged); some → partially received; every line in full → received.
    /// </summary>
    public static PurchaseOrderStatus AfterReceiving(bool acknowledged, bool anyReceived, bool allReceived) =>
        allReceived ? PurchaseOrderStatus.Received
        : anyReceived ? PurchaseOrderStatus.PartiallyReceived
        : acknowledged ? PurchaseOrderStatus.Acknowledged
        : PurchaseOrderStatus.Issued;
}
