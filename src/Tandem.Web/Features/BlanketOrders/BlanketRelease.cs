using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Domain.Purchasing;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.BlanketOrders;

/// <summary>
/// Makes an order a release of a vendor agreement (inside its transaction): the agreement must be open on the day,
/// with the order's vendor and currency; lines matching an agreed item (or description) take the agreed price; then
/// the release is judged against what remains of the limit — read after the agreement's row is locked, so two releases
/// cannot both take the last of it. Beyond the limit it is refused, or held for a controller to approve the overrun.
/// </summary>
public static class BlanketRelease
{
    public static async Task<Error?> ApplyAsync(TandemDb db, PurchaseOrder order, Guid blanketOrderId, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        await DecisionLocks.LockAsync<BlanketOrder>(db, [blanketOrderId], ct);

        var blanket = await db.BlanketOrders.AsNoTracking().Include(b => b.Lines).SingleOrDefaultAsync(b => b.Id == blanketOrderId && b.CompanyId == order.CompanyId, ct);
        if (blanket is null)
        {
            return Error.Validation("blanket.not_found", "No such vendor agreement.", "blanketOrderId");
        }

        if (!BlanketDrawdown.IsOpenOn(blanket.Status == BlanketStatus.Closed, blanket.ValidFrom, blanket.ValidTo, today))
        {
            return Error.Validation("blanket.not_open", $"{blanket.Number} is closed or not valid on {today:yyyy-MM-dd} (valid {blanket.ValidFrom:yyyy-MM-dd} to {blanket.ValidTo:yyyy-MM-dd}).", "blanketOrderId");
        }

        if (blanket.VendorId != order.VendorId || blanket.Currency != order.Currency)
        {
            return Error.Validation("blanket.other_vendor", $"{blanket.Number} is with another vendor or in another currency ({blanket.Currency}).", "blanketOrderId");
        }

        foreach (var line in order.Lines)
        {
            var agreed = blanket.Lines.FirstOrDefault(a => a.ItemId is not null && a.ItemId == line.ItemId)
                ?? blanket.Lines.FirstOrDefault(a => string.Equals(a.Description, line.Description, StringComparison.OrdinalIgnoreCase));
            if (agreed is not null)
            {
                line.UnitPriceMicros = agreed.UnitPriceMicros;
            }
        }

        PurchaseOrderTotals.Recalculate(order);
        order.ApprovedSubtotalMinor = order.SubtotalMinor;
        order.BlanketOrderId = blanket.Id;
        var drawn = await DrawnAsync(db, blanket.Id, ct);
        var currency = Currency.Of(blanket.Currency);
        switch (BlanketDrawdown.Judge(blanket.LimitMinor, drawn, order.SubtotalMinor, blanket.OverLimit == OverLimit.Route))
        {
            case ReleaseVerdict.Refused:
                return Error.Conflict("blanket.over_limit",
                    $"{blanket.Number}: limit {M(blanket.LimitMinor)}, released {M(drawn)}, this release {M(order.SubtotalMinor)} → {M(order.SubtotalMinor - BlanketDrawdown.Remaining(blanket.LimitMinor, drawn))} over.", "blanketOrderId");
            case ReleaseVerdict.NeedsApproval:
                order.OverrunPending = true;
                break;
        }

        return null;

        string M(long minor) => $"{new Money(minor, currency).ToAmountString()} {currency.Code}";
    }

    /// <summary>What the agreement's releases take of its limit: their subtotals, cancelled ones aside.</summary>
    public static Task<long> DrawnAsync(TandemDb db, Guid blanketOrderId, CancellationToken ct) =>
        db.PurchaseOrders.Where(p => p.BlanketOrderId == blanketOrderId && p.Status != PurchaseOrderStatus.Cancelled).SumAsync(p => p.SubtotalMinor, ct);
}
