using Tandem.Domain;
using Tandem.Domain.Purchasing;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Audit;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>
/// Record that the vendor confirmed an issued order: a buyer records it (with who confirmed, e.g. "call with J. Smith"),
/// or the vendor uses the signed link in the order e-mail (the vendor page).
/// </summary>
public static class AcknowledgePurchaseOrder
{
    public sealed record Request(string? ConfirmedBy);

    public static Task<Result<PurchaseOrderResponse>> HandleAsync(TandemDb db, CurrentUser user, Guid id, Request request, CancellationToken ct) =>
        Transactions.RunAsync(db, async () =>
        {
            var v = new Validator();
            var by = v.Required(request.ConfirmedBy, "confirmedBy", 200);
            if (!v.IsValid)
            {
                return Result<PurchaseOrderResponse>.Failure(v.Errors);
            }

            var loaded = await PurchaseOrderAccess.LoadToChangeAsync(db, user, id, ct);
            if (!loaded.IsSuccess)
            {
                return Result<PurchaseOrderResponse>.Failure(loaded.Errors);
            }

            return await AcknowledgeAsync(db, loaded.Value, by, ct) is { } refused ? refused : await PurchaseOrderResponse.BuildAsync(db, loaded.Value, ct);
        }, ct);

    /// <summary>Marks the order acknowledged and saves it; the error when it is not waiting for a confirmation.</summary>
    public static async Task<Error?> AcknowledgeAsync(TandemDb db, PurchaseOrder order, string by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        if (!PurchaseOrderLifecycle.CanAcknowledge(order.Status))
        {
            return Error.Conflict("purchaseOrder.not_acknowledgeable", $"A purchase order that is {JsonNames.Camel(order.Status.ToString())} cannot be acknowledged.");
        }

        order.Status = PurchaseOrderStatus.Acknowledged;
        order.AcknowledgedAtUtc = db.Clock.GetUtcNow().UtcDateTime;
        order.AcknowledgedBy = by;
        await db.SaveChangesAsync(ct);
        return null;
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/purchase-orders/{id:guid}/acknowledge", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                (await HandleAsync(db, user, id, request, ct)).ToOk(http))
            .RequireRoles(PurchaseOrderAccess.Buyers);
}
