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

    /// <summary>
    /// An approved request's status from its lines' orders: approved while a line waits for an order; closed once every
    /// line's order is closed; received once every line has arrived; otherwise ordered.
    /// </summary>
    public static RequisitionStatus FromOrders(IReadOnlyCollection<(bool OnOrder, bool Received, bool Closed)> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return lines.Any(l => !l.OnOrder) ? RequisitionStatus.Approved
            : lines.All(l => l.Closed) ? RequisitionStatus.Closed
            : lines.All(l => l.Received) ? RequisitionStatus.Received
            : RequisitionStatus.Ordered;
    }
}
