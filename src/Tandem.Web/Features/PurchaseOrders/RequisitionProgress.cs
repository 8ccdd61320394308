using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Purchasing;
using Tandem.Domain.Requisitions;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>
/// Keeps requisitions in step with the orders made from them: approved while a line waits for an order, ordered once
/// every line is on an order, received once every ordered line has arrived, closed once every order is closed. When
/// lines leave or return to the workbench, the request's budget rows are rewritten (its open lines stay committed).
/// </summary>
public static class RequisitionProgress
{
    /// <summary>
    /// Loads the requisitions with lines and splits (tracked), for the caller to change their lines' order links: the
    /// requests with their lines in one query, the splits in a second (the tracker attaches them to their requests).
    /// </summary>
    public static async Task<List<Requisition>> LoadAsync(TandemDb db, IReadOnlyCollection<Guid> requisitionIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var requisitions = await db.Requisitions.Include(r => r.Lines).AsSingleQuery().Where(r => requisitionIds.Contains(r.Id)).ToListAsync(ct);
        await db.Set<RequisitionSplit>().Where(s => requisitionIds.Contains(s.RequisitionId)).LoadAsync(ct);
        return requisitions;
    }

    /// <summary>Sets each request's status from its lines and their orders, and rewrites its budget rows when <paramref name="linesMoved"/>.</summary>
    public static async Task RefreshAsync(TandemDb db, IReadOnlyList<Requisition> requisitions, bool linesMoved, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(requisitions);
        var orderLineIds = requisitions.SelectMany(r => r.Lines).Select(l => l.PurchaseOrderLineId).OfType<Guid>().ToList();
        var state = (await db.PurchaseOrderLines.AsNoTracking().Where(l => orderLineIds.Contains(l.Id))
                .Join(db.PurchaseOrders, l => l.PurchaseOrderId, p => p.Id, (l, p) => new { l.Id, l.QuantityUnits, l.AmountMinor, l.ReceiveBy, l.ReceivedNet, p.Status })
                .ToListAsync(ct))
            .ToDictionary(l => l.Id, l => (Received: ReceivingRules.IsComplete(l.ReceiveBy == ReceiveBy.Amount ? l.AmountMinor : l.QuantityUnits, l.ReceivedNet), l.Status));

        // Tracked lines of this context win over what the query read (an order being changed in this transaction).
        // (Local is read once: each read of it scans the change tracker.)
        var trackedOrders = db.PurchaseOrders.Local.ToDictionary(p => p.Id, p => p.Status);
        foreach (var line in db.PurchaseOrderLines.Local.Where(l => trackedOrders.ContainsKey(l.PurchaseOrderId)))
        {
            state[line.Id] = (ReceivingRules.IsComplete(line.Ordered, line.ReceivedNet), trackedOrders[line.PurchaseOrderId]);
        }

        foreach (var requisition in requisitions)
        {
            var lines = requisition.Lines.Select(l => l.PurchaseOrderLineId is { } id && state.TryGetValue(id, out var s)
                ? (OnOrder: true, s.Received, Closed: s.Status == PurchaseOrderStatus.Closed)
                : (OnOrder: false, Received: false, Closed: false)).ToList();
            var before = requisition.Status;
            requisition.Status = RequisitionLifecycle.FromOrders(lines);
            if (linesMoved || before != requisition.Status)
            {
                await BudgetLedger.ApplyAsync(db, requisition, enforce: false, ct);
            }
        }
    }
}
