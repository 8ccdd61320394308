using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Receiving;

/// <summary>Reading receipts: one with its lines, or those of an order (whoever may see the order may see its receipts).</summary>
public static class ReceiptQueries
{
    /// <summary>
    /// Each receipt line of <paramref name="receipts"/> on an issued order of <paramref name="orders"/> as the domain's
    /// <see cref="Domain.Purchasing.DeliveryFact"/> (ordered on, due on, received on, quantities): the vendor scorecard and the delivery KPI.
    /// </summary>
    public static IQueryable<Domain.Purchasing.DeliveryFact> DeliveryFacts(TandemDb db, IQueryable<Receipt> receipts, IQueryable<PurchaseOrder> orders)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ReceiptLines.AsNoTracking()
            .Join(receipts, l => l.ReceiptId, r => r.Id, (l, r) => new { l, r })
            .Join(orders.Where(p => p.IssuedOn != null), x => x.r.PurchaseOrderId, p => p.Id, (x, p) => new { x.l, x.r, p.IssuedOn })
            .Join(db.PurchaseOrderLines, x => x.l.PurchaseOrderLineId, pl => pl.Id,
                (x, pl) => new Domain.Purchasing.DeliveryFact(x.IssuedOn!.Value, pl.NeedBy, x.r.ReceivedOn, x.l.Accepted, x.l.Rejected, x.l.Returned));
    }

    public static async Task<Result<ReceiptResponse>> GetAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var visible = PurchaseOrderAccess.Visible(db, user).Select(p => p.Id);
        var receipt = await db.Receipts.AsNoTracking().Include(r => r.Lines).SingleOrDefaultAsync(r => r.Id == id && visible.Contains(r.PurchaseOrderId), ct);
        return receipt is null ? Error.NotFound("receipt.not_found", "No such receipt, or you may not see it.") : (await ReceiptResponse.BuildAsync(db, [receipt], ct))[0];
    }

    public static async Task<Result<IReadOnlyList<ReceiptResponse>>> ForOrderAsync(TandemDb db, CurrentUser user, Guid purchaseOrderId, CancellationToken ct)
    {
        if (!await PurchaseOrderAccess.Visible(db, user).AnyAsync(p => p.Id == purchaseOrderId, ct))
        {
            return PurchaseOrderAccess.NotFound();
        }

        var receipts = await db.Receipts.AsNoTracking().Include(r => r.Lines).Where(r => r.PurchaseOrderId == purchaseOrderId)
            .OrderBy(r => r.ReceivedOn).ThenBy(r => r.Number).ToListAsync(ct);
        return Result<IReadOnlyList<ReceiptResponse>>.Success(await ReceiptResponse.BuildAsync(db, receipts, ct));
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/receipts/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireSignedIn();
        api.MapGet("/purchase-orders/{id:guid}/receipts", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await ForOrderAsync(db, user, id, ct)).ToOk(http))
            .RequireSignedIn();
    }
}
