using Tandem.Domain.Money;

namespace Tandem.Domain.Tests.Money;

public class LineAmountTests
{
    [Theory]
    [InlineData("3", "0.333333", "USD", 100)]          // 0.999999 → 1.00
    [InlineData("1", "0.005", "USD", 1)]               // half away from zero
    [InlineData("1", "0.004999", "USD", 0)]
    [InlineData("2.5", "19.99", "USD", 4998)]          // 49.975 → 49.98
    [InlineData("10", "1234.567891", "JPY", 12346)]    // 12345.67891 → 12346
    [InlineData("1.0001", "0.125", "KWD", 125)]        // 0.1250125 → 0.125
    [InlineData("-2", "0.005", "USD", -1)]             // returns round away from zero too
    [InlineData("0", "99.99", "USD", 0)]
    public void Quantity_times_price_rounds_once(string qty, string price, string currency, long expectedMinor)
    {
        var c = Currency.Of(currency);
        Assert.True(Quantity.TryFromDecimal(decimal.Parse(qty, System.Globalization.CultureInfo.InvariantCulture), out var q));
        Assert.True(UnitPrice.TryParse(price, c, out var p));
        Assert.Equal(new Domain.Money.Money(expectedMinor, c), LineAmount.Of(q, p));
    }

    [Fact]
    public void Quantities_have_four_decimals_and_prices_six()
    {
        Assert.False(Quantity.TryFromDecimal(1.00001m, out _));
        Assert.True(Quantity.TryFromDecimal(1.0001m, out _));
        Assert.False(UnitPrice.TryParse("0.0000001", Currency.Usd, out _));
        Assert.True(UnitPrice.TryParse("0.000001", Currency.Usd, out _));
    }

    [Fact]
    public void Property_line_amount_is_within_half_a_minor_unit_of_the_exact_product()
    {
        var random = new Random(99);
        foreach (var code in new[] { "USD", "JPY", "KWD" })
        {
            var c = Currency.Of(code);
            for (var i = 0; i < 3_000; i++)
            {
                var q = new Quantity(random.NextInt64(-10_000_000, 100_000_000));
                var p = new UnitPrice(random.NextInt64(0, 10_000_000_000), c);
                var exactMinor = q.ToDecimal() * p.ToDecimal() * c.MinorPerMajor;
                var actual = LineAmount.Of(q, p).Minor;
                Assert.True(Math.Abs(actual - exactMinor) <= 0.5m, $"{q} × {p}: {actual} vs {exactMinor}");
            }
        }
    }
}
