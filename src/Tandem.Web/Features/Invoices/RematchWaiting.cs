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
/// caller's transaction. The invoices' lines are never tracked: their new results are written set-based with their audit
/// entries (<see cref="BulkUpdate"/>, ADR 0033). What each invoice gets is what
/// <see cref="InvoiceMatching.MatchAsync"/> gives it alone.
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
            var invoices = await waiting.Where(i => slice.Contains(i.PurchaseOrderId!.Value)).OrderBy(i => i.CreatedAtUtc).ThenBy(i => i.Id).ToListAsync(ct);
            var invoiceIds = invoices.Select(i => i.Id).ToArray();
            // The lines untracked (ADR 0033): their new results are written set-based with their audit entries, and
            // what an invoice made ready reads is handed them apart from it. Never put in a tracked invoice's collection:
            // the change tracker would take them for new lines.
            var lines = (await db.Set<InvoiceLine>().AsNoTracking().Where(l => invoiceIds.Contains(l.InvoiceId)).OrderBy(l => l.Id).ToListAsync(ct)).ToLookup(l => l.InvoiceId);
            var invoiced = await db.Invoices.AsNoTracking()
                .Where(i => slice.Contains(i.PurchaseOrderId!.Value) && i.Status != InvoiceStatus.Rejected && i.Kind == InvoiceKind.Invoice)
                .SelectMany(i => i.Lines).GroupBy(l => l.PurchaseOrderLineId!.Value)
                .Select(g => new { g.Key, Units = g.Sum(l => l.QuantityUnits - l.CreditedUnits) }).ToDictionaryAsync(g => g.Key, g => g.Units, ct);
            var vendorIds = invoices.Select(i => i.VendorId).Distinct().ToList();
            var blocked = (await db.Vendors.Where(v => vendorIds.Contains(v.Id) && v.Status == Domain.Vendors.VendorStatus.Blocked).Select(v => v.Id).ToListAsync(ct)).ToHashSet();
            var earlierIds = invoices.Where(i => !i.DuplicateCleared).Select(i => i.PossibleDuplicateOfId).OfType<Guid>().Distinct().ToList();
            var earlier = await db.Invoices.AsNoTracking().Where(i => earlierIds.Contains(i.Id)).Select(i => new { i.Id, i.Number }).ToDictionaryAsync(i => i.Id, i => i.Number, ct);
            var matchedLines = new List<(InvoiceLine, object?[])>(); // each with its results as read: those that changed are written
            var ready = new List<(Invoice Invoice, List<InvoiceLine> Lines)>();
            foreach (var invoice in invoices)
            {
                var its = lines[invoice.Id].ToList();
                // What the other invoices bill on each of its order lines: all of them, less its own share (a credit note has none).
                var elsewhere = its.GroupBy(l => l.PurchaseOrderLineId!.Value).ToDictionary(
                    g => g.Key, g => invoiced.GetValueOrDefault(g.Key) - (invoice.Kind == InvoiceKind.Invoice ? g.Sum(l => l.NetUnits) : 0));
                var duplicateOf = invoice.PossibleDuplicateOfId is { } e && !invoice.DuplicateCleared ? earlier[e] : null;
                var order = orders[invoice.PurchaseOrderId!.Value];
                matchedLines.AddRange(its.Select(l => (l, ResultOf(l))));
                if (InvoiceMatching.Evaluate(invoice, its, order, new MatchFacts(rules, companyCurrency, elsewhere, blocked.Contains(invoice.VendorId), duplicateOf)))
                {
                    await InvoiceMatching.MarkReadyAsync(db, invoice, its, order, ct);
                    ready.Add((invoice, its));
                }
            }

            await BulkUpdate.UpdateAsync(db, Results, matchedLines, ct);

            // Each order whose invoices became ready moves its commitment to actual once, not once per invoice; the
            // invoices' actual spend is recorded together, and the classifier learns from all of their lines in one write.
            foreach (var order in ready.Select(r => orders[r.Invoice.PurchaseOrderId!.Value]).Distinct())
            {
                await BudgetLedger.ApplyAsync(db, LedgerDocument.Of(order), enforce: false, ct);
            }

            await BudgetLedger.RecordActualAsync(db, [.. ready.Select(r => LedgerDocument.Of(r.Invoice, r.Lines, orders[r.Invoice.PurchaseOrderId!.Value]))], ct);

            await Coding.InvoiceCoding.LearnAsync(db, companyId, ready.SelectMany(r => Coding.InvoiceCoding.Examples(r.Lines).Select(l => (r.Invoice.VendorId, l))), ct);

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            matched += invoices.Count;
        }

        return matched;
    }

    /// <summary>The line columns a match writes (<see cref="InvoiceMatching.Evaluate"/>).</summary>
    private static readonly string[] Results = [nameof(InvoiceLine.MatchStatus), nameof(InvoiceLine.Exceptions), nameof(InvoiceLine.VarianceMinor), nameof(InvoiceLine.OverUnits), nameof(InvoiceLine.Explanation)];

    private static object?[] ResultOf(InvoiceLine line) => [line.MatchStatus, line.Exceptions, line.VarianceMinor, line.OverUnits, line.Explanation];

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
