using Microsoft.EntityFrameworkCore;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>
/// Serializes the changes that read and write one order's invoiced and received quantities (invoices, credit notes,
/// receipts, returns, resolutions): the order's row is locked (<see cref="DecisionLocks"/>) before it is read, always
/// before any budget line, so two invoices for one order at once both succeed, one after the other.
/// </summary>
public static class OrderLocks
{
    public static Task LockAsync(TandemDb db, Guid? orderId, CancellationToken ct) =>
        orderId is { } id ? LockAsync(db, [id], ct) : Task.CompletedTask;

    /// <summary>Locks many orders at once (PostgreSQL), in id order: the order in which every re-match of many orders takes them.</summary>
    public static Task LockAsync(TandemDb db, IReadOnlyCollection<Guid> orderIds, CancellationToken ct) => DecisionLocks.LockAsync<PurchaseOrder>(db, orderIds, ct);

    /// <summary>The order (tracked, with lines and splits) under its lock; null when there is none (a non-PO invoice).</summary>
    public static async Task<PurchaseOrder?> LoadLockedAsync(TandemDb db, Guid? orderId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (orderId is not { } id)
        {
            return null;
        }

        await LockAsync(db, id, ct);
        return await OrderWithLines.SingleAsync(db, db.PurchaseOrders.Where(p => p.Id == id), ct);
    }
}
