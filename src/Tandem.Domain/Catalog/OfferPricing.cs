using Tandem.Domain.Money;

namespace Tandem.Domain.Catalog;

/// <summary>What an offer asks of an order: a price per unit, a minimum quantity, a pack size, and an optional freight charge per order.</summary>
public sealed record OfferTerms(UnitPrice UnitPrice, Quantity MinimumQuantity, Quantity PackSize, Money.Money? FreightPerOrder, int LeadTimeDays);

/// <summary>A priced line for a wanted quantity: the quantity actually ordered (minimum and pack size applied) and the landed total.</summary>
public sealed record LandedPrice(Quantity OrderQuantity, Money.Money Goods, Money.Money Freight, Money.Money Total);

public static class OfferPricing
{
    /// <summary>
    /// The quantity to order for <paramref name="wanted"/>: at least the minimum, rounded up to whole packs.
    /// 7 wanted, minimum 10, pack 4 → 12.
    /// </summary>
    public static Quantity OrderQuantity(Quantity wanted, OfferTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var units = Math.Max(wanted.Units, terms.MinimumQuantity.Units);
        var pack = terms.PackSize.Units;
        if (pack > 0 && units % pack != 0)
        {
            units = checked((units / pack) + 1) * pack;
        }

        return new Quantity(units);
    }

    /// <summary>Goods (order quantity × unit price, one rounding) plus freight, in the offer's currency.</summary>
    public static LandedPrice Landed(Quantity wanted, OfferTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var quantity = OrderQuantity(wanted, terms);
        var goods = LineAmount.Of(quantity, terms.UnitPrice);
        var freight = terms.FreightPerOrder ?? Money.Money.Zero(terms.UnitPrice.Currency);
        return new LandedPrice(quantity, goods, freight, goods + freight);
    }

    /// <summary>
    /// Picks the cheapest landed total among offers in <paramref name="currency"/> (offers in other currencies are not
    /// comparable without exchange rates); ties go to the shorter lead time, then to the earlier offer in the list.
    /// Returns the index of the winner, or null when no offer is in that currency.
    /// </summary>
    public static int? Cheapest(IReadOnlyList<OfferTerms> offers, Quantity wanted, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(offers);
        int? best = null;
        Money.Money bestTotal = default;
        for (var i = 0; i < offers.Count; i++)
        {
            if (offers[i].UnitPrice.Currency != currency)
            {
                continue;
            }

            var total = Landed(wanted, offers[i]).Total;
            if (best is null || total < bestTotal || (total == bestTotal && offers[i].LeadTimeDays < offers[best.Value].LeadTimeDays))
            {
                best = i;
                bestTotal = total;
            }
        }

        return best;
    }
}
