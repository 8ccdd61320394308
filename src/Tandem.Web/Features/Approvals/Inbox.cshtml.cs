using Microsoft.AspNetCore.Mvc;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Approvals;

/// <summary>The approval inbox: what waits for me (or for someone I stand in for), why, by when; approve several at once.</summary>
public sealed class InboxModel(TandemDb db) : TandemPage
{
    public IReadOnlyList<InboxItem> Items { get; private set; } = [];

    /// <summary>Invoices without a purchase order waiting for me: decided one by one on the invoice.</summary>
    public IReadOnlyList<InvoiceInboxItem> Invoices { get; private set; } = [];

    public IReadOnlyList<DecideApproval.BulkResult> Refused { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Notice = TempData["Notice"] as string;
        Items = await ApprovalInbox.ListAsync(db, Me, HttpContext.RequestAborted);
        Invoices = await ApprovalInbox.InvoicesAsync(db, Me, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostBulkAsync(List<Guid>? ids, string? comment)
    {
        var result = await DecideApproval.BulkAsync(db, Me, new DecideApproval.BulkRequest(ids, comment), HttpContext.RequestAborted);
        if (Succeeded(result))
        {
            var approved = result.Value.Count(r => r.Approved);
            Refused = [.. result.Value.Where(r => !r.Approved)];
            if (Refused.Count == 0)
            {
                TempData["Notice"] = $"Approved {approved} request(s).";
                return RedirectToPage();
            }

            Notice = $"Approved {approved} request(s); {Refused.Count} could not be approved.";
        }

        db.ChangeTracker.Clear();
        Items = await ApprovalInbox.ListAsync(db, Me, HttpContext.RequestAborted);
        Invoices = await ApprovalInbox.InvoicesAsync(db, Me, HttpContext.RequestAborted);
        return Page();
    }
}
