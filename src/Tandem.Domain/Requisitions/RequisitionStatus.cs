namespace Tandem.Domain.Requisitions;

/// <summary>Where a requisition is in its life; ordered/received/closed follow once purchase orders exist.</summary>
public enum RequisitionStatus
{
    Draft,
    InApproval,
    Approved,
    Rejected,
    Returned,
    Cancelled,
    Ordered,
    Received,
    Closed,
}

/// <summary>What each status permits. Callers ask here instead of comparing statuses.</summary>
public static class RequisitionLifecycle
{
    /// <summary>The requester may change lines and allocations (an approved request is re-checked against the tolerance).</summary>
    public static bool CanEdit(RequisitionStatus status) => status is RequisitionStatus.Draft or RequisitionStatus.Returned or RequisitionStatus.Approved;

    public static bool CanSubmit(RequisitionStatus status) => status is RequisitionStatus.Draft or RequisitionStatus.Returned;

    /// <summary>Cancelling stops an open request; once ordered, the purchase order is what gets cancelled.</summary>
    public static bool CanCancel(RequisitionStatus status) =>
        status is RequisitionStatus.Draft or RequisitionStatus.InApproval or RequisitionStatus.Returned or RequisitionStatus.Approved;
}
