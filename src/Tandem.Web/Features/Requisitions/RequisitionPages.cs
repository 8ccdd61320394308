using Tandem.Domain.Requisitions;

namespace Tandem.Web.Features.Requisitions;

/// <summary>Words and stages the requisition pages show.</summary>
public static class RequisitionPages
{
    public static string Label(RequisitionStatus status) => status switch
    {
        RequisitionStatus.InApproval => "In approval",
        RequisitionStatus.Returned => "Changes requested",
        _ => status.ToString(),
    };

    public static string Css(RequisitionStatus status) => status switch
    {
        RequisitionStatus.InApproval => "pending",
        RequisitionStatus.Approved or RequisitionStatus.Ordered or RequisitionStatus.Received or RequisitionStatus.Closed => "approved",
        RequisitionStatus.Rejected or RequisitionStatus.Returned or RequisitionStatus.Cancelled => "rejected",
        _ => "",
    };

    /// <summary>The status timeline: each stage done, current, failed or still ahead, with when it happened where known.</summary>
    public static IReadOnlyList<(string Stage, string State, DateTime? At)> Timeline(RequisitionStatus status, DateTime createdAt, DateTime? submittedAt, DateTime? decidedAt)
    {
        var submitted = submittedAt is not null;
        var end = status switch
        {
            RequisitionStatus.Rejected or RequisitionStatus.Cancelled or RequisitionStatus.Returned => (Label(status), "bad", decidedAt),
            RequisitionStatus.Draft or RequisitionStatus.InApproval => ("Approved", "", (DateTime?)null),
            _ => (Label(status), "done", decidedAt),
        };
        return
        [
            ("Draft", status == RequisitionStatus.Draft ? "now" : "done", createdAt),
            ("Submitted", submitted ? "done" : "", submittedAt),
            ("In approval", status == RequisitionStatus.InApproval ? "now" : submitted ? "done" : "", null),
            end,
        ];
    }
}
