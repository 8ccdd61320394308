using Tandem.Domain.Organization;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Receiving;

/// <summary>
/// Who records what arrived: receivers, buyers and admins on any order; a requester on the orders made from their own
/// requests (the person at the desk the parcel came to). Returns to the vendor are for receivers, buyers and admins.
/// </summary>
public static class ReceivingAccess
{
    public static readonly string[] Receivers = [Role.Receiver, Role.Buyer, Role.Admin, Role.Requester];

    public static readonly string[] Returners = [Role.Receiver, Role.Buyer, Role.Admin];

    public static bool ReceivesAll(CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Scopes.Any(s => Returners.Contains(s.Role));
    }

    /// <summary>Orders the caller may receive against: all for receivers, else those made from requests they raised or that are for them.</summary>
    public static IQueryable<PurchaseOrder> Receivable(TandemDb db, CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var all = db.PurchaseOrders.Where(p => p.CompanyId == user.CompanyId);
        var me = user.UserId;
        return ReceivesAll(user) ? all
            : all.Where(p => p.Lines.Any(l => db.Requisitions.Any(r => r.Id == l.RequisitionId && (r.RequesterId == me || r.OnBehalfOfId == me))));
    }
}
