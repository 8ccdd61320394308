using Tandem.Domain.Money;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>Each line's tax (its rate on its amount, half away from zero) and the order's subtotal, tax and total.</summary>
public static class PurchaseOrderTotals
{
    public static void Recalculate(PurchaseOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var currency = Currency.Of(order.Currency);
        foreach (var line in order.Lines)
        {
            line.AmountMinor = LineAmount.Of(new Quantity(line.QuantityUnits), new UnitPrice(line.UnitPriceMicros, currency)).Minor;
            line.TaxMinor = (long)Math.Round((decimal)line.AmountMinor * line.TaxRateBasisPoints / 10_000, MidpointRounding.AwayFromZero);
        }

        order.SubtotalMinor = order.Lines.Sum(l => l.AmountMinor);
        order.TaxMinor = order.Lines.Sum(l => l.TaxMinor);
        order.TotalMinor = order.SubtotalMinor + order.TaxMinor;
    }
}
