using Microsoft.EntityFrameworkCore;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Platform.Cli;

/// <summary>
/// The invariants every write path keeps, checked over the whole database (<c>check</c>): after a bulk load (the
/// benchmark seeds), an upgrade or a restore. Each check counts the rows that break it; any count above zero fails.
/// Set-based queries on both engines, so it runs in seconds on a million invoice lines.
/// </summary>
public static class ConsistencyCheck
{
    public sealed record Finding(string Invariant, long Checked, long Violations);

    public static async Task<IReadOnlyList<Finding>> RunAsync(TandemDb db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var orders = await db.PurchaseOrders.LongCountAsync(ct);
        var invoices = await db.Invoices.LongCountAsync(ct);
        var facts = await db.SpendFacts.LongCountAsync(ct);
        var consumptions = await db.BudgetConsumptions.LongCountAsync(ct);
        return
        [
            new("purchase order total = subtotal + tax", orders,
                await db.PurchaseOrders.LongCountAsync(p => p.TotalMinor != p.SubtotalMinor + p.TaxMinor, ct)),
            new("purchase order subtotal = sum of its lines", orders,
                await db.PurchaseOrders.LongCountAsync(p => p.SubtotalMinor != db.PurchaseOrderLines.Where(l => l.PurchaseOrderId == p.Id).Sum(l => l.AmountMinor), ct)),
            new("invoice total = subtotal + charges + tax", invoices,
                await db.Invoices.LongCountAsync(i => i.TotalMinor != i.SubtotalMinor + i.ChargesMinor + i.TaxMinor, ct)),
            new("invoice is from its order's vendor", invoices,
                await db.Invoices.LongCountAsync(i => i.PurchaseOrderId != null && !db.PurchaseOrders.Any(p => p.Id == i.PurchaseOrderId && p.VendorId == i.VendorId), ct)),
            new("invoice line belongs to a line of the invoice's order (none on a non-PO invoice)", await db.Set<Features.Invoices.InvoiceLine>().LongCountAsync(ct),
                await db.Set<Features.Invoices.InvoiceLine>().LongCountAsync(l => !db.Invoices.Any(i => i.Id == l.InvoiceId
                    && (i.PurchaseOrderId == null ? l.PurchaseOrderLineId == null
                        : db.PurchaseOrderLines.Any(o => o.Id == l.PurchaseOrderLineId && o.PurchaseOrderId == i.PurchaseOrderId))), ct)),
            new("requisition numbers unique per company", await db.Requisitions.LongCountAsync(ct),
                await db.Requisitions.GroupBy(r => new { r.CompanyId, r.Number }).LongCountAsync(g => g.Count() > 1, ct)),
            new("purchase order numbers unique per company", orders,
                await db.PurchaseOrders.GroupBy(r => new { r.CompanyId, r.Number }).LongCountAsync(g => g.Count() > 1, ct)),
            new("receipt numbers unique per company", await db.Receipts.LongCountAsync(ct),
                await db.Receipts.GroupBy(r => new { r.CompanyId, r.Number }).LongCountAsync(g => g.Count() > 1, ct)),
            new("payment run numbers unique per company", await db.PaymentRuns.LongCountAsync(ct),
                await db.PaymentRuns.GroupBy(r => new { r.CompanyId, r.Number }).LongCountAsync(g => g.Count() > 1, ct)),
            new("spend fact of an existing document", facts, await db.SpendFacts.LongCountAsync(f =>
                (f.DocumentType == BudgetLedger.RequisitionDocument && !db.Requisitions.Any(r => r.Id == f.DocumentId))
                || (f.DocumentType == BudgetLedger.PurchaseOrderDocument && !db.PurchaseOrders.Any(p => p.Id == f.DocumentId))
                || (f.DocumentType == BudgetLedger.InvoiceDocument && !db.Invoices.Any(i => i.Id == f.DocumentId)), ct)),
            new("budget consumption of an existing document", consumptions,
                await db.BudgetConsumptions.LongCountAsync(c =>
                    (c.DocumentType == BudgetLedger.RequisitionDocument && !db.Requisitions.Any(r => r.Id == c.DocumentId))
                    || (c.DocumentType == BudgetLedger.PurchaseOrderDocument && !db.PurchaseOrders.Any(p => p.Id == c.DocumentId))
                    || (c.DocumentType == BudgetLedger.InvoiceDocument && !db.Invoices.Any(i => i.Id == c.DocumentId)), ct)),
            new("purchase order has its 'created' audit entry", orders,
                await UnauditedAsync(db, nameof(Features.PurchaseOrders.PurchaseOrder), db.PurchaseOrders.Select(p => p.Id), ct)),
            new("invoice has its 'created' audit entry", invoices,
                await UnauditedAsync(db, nameof(Features.Invoices.Invoice), db.Invoices.Select(i => i.Id), ct)),
        ];
    }

    /// <summary>Audit entries key rows by their id as text; compared in memory (a few MB for 200,000 rows) so both engines agree on the format.</summary>
    private static async Task<long> UnauditedAsync(TandemDb db, string entityType, IQueryable<Guid> ids, CancellationToken ct)
    {
        var audited = (await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == entityType && a.Action == "created").Select(a => a.EntityId).ToListAsync(ct))
            .Select(id => Guid.TryParse(id, out var g) ? g : Guid.Empty).ToHashSet();
        return (await ids.ToListAsync(ct)).LongCount(id => !audited.Contains(id));
    }

    /// <summary>Prints one line per invariant; returns 0 when everything holds, 1 otherwise.</summary>
    public static async Task<int> PrintAsync(TandemDb db, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var findings = await RunAsync(db, ct);
        foreach (var f in findings)
        {
            Console.WriteLine($"{(f.Violations == 0 ? "ok  " : "FAIL")} {f.Invariant}: {f.Checked:N0} checked, {f.Violations:N0} violating");
        }

        var failed = findings.Count(f => f.Violations > 0);
        Console.WriteLine($"{findings.Count - failed} of {findings.Count} invariants hold ({started.Elapsed.TotalSeconds:F1} s).");
        return failed == 0 ? 0 : 1;
    }
}
