using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Purchasing;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>
/// Issue a draft order: the vendor must still be active, the budget check runs under its locks (a block-mode line the
/// order would now exceed refuses it, with the numbers), and the PDF goes to the vendor's order contact through the
/// outbox with a signed link to confirm the order.
/// </summary>
public static class IssuePurchaseOrder
{
    public static Task<Result<PurchaseOrderResponse>> HandleAsync(TandemDb db, CurrentUser user, VendorLinks links, Guid id, CancellationToken ct) =>
        Transactions.RunAsync(db, async () =>
        {
            var loaded = await PurchaseOrderAccess.LoadToChangeAsync(db, user, id, ct);
            if (!loaded.IsSuccess)
            {
                return Result<PurchaseOrderResponse>.Failure(loaded.Errors);
            }

            var issued = await IssueAsync(db, links, loaded.Value, ct);
            return issued is null ? await PurchaseOrderResponse.BuildAsync(db, loaded.Value, ct) : issued;
        }, ct);

    /// <summary>Issues a loaded draft inside the caller's transaction and saves it; the error when it may not be issued.</summary>
    public static async Task<Error?> IssueAsync(TandemDb db, VendorLinks links, PurchaseOrder order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(order);
        if (!PurchaseOrderLifecycle.CanIssue(order.Status))
        {
            return Error.Conflict("purchaseOrder.not_issuable", $"A purchase order that is {JsonNames.Camel(order.Status.ToString())} cannot be issued.");
        }

        if (order.OverrunPending)
        {
            return Error.Conflict("purchaseOrder.overrun_pending", "This release goes beyond its agreement's remaining limit; a controller must approve the overrun before it is issued.");
        }

        var vendor = await PurchaseOrderMail.VendorAsync(db, order, ct);
        if (!VendorLifecycle.CanReceiveNewOrders(vendor.Status))
        {
            return Error.Conflict("purchaseOrder.vendor_not_active", $"{vendor.LegalName} is {JsonNames.Camel(vendor.Status.ToString())}; only active vendors receive new orders.", "vendorId");
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        order.Status = PurchaseOrderStatus.Issued;
        order.IssuedAtUtc = now;
        order.IssuedOn = await CompanyClock.TodayAsync(db, order.CompanyId, ct);
        order.ApprovedSubtotalMinor = order.SubtotalMinor;
        var budget = await BudgetLedger.ApplyAsync(db, LedgerDocument.Of(order), enforce: true, ct);
        if (!budget.IsSuccess)
        {
            return budget.FirstError;
        }

        await PurchaseOrderMail.SendAsync(db, links, order, vendor, "Purchase order", ct);
        await db.SaveChangesAsync(ct);
        return null;
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/purchase-orders/{id:guid}/issue", async (TandemDb db, CurrentUser user, VendorLinks links, HttpContext http, Guid id, CancellationToken ct) =>
                (await HandleAsync(db, user, links, id, ct)).ToOk(http))
            .RequireRoles(PurchaseOrderAccess.Buyers);
}
