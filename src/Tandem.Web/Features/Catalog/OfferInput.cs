using System.Globalization;
using Tandem.Domain.Catalog;
using Tandem.Domain.Money;
using Tandem.Web.Platform.Api;

namespace Tandem.Web.Features.Catalog;

/// <summary>Parsing and formatting of offer fields shared by the API, the CSV import and the pages.</summary>
public static class OfferInput
{
    public static UnitPrice? UnitPrice(Validator v, string? amount, Currency currency, string field)
    {
        if (Domain.Money.UnitPrice.TryParse(amount, currency, out var price) && price.Micros >= 0)
        {
            return price;
        }

        v.Add(field, "price_invalid", $"{field} must be a decimal of zero or more with at most 6 decimals, e.g. \"12.50\".");
        return null;
    }

    public static Quantity Quantity(Validator v, string? text, string field, Quantity fallback)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
            && Domain.Money.Quantity.TryFromDecimal(d, out var q) && q.Units > 0)
        {
            return q;
        }

        v.Add(field, "quantity_invalid", $"{field} must be a positive number with at most 4 decimals.");
        return fallback;
    }

    public static string Price(long micros) => (micros / (decimal)Domain.Money.UnitPrice.Scale).ToString("0.00####", CultureInfo.InvariantCulture);

    public static string Qty(long units) => new Quantity(units).ToString();

    public static OfferTerms Terms(Offer o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var currency = Currency.Of(o.Currency);
        return new OfferTerms(
            new UnitPrice(o.UnitPriceMicros, currency), new Quantity(o.MinimumQuantityUnits), new Quantity(o.PackSizeUnits),
            o.FreightMinor is { } f ? new Money(f, currency) : null, o.LeadTimeDays);
    }

    public static MoneyDto PriceDto(Offer o) => new(Price(o.UnitPriceMicros), o.Currency);
}
