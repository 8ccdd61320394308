using Tandem.Domain.Catalog;
using Tandem.Domain.Money;

namespace Tandem.Domain.Tests.Catalog;

public class OfferPricingTests
{
    private static readonly Currency Usd = Currency.Usd;

    private static OfferTerms Offer(string price, decimal moq = 1, decimal pack = 1, long? freightMinor = null, int lead = 5, string currency = "USD")
    {
        var c = Currency.Of(currency);
        Assert.True(UnitPrice.TryParse(price, c, out var unit));
        return new OfferTerms(unit, Quantity.FromDecimal(moq), Quantity.FromDecimal(pack), freightMinor is { } f ? new Domain.Money.Money(f, c) : null, lead);
    }

    [Theory]
    [InlineData(7, 10, 4, 12)]
    [InlineData(25, 1, 12, 36)]
    [InlineData(24, 1, 12, 24)]
    [InlineData(2.5, 1, 0.5, 2.5)]
    [InlineData(3, 1, 1, 3)]
    public void Order_quantity_applies_minimum_then_whole_packs(decimal wanted, decimal moq, decimal pack, decimal expected) =>
        Assert.Equal(Quantity.FromDecimal(expected), OfferPricing.OrderQuantity(Quantity.FromDecimal(wanted), Offer("1.00", moq, pack)));

    [Fact]
    public void Landed_price_is_goods_plus_freight()
    {
        var landed = OfferPricing.Landed(Quantity.FromDecimal(10), Offer("0.333333", freightMinor: 1500));
        Assert.Equal(new Domain.Money.Money(333, Usd), landed.Goods);
        Assert.Equal(new Domain.Money.Money(1833, Usd), landed.Total);
    }

    [Fact]
    public void Cheapest_compares_landed_totals_not_unit_prices()
    {
        // 10 wanted: A = 10 × 4.00 = 40.00; B = 3.50 but minimum 20 → 70.00; C = 3.90 + 5.00 freight = 44.00.
        OfferTerms[] offers = [Offer("4.00"), Offer("3.50", moq: 20), Offer("3.90", freightMinor: 500)];
        Assert.Equal(0, OfferPricing.Cheapest(offers, Quantity.FromDecimal(10), Usd));
        // 20 wanted: A = 80.00, B = 70.00, C = 83.00.
        Assert.Equal(1, OfferPricing.Cheapest(offers, Quantity.FromDecimal(20), Usd));
    }

    [Fact]
    public void Ties_go_to_the_shorter_lead_time_and_other_currencies_are_not_compared()
    {
        OfferTerms[] offers = [Offer("1.00", currency: "EUR"), Offer("2.00", lead: 9), Offer("2.00", lead: 3)];
        Assert.Equal(2, OfferPricing.Cheapest(offers, Quantity.FromDecimal(1), Usd));
        Assert.Null(OfferPricing.Cheapest(offers, Quantity.FromDecimal(1), Currency.Of("GBP")));
    }

    [Theory]
    [InlineData("2026-01-01", "2026-06-30", "2026-06-30", null, true)]
    [InlineData("2026-01-01", "2026-06-30", "2026-07-01", null, false)]
    [InlineData("2026-01-01", null, "2025-01-01", "2025-12-31", false)]
    [InlineData("2026-01-01", null, "2025-01-01", "2026-01-01", true)]
    [InlineData("2026-01-01", null, "2030-01-01", null, true)]
    public void Validity_periods_overlap_when_each_starts_before_the_other_ends(string aFrom, string? aTo, string bFrom, string? bTo, bool overlap)
    {
        var a = new OfferValidity(DateOnly.Parse(aFrom, System.Globalization.CultureInfo.InvariantCulture), aTo is null ? null : DateOnly.Parse(aTo, System.Globalization.CultureInfo.InvariantCulture));
        var b = new OfferValidity(DateOnly.Parse(bFrom, System.Globalization.CultureInfo.InvariantCulture), bTo is null ? null : DateOnly.Parse(bTo, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(overlap, a.Overlaps(b));
        Assert.Equal(overlap, b.Overlaps(a));
    }

    [Fact]
    public void Validity_end_before_start_is_refused() =>
        Assert.Equal("validTo", OfferValidity.Create(new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 31)).FirstError.Field);
}
