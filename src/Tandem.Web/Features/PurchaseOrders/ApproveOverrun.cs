using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>A controller approves a release beyond its agreement's remaining limit (never the buyer who made it); then it may be issued.</summary>
public static class ApproveOverrun
{
    public static readonly string[] Approvers = [Role.Controller, Role.Admin];

    public static async Task<Result<PurchaseOrderResponse>> HandleAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        if (await PurchaseOrderAccess.LoadAsync(db, user, id, ct) is not { } order)
        {
            return PurchaseOrderAccess.NotFound();
        }

        if (!order.OverrunPending)
        {
            return Error.Conflict("purchaseOrder.no_overrun", $"{order.Number} has no overrun waiting for approval.");
        }

        if (order.BuyerId == user.UserId)
        {
            return Error.Forbidden("purchaseOrder.own_overrun", "The buyer who made the release cannot approve its overrun.");
        }

        order.OverrunPending = false;
        order.OverrunApprovedById = user.UserId;
        await db.SaveChangesAsync(ct);
        return await PurchaseOrderResponse.BuildAsync(db, order, ct);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/purchase-orders/{id:guid}/approve-overrun", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await HandleAsync(db, user, id, ct)).ToOk(http))
            .RequireRoles(Approvers);
}
