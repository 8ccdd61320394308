using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Purchasing;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>
/// The vendor's page, reached by the signed link in the order e-mail (no sign-in): the order's lines and total, and a
/// button to confirm it. A forged, damaged or expired link shows nothing of any order.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmModel(TandemDb db, VendorLinks links) : PageModel
{
    public PurchaseOrder? Order { get; private set; }

    public string CompanyName { get; private set; } = "";

    public string? Error { get; private set; }

    public bool Confirmed { get; private set; }

    public bool CanConfirm => Order is { } o && PurchaseOrderLifecycle.CanAcknowledge(o.Status);

    public async Task<IActionResult> OnGetAsync(string? token) => await LoadAsync(token) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string? token, string? name)
    {
        if (!await LoadAsync(token))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 150)
        {
            Error = "Please give your name (at most 150 characters).";
            return Page();
        }

        var refused = await Transactions.RunAsync(db, async () =>
            await AcknowledgePurchaseOrder.AcknowledgeAsync(db, Order!, $"{name.Trim()} (vendor, by link)", HttpContext.RequestAborted) is { } e
                ? Domain.Result<bool>.Failure([e]) : true, HttpContext.RequestAborted);
        Error = refused.IsSuccess ? null : refused.FirstError.Message;
        Confirmed = refused.IsSuccess;
        return Page();
    }

    private async Task<bool> LoadAsync(string? token)
    {
        if (links.Read(token) is not { } id)
        {
            return false;
        }

        Order = await db.PurchaseOrders.Include(p => p.Lines).SingleOrDefaultAsync(p => p.Id == id, HttpContext.RequestAborted);
        if (Order is null)
        {
            return false;
        }

        CompanyName = await db.Companies.Where(c => c.Id == Order.CompanyId).Select(c => c.Name).SingleAsync(HttpContext.RequestAborted);
        return true;
    }
}
