using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Purchasing;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>
/// End an order, with a reason. Cancel withdraws one nothing was received on: its lines go back to the buyer's
/// workbench (their requests commit them again) and a vendor that had it is told. Close ends one that went out
/// (received in full or not): its remaining commitment is released and its requests close once all their orders have.
/// </summary>
public static class EndPurchaseOrder
{
    public sealed record Request(string? Reason);

    public static Task<Result<PurchaseOrderResponse>> CancelAsync(TandemDb db, CurrentUser user, VendorLinks links, Guid id, Request request, CancellationToken ct) =>
        EndAsync(db, user, id, request, cancel: true, links, ct);

    public static Task<Result<PurchaseOrderResponse>> CloseAsync(TandemDb db, CurrentUser user, Guid id, Request request, CancellationToken ct) =>
        EndAsync(db, user, id, request, cancel: false, null, ct);

    private static Task<Result<PurchaseOrderResponse>> EndAsync(TandemDb db, CurrentUser user, Guid id, Request request, bool cancel, VendorLinks? links, CancellationToken ct) =>
        Transactions.RunAsync(db, async () =>
        {
            var v = new Validator();
            var reason = v.Required(request.Reason, "reason", 2000);
            if (!v.IsValid)
            {
                return Result<PurchaseOrderResponse>.Failure(v.Errors);
            }

            var loaded = await PurchaseOrderAccess.LoadToChangeAsync(db, user, id, ct);
            if (!loaded.IsSuccess)
            {
                return Result<PurchaseOrderResponse>.Failure(loaded.Errors);
            }

            var order = loaded.Value;
            var wasSent = order.Status != PurchaseOrderStatus.Draft;
            var received = order.Lines.Any(l => l.ReceivedNet > 0) || await db.Receipts.AnyAsync(r => r.PurchaseOrderId == order.Id, ct);
            if (cancel ? !PurchaseOrderLifecycle.CanCancel(order.Status, received) : !PurchaseOrderLifecycle.CanClose(order.Status))
            {
                var hint = cancel && received ? " Goods were received on it; close it instead." : "";
                return Error.Conflict(cancel ? "purchaseOrder.not_cancellable" : "purchaseOrder.not_closable",
                    $"A purchase order that is {JsonNames.Camel(order.Status.ToString())} cannot be {(cancel ? "cancelled" : "closed")}.{hint}");
            }

            order.Status = cancel ? PurchaseOrderStatus.Cancelled : PurchaseOrderStatus.Closed;
            order.StatusReason = reason;
            order.ClosedAtUtc = db.Clock.GetUtcNow().UtcDateTime;
            await BudgetLedger.ApplyAsync(db, LedgerDocument.Of(order), enforce: false, ct); // releases the open balance
            await Invoices.InvoiceMatching.RematchAsync(db, order, ct); // invoices still waiting on it now say the order is closed
            var requisitions = await RequisitionProgress.LoadAsync(db, [.. order.Lines.Select(l => l.RequisitionId).OfType<Guid>().Distinct()], ct);
            if (cancel)
            {
                foreach (var line in requisitions.SelectMany(r => r.Lines).Where(l => order.Lines.Any(o => o.Id == l.PurchaseOrderLineId)))
                {
                    line.PurchaseOrderLineId = null;
                }

                if (wasSent)
                {
                    await PurchaseOrderMail.SendAsync(db, links!, order, await PurchaseOrderMail.VendorAsync(db, order, ct), "Cancelled: purchase order", ct);
                }
            }

            // Saved first: the requests' budget check reads the ledger without this order's rows.
            await db.SaveChangesAsync(ct);
            await RequisitionProgress.RefreshAsync(db, requisitions, linesMoved: cancel, ct);
            await db.SaveChangesAsync(ct);
            return await PurchaseOrderResponse.BuildAsync(db, order, ct);
        }, ct);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/purchase-orders/{id:guid}/cancel", async (TandemDb db, CurrentUser user, VendorLinks links, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                (await CancelAsync(db, user, links, id, request, ct)).ToOk(http))
            .RequireRoles(PurchaseOrderAccess.Buyers);
        api.MapPost("/purchase-orders/{id:guid}/close", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                (await CloseAsync(db, user, id, request, ct)).ToOk(http))
            .RequireRoles(PurchaseOrderAccess.Buyers);
    }
}
