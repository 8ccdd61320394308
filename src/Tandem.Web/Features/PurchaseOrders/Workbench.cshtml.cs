using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Organization;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>
/// The buyer's workbench: approved lines waiting for an order, proposed as one order per vendor, currency and ship-to.
/// The buyer keeps or drops lines (a split), picks the vendor (required for free-text lines; active vendors only), sets
/// the tax rate, and makes the draft order; lines of several proposals in one currency can go on one order (a merge).
/// </summary>
[Authorize(Roles = $"{Role.Buyer},{Role.Admin}")]
public sealed class WorkbenchModel(TandemDb db) : TandemPage
{
    public IReadOnlyList<WorkbenchProposal> Proposals { get; private set; } = [];

    public IReadOnlyList<Choice> Vendors { get; private set; } = [];

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task OnGetAsync()
    {
        Notice = TempData["Notice"] as string;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync(Guid? vendorId, List<Guid>? lineIds, string? taxRate)
    {
        var result = await CreatePurchaseOrder.HandleAsync(db, Me, new CreatePurchaseOrder.Request(
            vendorId, null, null, null, null, null, [.. (lineIds ?? []).Select(id => new CreatePurchaseOrder.LineRequest(id, taxRate, null))]), Ct);
        if (Succeeded(result))
        {
            TempData["Notice"] = $"Draft {result.Value.Number} created; check it and issue it to the vendor.";
            return RedirectToPage("/PurchaseOrders/Detail", new { id = result.Value.Id });
        }

        db.ChangeTracker.Clear();
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Proposals = await Workbench.ProposalsAsync(db, Me, Ct);
        Vendors = await db.Vendors.AsNoTracking().Where(v => v.CompanyId == Me.CompanyId && v.Status == VendorStatus.Active).OrderBy(v => v.LegalName)
            .Select(v => new Choice(v.Id, v.Code, v.TradingName ?? v.LegalName)).ToListAsync(Ct);
    }
}
