using Tandem.Domain.Purchasing;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Receiving;

/// <summary>
/// What a receipt or a return does to its order (unsaved, in the caller's transaction): the order's status follows what
/// has arrived net of returns, its version moves (so two receipts racing on one order cannot both pass the tolerance
/// check), its requests follow the order, and its invoices in exception are matched again.
/// </summary>
public static class ReceiptEffects
{
    public static async Task ApplyAsync(TandemDb db, PurchaseOrder order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        order.Status = PurchaseOrderLifecycle.AfterReceiving(
            order.AcknowledgedAtUtc is not null, order.Lines.Any(l => l.ReceivedNet > 0), order.Lines.All(l => ReceivingRules.IsComplete(l.Ordered, l.ReceivedNet)));
        db.Entry(order).Property(p => p.Version).IsModified = true;
        var requisitions = await RequisitionProgress.LoadAsync(db, [.. order.Lines.Select(l => l.RequisitionId).OfType<Guid>().Distinct()], ct);
        await RequisitionProgress.RefreshAsync(db, requisitions, linesMoved: false, ct);
        await Invoices.InvoiceMatching.RematchAsync(db, order, ct); // invoices waiting for these goods match now
    }
}
