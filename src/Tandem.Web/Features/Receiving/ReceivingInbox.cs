using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Domain.Purchasing;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Receiving;

public sealed record DueLine(
    Guid PurchaseOrderId, string PurchaseOrderNumber, string VendorName, Guid PurchaseOrderLineId, int LineNo, string Description, string ReceiveBy,
    string Ordered, string Received, string Remaining, string Unit, DateOnly? NeedBy, bool Overdue, Guid? ShipToLocationId);

/// <summary>
/// The receiving inbox: lines of issued orders still waiting for goods, due by a date (a week from today unless asked),
/// overdue first — every order for receivers, the caller's own requests' orders for requesters. Lines without a
/// need-by date are always listed. One query.
/// </summary>
public static class ReceivingInbox
{
    public static async Task<Result<IReadOnlyList<DueLine>>> DueAsync(TandemDb db, CurrentUser user, string? dueBy, CancellationToken ct)
    {
        var v = new Validator();
        var until = v.Date(dueBy, "dueBy");
        if (!v.IsValid)
        {
            return Result<IReadOnlyList<DueLine>>.Failure(v.Errors);
        }

        var today = await CompanyClock.TodayAsync(db, user.CompanyId, ct);
        var limit = until ?? today.AddDays(7);
        var open = new[] { PurchaseOrderStatus.Issued, PurchaseOrderStatus.Acknowledged, PurchaseOrderStatus.PartiallyReceived };
        var rows = await ReceivingAccess.Receivable(db, user).AsNoTracking().Where(p => open.Contains(p.Status))
            .SelectMany(p => p.Lines.Where(l => (l.NeedBy == null || l.NeedBy <= limit)
                && l.ReceivedNet < (l.ReceiveBy == ReceiveBy.Amount ? l.AmountMinor : l.QuantityUnits)), (p, l) => new { Order = p, Line = l })
            .Join(db.Vendors, x => x.Order.VendorId, x => x.Id, (x, vendor) => new
            {
                x.Order.Id,
                x.Order.Number,
                x.Order.Currency,
                x.Order.ShipToLocationId,
                Vendor = vendor.TradingName ?? vendor.LegalName,
                LineId = x.Line.Id,
                x.Line.LineNo,
                x.Line.Description,
                x.Line.ReceiveBy,
                x.Line.QuantityUnits,
                x.Line.AmountMinor,
                x.Line.ReceivedNet,
                x.Line.Unit,
                x.Line.NeedBy,
            })
            .ToListAsync(ct);
        IReadOnlyList<DueLine> due = [.. rows.OrderBy(r => r.NeedBy ?? DateOnly.MaxValue).ThenBy(r => r.Number, StringComparer.Ordinal).ThenBy(r => r.LineNo).Select(r =>
        {
            var currency = Currency.Of(r.Currency);
            var ordered = r.ReceiveBy == ReceiveBy.Amount ? r.AmountMinor : r.QuantityUnits;
            return new DueLine(r.Id, r.Number, r.Vendor, r.LineId, r.LineNo, r.Description, JsonNames.Camel(r.ReceiveBy.ToString()),
                PurchaseOrderResponse.Amount(r.ReceiveBy, ordered, currency), PurchaseOrderResponse.Amount(r.ReceiveBy, r.ReceivedNet, currency),
                PurchaseOrderResponse.Amount(r.ReceiveBy, ordered - r.ReceivedNet, currency), r.Unit, r.NeedBy, r.NeedBy < today, r.ShipToLocationId);
        })];
        return Result<IReadOnlyList<DueLine>>.Success(due);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/receipts/due", async (TandemDb db, CurrentUser user, HttpContext http, string? dueBy, CancellationToken ct) =>
                (await DueAsync(db, user, dueBy, ct)).ToOk(http))
            .RequireRoles(ReceivingAccess.Receivers);
}
