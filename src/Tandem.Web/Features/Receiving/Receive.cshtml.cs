using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Organization;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Receiving;

/// <summary>The receipt form for one order: per line what arrived and what was rejected (with why), or the percentage complete of a service.</summary>
[Authorize(Roles = $"{Role.Receiver},{Role.Buyer},{Role.Admin},{Role.Requester}")]
public sealed class ReceiveModel(TandemDb db) : TandemPage
{
    public PurchaseOrderResponse Order { get; private set; } = null!;

    public sealed class LineForm
    {
        public Guid Id { get; set; }

        public string? Accepted { get; set; }

        public string? Rejected { get; set; }

        public string? RejectReason { get; set; }

        public string? PercentComplete { get; set; }
    }

    [BindProperty]
    public List<LineForm> Lines { get; set; } = [];

    [BindProperty]
    public string? ReceivedOn { get; set; }

    [BindProperty]
    public string? DeliveryNote { get; set; }

    [BindProperty]
    public string? Notes { get; set; }

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync(Guid orderId) => await LoadAsync(orderId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid orderId)
    {
        var result = await RecordReceipt.HandleAsync(db, Me, new RecordReceipt.Request(orderId, string.IsNullOrEmpty(ReceivedOn) ? null : ReceivedOn, DeliveryNote, Notes,
            [.. Lines.Where(l => !string.IsNullOrWhiteSpace(l.Accepted) || !string.IsNullOrWhiteSpace(l.Rejected) || !string.IsNullOrWhiteSpace(l.PercentComplete))
                .Select(l => new RecordReceipt.LineRequest(l.Id, l.Accepted, l.Rejected, l.RejectReason, string.IsNullOrWhiteSpace(l.PercentComplete) ? null : l.PercentComplete))]), Ct);
        if (Succeeded(result))
        {
            TempData["Notice"] = $"Receipt {result.Value.Number} recorded.";
            return RedirectToPage("/PurchaseOrders/Detail", new { id = orderId });
        }

        db.ChangeTracker.Clear();
        return await LoadAsync(orderId) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid orderId)
    {
        if (!await ReceivingAccess.Receivable(db, Me).AnyAsync(p => p.Id == orderId, Ct))
        {
            return false;
        }

        var found = await PurchaseOrderQueries.GetAsync(db, Me, orderId, Ct);
        if (!found.IsSuccess)
        {
            return false;
        }

        Order = found.Value;
        return true;
    }
}
