using Microsoft.AspNetCore.Mvc;
using Tandem.Domain;
using Tandem.Domain.Purchasing;
using Tandem.Web.Features.Audit;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>
/// One order: vendor, terms, lines with what arrived, its receipts and requests (the linked documents), the documents
/// to download, and the buyer's actions (issue, record the vendor's confirmation, cancel, close); the audit trail below.
/// </summary>
public sealed class DetailModel(TandemDb db, VendorLinks links) : TandemPage
{
    public PurchaseOrderResponse Order { get; private set; } = null!;

    public IReadOnlyList<AuditEntry> Trail { get; private set; } = [];

    public IReadOnlyList<Features.Comments.CommentResponse> Comments { get; private set; } = [];

    public bool IsBuyer => Me.HasAnyRole(PurchaseOrderAccess.Buyers);

    public bool CanReceive => PurchaseOrderLifecycle.CanReceive(Order.Status) && Me.HasAnyRole(Receiving.ReceivingAccess.Receivers);

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Notice = TempData["Notice"] as string;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetDocumentAsync(Guid id, string format)
    {
        var file = await PurchaseOrderQueries.DocumentAsync(db, Me, id, format, Ct);
        return file.IsSuccess ? File(file.Value.Content, file.Value.ContentType, file.Value.FileName) : NotFound();
    }

    public Task<IActionResult> OnPostCommentAsync(Guid id, string? body, List<IFormFile>? files) =>
        ActAsync(id, () => Features.Comments.AddComment.HandleAsync(db, Me, Features.Comments.CommentThreads.PurchaseOrder, id, body, files ?? [], Ct), _ => "Comment added.");

    public Task<IActionResult> OnPostIssueAsync(Guid id) =>
        ActAsync(id, () => IssuePurchaseOrder.HandleAsync(db, Me, links, id, Ct), o => $"Issued {o.Number}; the PDF is on its way to the vendor.");

    public Task<IActionResult> OnPostAcknowledgeAsync(Guid id, string? confirmedBy) =>
        ActAsync(id, () => AcknowledgePurchaseOrder.HandleAsync(db, Me, id, new AcknowledgePurchaseOrder.Request(confirmedBy), Ct), _ => "The vendor's confirmation is recorded.");

    public sealed class LineEdit
    {
        public Guid Id { get; set; }

        public string? Quantity { get; set; }

        public string? UnitPrice { get; set; }

        public string? NeedBy { get; set; }

        public bool Remove { get; set; }
    }

    /// <summary>The change-order form: each line's new quantity, price, need-by date (blank or unchanged keeps it), or removal.</summary>
    public Task<IActionResult> OnPostChangeAsync(Guid id, string? reason, List<LineEdit>? edits) =>
        ActAsync(id, () => ChangePurchaseOrder.HandleAsync(db, Me, links, id, new ChangePurchaseOrder.Request(reason,
            [.. (edits ?? []).Select(e => new ChangePurchaseOrder.LineRequest(e.Id, e.Quantity, e.UnitPrice, e.NeedBy, null, e.Remove))], null), Ct),
            o => o.Revisions.Count > 0 && o.Revisions[^1] is { Status: "pendingApproval" } r ? $"Revision {r.Number} grows the order beyond the tolerance: it waits for its change request's approval."
                : $"Changed; the order is at revision {o.Revision}.");

    public Task<IActionResult> OnPostApproveOverrunAsync(Guid id) =>
        ActAsync(id, () => ApproveOverrun.HandleAsync(db, Me, id, Ct), _ => "Overrun approved; the release may be issued.");

    public bool CanApproveOverrun => Order.OverrunPending && Me.HasAnyRole(ApproveOverrun.Approvers) && Order.Buyer.Id != Me.UserId;

    public Task<IActionResult> OnPostCancelAsync(Guid id, string? reason) =>
        ActAsync(id, () => EndPurchaseOrder.CancelAsync(db, Me, links, id, new EndPurchaseOrder.Request(reason), Ct), _ => "Cancelled; its lines are back on the workbench.");

    public Task<IActionResult> OnPostCloseAsync(Guid id, string? reason) =>
        ActAsync(id, () => EndPurchaseOrder.CloseAsync(db, Me, id, new EndPurchaseOrder.Request(reason), Ct), _ => "Closed; what it still committed is released.");

    private Task<IActionResult> ActAsync<T>(Guid id, Func<Task<Result<T>>> action, Func<T, string> notice) =>
        ActAsync(db, action, notice, () => LoadAsync(id), new { id });

    private async Task<bool> LoadAsync(Guid id)
    {
        var found = await PurchaseOrderQueries.GetAsync(db, Me, id, Ct);
        if (!found.IsSuccess)
        {
            return false;
        }

        Order = found.Value;
        Comments = (await Features.Comments.CommentQueries.ListAsync(db, Me, Features.Comments.CommentThreads.PurchaseOrder, id, Ct)).Value;
        Trail = await AuditQueries.TrailAsync(db, Me.CompanyId, Order.Lines.Select(l => l.Id).Concat(Order.Receipts.Select(r => r.Id)).Append(id), 50, Ct);
        return true;
    }
}
