using Tandem.Domain.Money;
using Tandem.Web.Features.PurchaseOrders;

namespace Tandem.Web.Features.Invoices;

/// <summary>
/// The price-variance KPI's two numbers for one invoice, written on it when it becomes ready to pay, so the KPI sums
/// invoices instead of joining every billed line to its order line: the lines received by quantity (a service billed by
/// amount has no unit price to vary), their billed quantities at the order prices, and what those lines bill.
/// </summary>
public static class PriceVariance
{
    public static void Record(Invoice invoice, IEnumerable<InvoiceLine> lines, IReadOnlyDictionary<Guid, PurchaseOrderLine> orderLines)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(orderLines);
        var currency = Currency.Of(invoice.Currency);
        long basis = 0, billed = 0;
        foreach (var line in lines)
        {
            if (line.PurchaseOrderLineId is { } id && orderLines[id] is { ReceiveBy: ReceiveBy.Quantity } ordered)
            {
                basis += LineAmount.Of(new Quantity(line.QuantityUnits), new UnitPrice(ordered.UnitPriceMicros, currency)).Minor;
                billed += line.AmountMinor;
            }
        }

        invoice.VarianceBasisMinor = basis;
        invoice.VarianceBilledMinor = billed;
    }
}
