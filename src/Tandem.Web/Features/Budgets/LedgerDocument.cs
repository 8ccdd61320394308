using Tandem.Domain.Budgets;
using Tandem.Domain.Purchasing;
using Tandem.Domain.Requisitions;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Features.Requisitions;

namespace Tandem.Web.Features.Budgets;

/// <summary>A split of a line's cost as the ledger charges it: dimensions and a weight (percent units, or an amount used as its weight).</summary>
public sealed record ChargeSplit(Guid DepartmentId, Guid? LocationId, Guid? CostCenterId, Guid? GlAccountId, Guid? ProjectId, long Weight);

/// <summary>Where a line's spend went, for spend analytics: the vendor, the category and whether it came from a catalog offer.</summary>
public sealed record SpendSource(Guid? VendorId, Guid? CategoryId, bool Catalog);

/// <summary>A document line as the ledger charges it: its amount in the document currency, need-by date, GL account, splits and source.</summary>
public sealed record ChargeLine(int LineNo, long AmountMinor, DateOnly? NeedBy, Guid? GlAccountId, IReadOnlyList<ChargeSplit> Splits, SpendSource? Source = null);

/// <summary>
/// A document as the budget ledger sees it (ADR 0016): what it consumes in its current status and the lines it charges.
/// A requisition charges only its lines that are not on an open purchase order; the order commits those, at the rate
/// it snapshotted, so a line is never counted twice.
/// </summary>
/// <param name="Kind">What the document consumes now; null releases everything it held.</param>
/// <param name="RateUnits">A fixed rate to the company currency (a purchase order's snapshot); null converts at the latest rate.</param>
/// <param name="DatedAtUtc">The document's date for lines without a need-by date (submission, issue); null means today.</param>
/// <param name="CommitVerb">How the owner's warning says the document became a commitment ("was approved").</param>
public sealed record LedgerDocument(
    string Type, Guid Id, Guid CompanyId, string Number, string Title, string CommitVerb, ConsumptionKind? Kind,
    string Currency, long? RateUnits, DateTime? DatedAtUtc, Guid? ShipToLocationId, IReadOnlyList<ChargeLine> Lines)
{
    /// <summary>An invoice without a purchase order: its spend counts as "without a purchase order" (maverick).</summary>
    public bool WithoutOrder { get; init; }

    /// <summary>A requisition: pending approval → pre-committed; approved (and not yet ordered) → committed; otherwise nothing.</summary>
    public static LedgerDocument Of(Requisition requisition)
    {
        ArgumentNullException.ThrowIfNull(requisition);
        ConsumptionKind? kind = requisition.Status switch
        {
            RequisitionStatus.InApproval => ConsumptionKind.PreCommitted,
            RequisitionStatus.Approved => ConsumptionKind.Committed,
            _ => null,
        };
        var lines = requisition.Lines.Where(l => l.PurchaseOrderLineId is null).Select(l =>
        {
            var splits = requisition.Splits.Where(s => s.LineId == l.Id).OrderBy(s => s.Position).ToList();
            if (splits.Count == 0)
            {
                splits = [.. requisition.Splits.Where(s => s.LineId == null).OrderBy(s => s.Position)];
            }

            return new ChargeLine(l.LineNo, l.AmountMinor, l.NeedBy, l.GlAccountId,
                [.. splits.Select(s => new ChargeSplit(s.DepartmentId, s.LocationId, s.CostCenterId, s.GlAccountId, s.ProjectId, s.PercentUnits ?? s.AmountMinor ?? 0))],
                new SpendSource(l.VendorId, l.CategoryId, l.OfferId is not null));
        }).ToList();
        return new LedgerDocument(BudgetLedger.RequisitionDocument, requisition.Id, requisition.CompanyId, requisition.Number, requisition.Title, "was approved",
            kind, requisition.Currency, null, requisition.SubmittedAtUtc, requisition.ShipToLocationId, lines);
    }

    /// <summary>
    /// A purchase order: open → committed for what each line has not yet had invoiced (its quantity less the invoiced
    /// quantity, at the order's price, before tax); closed or cancelled → nothing.
    /// </summary>
    public static LedgerDocument Of(PurchaseOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var currency = Domain.Money.Currency.Of(order.Currency);
        long Open(PurchaseOrderLine l) => l.InvoicedUnits == 0 ? l.AmountMinor
            : Domain.Money.LineAmount.Of(new Domain.Money.Quantity(Math.Max(0, l.QuantityUnits - l.InvoicedUnits)), new Domain.Money.UnitPrice(l.UnitPriceMicros, currency)).Minor;
        var lines = order.Lines.Select(l => new ChargeLine(l.LineNo, Open(l), l.NeedBy, l.GlAccountId, Splits(l), Source(order, l))).ToList();
        return new LedgerDocument(BudgetLedger.PurchaseOrderDocument, order.Id, order.CompanyId, order.Number, "purchase order", "was issued",
            PurchaseOrderLifecycle.IsOpen(order.Status) ? ConsumptionKind.Committed : null, order.Currency, order.RateUnits, order.IssuedAtUtc ?? order.CreatedAtUtc,
            order.ShipToLocationId, lines);
    }

    /// <summary>
    /// An invoice: ready to pay → actual for each line's billed amount net of credit notes, charged like its order line (splits, GL) on the
    /// invoice date at the order's rate; otherwise nothing. A non-PO invoice (no order) charges its department, each line's GL
    /// account and cost center, at the rate it was captured with.
    /// </summary>
    public static LedgerDocument Of(Invoices.Invoice invoice, PurchaseOrder? order)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return Of(invoice, invoice.Lines, order);
    }

    /// <summary>An invoice whose lines are given apart from it (a batch does not track them, ADR 0033): as <see cref="Of(Invoices.Invoice, PurchaseOrder?)"/>.</summary>
    public static LedgerDocument Of(Invoices.Invoice invoice, IEnumerable<Invoices.InvoiceLine> invoiceLines, PurchaseOrder? order)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(invoiceLines);
        var orderLines = order?.Lines.ToDictionary(l => l.Id) ?? [];
        var lines = invoiceLines.Select(l =>
        {
            var amount = l.AmountMinor - l.CreditedMinor;
            if (order is null || l.PurchaseOrderLineId is not { } lineId)
            {
                ChargeSplit[] department = invoice.DepartmentId is { } d ? [new ChargeSplit(d, null, l.CostCenterId, l.GlAccountId, null, 1)] : [];
                return new ChargeLine(l.LineNo, amount, invoice.InvoiceDate, l.GlAccountId, department, new SpendSource(invoice.VendorId, null, false));
            }

            var o = orderLines[lineId];
            return new ChargeLine(l.LineNo, amount, invoice.InvoiceDate, l.GlAccountId ?? o.GlAccountId, Splits(o), Source(order, o));
        }).ToList();
        return new LedgerDocument(BudgetLedger.InvoiceDocument, invoice.Id, invoice.CompanyId, invoice.Number, order is null ? "non-PO invoice" : $"invoice for {order.Number}",
            "was approved for payment", invoice.Status == Invoices.InvoiceStatus.ReadyToPay ? ConsumptionKind.Actual : null, invoice.Currency,
            order?.RateUnits ?? (invoice.RateUnits > 0 ? invoice.RateUnits : null), null, order?.ShipToLocationId, lines)
        {
            WithoutOrder = order is null,
        };
    }

    private static List<ChargeSplit> Splits(PurchaseOrderLine line) =>
        [.. line.Splits.OrderBy(s => s.Position).Select(s => new ChargeSplit(s.DepartmentId, s.LocationId, s.CostCenterId, s.GlAccountId, s.ProjectId, s.PercentUnits ?? s.AmountMinor ?? 0))];

    private static SpendSource Source(PurchaseOrder order, PurchaseOrderLine line) => new(order.VendorId, line.CategoryId, line.OfferId is not null);
}
