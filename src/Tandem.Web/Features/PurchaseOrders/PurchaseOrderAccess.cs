using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>
/// Who works with purchase orders: buyers (and admins) make, issue, change and end them; receivers, controllers and AP
/// clerks read every order; a requester reads the orders made from their own requests (to receive what they asked for).
/// </summary>
public static class PurchaseOrderAccess
{
    public static readonly string[] Buyers = [Role.Buyer, Role.Admin];

    public static readonly string[] Readers = [Role.Requester, Role.Approver, Role.Buyer, Role.Receiver, Role.ApClerk, Role.Controller, Role.Admin];

    public static bool SeesAll(CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Scopes.Any(s => s.Role is Role.Buyer or Role.Receiver or Role.ApClerk or Role.Controller or Role.Admin);
    }

    public static IQueryable<PurchaseOrder> Visible(TandemDb db, CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var all = db.PurchaseOrders.Where(p => p.CompanyId == user.CompanyId);
        if (SeesAll(user))
        {
            return all;
        }

        var me = user.UserId;
        return all.Where(p => p.Lines.Any(l => db.Requisitions.Any(r => r.Id == l.RequisitionId && (r.RequesterId == me || r.OnBehalfOfId == me))));
    }

    public static async Task<PurchaseOrder?> LoadAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
        await OrderWithLines.SingleOrDefaultAsync(db, Visible(db, user).Where(p => p.Id == id), ct);

    /// <summary>Loads an order for a buyer to change: only buyers and admins may.</summary>
    public static async Task<Result<PurchaseOrder>> LoadToChangeAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
        user.Scopes.Any(s => Buyers.Contains(s.Role)) && await LoadAsync(db, user, id, ct) is { } order ? order : NotFound();

    public static Error NotFound() => Error.NotFound("purchaseOrder.not_found", "No such purchase order, or you may not see it.");
}
