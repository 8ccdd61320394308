using Microsoft.EntityFrameworkCore;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices;

/// <summary>
/// Batch matching: after the match tolerances changed, or a vendor's block was put on or taken off, every invoice
/// waiting in exception (only the vendor's, for a vendor's rule or status) is matched again against its order.
/// Set-based: orders are taken in slices of about <see cref="LinesPerSlice"/> waiting invoice lines; a slice's orders
/// are locked in one statement (in id order, the order every re-match locks in), and its orders, invoices and the
/// facts their matching reads are loaded with a few queries each instead of a few per invoice; each slice is matched, saved and let go before the next, all in the
/// caller's transaction. What each invoice gets is what <see cref="InvoiceMatching.MatchAsync"/> gives it alone.
/// </summary>
public static class RematchWaiting
{
    public const int LinesPerSlice = 10_000;

    /// <summary>Matches the waiting invoices again, saving as it goes (the caller's changes included) and leaving the change tracker empty; returns the invoices matched.</summary>
    public static async Task<int> RunAsync(TandemDb db, Guid companyId, Guid? vendorId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var waiting = Waiting(db, companyId, vendorId);
        var linesByOrder = await waiting.SelectMany(i => i.Lines, (i, l) => i.PurchaseOrderId!.Value).GroupBy(id => id)
            .Select(g => new { Order = g.Key, Lines = g.Count() }).OrderBy(x => x.Order).ToListAsync(ct);
        if (linesByOrder.Count == 0)
        {
            return 0;
        }

        var rules = await db.MatchTolerances.AsNoTracking().Where(r => r.CompanyId == companyId).ToListAsync(ct);
        var companyCurrency = await CompanyClock.CurrencyAsync(db, companyId, ct);
        var matched = 0;
        foreach (var slice in Slices(linesByOrder.Select(x => (x.Order, x.Lines))))
        {
            await OrderLocks.LockAsync(db, slice, ct);
            var orders = (await OrderWithLines.ToListAsync(db, db.PurchaseOrders.Where(p => slice.Contains(p.Id)), ct)).ToDictionary(p => p.Id);
            // The lines in a plain query of their own, linked to their invoices by the change tracker: in one joined query
            // each of 10,000 rows repeated its invoice's 50 columns, and EF's include machinery costs more than the rows.
            var invoices = await waiting.Where(i => slice.Contains(i.PurchaseOrderId!.Value)).OrderBy(i => i.CreatedAtUtc).ThenBy(i => i.Id).ToListAsync(ct);
            var invoiceIds = invoices.Select(i => i.Id).ToArray();
            await db.Set<InvoiceLine>().Where(l => invoiceIds.Contains(l.InvoiceId)).OrderBy(l => l.Id).LoadAsync(ct);
            var invoiced = await db.Invoices.AsNoTracking()
                .Where(i => slice.Contains(i.PurchaseOrderId!.Value) && i.Status != InvoiceStatus.Rejected && i.Kind == InvoiceKind.Invoice)
                .SelectMany(i => i.Lines).GroupBy(l => l.PurchaseOrderLineId!.Value)
                .Select(g => new { g.Key, Units = g.Sum(l => l.QuantityUnits - l.CreditedUnits) }).ToDictionaryAsync(g => g.Key, g => g.Units, ct);
            var vendorIds = invoices.Select(i => i.VendorId).Distinct().ToList();
            var blocked = (await db.Vendors.Where(v => vendorIds.Contains(v.Id) && v.Status == Domain.Vendors.VendorStatus.Blocked).Select(v => v.Id).ToListAsync(ct)).ToHashSet();
            var earlierIds = invoices.Where(i => !i.DuplicateCleared).Select(i => i.PossibleDuplicateOfId).OfType<Guid>().Distinct().ToList();
            var earlier = await db.Invoices.AsNoTracking().Where(i => earlierIds.Contains(i.Id)).Select(i => new { i.Id, i.Number }).ToDictionaryAsync(i => i.Id, i => i.Number, ct);
            foreach (var invoice in invoices)
            {
                // What the other invoices bill on each of its order lines: all of them, less its own share (a credit note has none).
                var elsewhere = invoice.Lines.GroupBy(l => l.PurchaseOrderLineId!.Value).ToDictionary(
                    g => g.Key, g => invoiced.GetValueOrDefault(g.Key) - (invoice.Kind == InvoiceKind.Invoice ? g.Sum(l => l.NetUnits) : 0));
                var duplicateOf = invoice.PossibleDuplicateOfId is { } e && !invoice.DuplicateCleared ? earlier[e] : null;
                await InvoiceMatching.ApplyAsync(db, invoice, orders[invoice.PurchaseOrderId!.Value],
                    new MatchFacts(rules, companyCurrency, elsewhere, blocked.Contains(invoice.VendorId), duplicateOf), ct, batched: true);
            }

            // Each order whose invoices became ready moves its commitment to actual once, not once per invoice; the
            // invoices' actual spend is recorded together, and the classifier learns from all of their lines in one write.
            var ready = invoices.Where(i => i.Status == InvoiceStatus.ReadyToPay).ToList();
            foreach (var order in ready.Select(i => orders[i.PurchaseOrderId!.Value]).Distinct())
            {
                await BudgetLedger.ApplyAsync(db, LedgerDocument.Of(order), enforce: false, ct);
            }

            await BudgetLedger.RecordActualAsync(db, [.. ready.Select(i => LedgerDocument.Of(i, orders[i.PurchaseOrderId!.Value]))], ct);

            await Coding.InvoiceCoding.LearnAsync(db, companyId, ready.SelectMany(i => Coding.InvoiceCoding.Examples(i).Select(l => (i.VendorId, l))), ct);

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            matched += invoices.Count;
        }

        return matched;
    }

    private static IQueryable<Invoice> Waiting(TandemDb db, Guid companyId, Guid? vendorId) =>
        db.Invoices.Where(i => i.CompanyId == companyId && i.Status == InvoiceStatus.Exception && i.PurchaseOrderId != null && (vendorId == null || i.VendorId == vendorId));

    /// <summary>Orders in the order given, cut into slices of about <see cref="LinesPerSlice"/> waiting lines (an order is never split).</summary>
    private static IEnumerable<List<Guid>> Slices(IEnumerable<(Guid Order, int Lines)> orders)
    {
        var slice = new List<Guid>();
        var lines = 0;
        foreach (var (order, count) in orders)
        {
            slice.Add(order);
            lines += count;
            if (lines >= LinesPerSlice)
            {
                yield return slice;
                (slice, lines) = ([], 0);
            }
        }

        if (slice.Count > 0)
        {
            yield return slice;
        }
    }
}
