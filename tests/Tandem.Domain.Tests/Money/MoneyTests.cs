using Tandem.Domain.Money;

namespace Tandem.Domain.Tests.Money;

public class MoneyTests
{
    [Theory]
    [InlineData("USD", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KWD", 3)]
    [InlineData("EUR", 2)]
    [InlineData("CLF", 4)]
    public void Currencies_know_their_minor_digits(string code, int digits)
    {
        Assert.True(Currency.TryFrom(code, out var c));
        Assert.Equal(digits, c.MinorDigits);
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("XXX1")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_currencies_are_refused(string? code) => Assert.False(Currency.TryFrom(code, out _));

    [Theory]
    [InlineData("1234.50", "USD", 123450)]
    [InlineData("-3", "USD", -300)]
    [InlineData("0.125", "KWD", 125)]
    [InlineData("1500", "JPY", 1500)]
    [InlineData("0.1", "USD", 10)]
    public void Parses_decimal_strings(string text, string currency, long minor)
    {
        Assert.True(Domain.Money.Money.TryParse(text, Currency.Of(currency), out var m));
        Assert.Equal(minor, m.Minor);
    }

    [Theory]
    [InlineData("1.234", "USD")]
    [InlineData("1.5", "JPY")]
    [InlineData("1e3", "USD")]
    [InlineData("1,000.00", "USD")]
    [InlineData("abc", "USD")]
    [InlineData("99999999999999999999999", "USD")]
    [InlineData(" ", "USD")]
    public void Refuses_malformed_amounts(string text, string currency) =>
        Assert.False(Domain.Money.Money.TryParse(text, Currency.Of(currency), out _));

    [Theory]
    [InlineData(123450, "USD", "1234.50")]
    [InlineData(-5, "USD", "-0.05")]
    [InlineData(1500, "JPY", "1500")]
    [InlineData(1, "KWD", "0.001")]
    public void Formats_with_exactly_the_currency_digits(long minor, string currency, string expected) =>
        Assert.Equal(expected, new Domain.Money.Money(minor, Currency.Of(currency)).ToAmountString());

    [Fact]
    public void Adding_different_currencies_is_a_bug()
    {
        var usd = new Domain.Money.Money(100, Currency.Usd);
        var eur = new Domain.Money.Money(100, Currency.Eur);
        Assert.Throws<InvalidOperationException>(() => usd + eur);
    }

    [Fact]
    public void Arithmetic_is_checked() =>
        Assert.Throws<OverflowException>(() => new Domain.Money.Money(long.MaxValue, Currency.Usd) + new Domain.Money.Money(1, Currency.Usd));

    [Fact]
    public void Property_parse_and_format_round_trip()
    {
        var random = new Random(42);
        foreach (var code in new[] { "USD", "JPY", "KWD" })
        {
            var currency = Currency.Of(code);
            for (var i = 0; i < 2_000; i++)
            {
                var m = new Domain.Money.Money(random.NextInt64(-1_000_000_000_000, 1_000_000_000_000), currency);
                Assert.True(Domain.Money.Money.TryParse(m.ToAmountString(), currency, out var back));
                Assert.Equal(m, back);
            }
        }
    }
}

public class ConversionTests
{
    [Theory]
    [InlineData(100.00, "EUR", 1.0850000000, "USD", 108.50)]
    [InlineData(0.01, "EUR", 1.5, "USD", 0.02)]
    [InlineData(-0.01, "EUR", 1.5, "USD", -0.02)]
    [InlineData(1000, "JPY", 0.0066666667, "USD", 6.67)]
    [InlineData(12.345, "KWD", 3.25, "USD", 40.12)]
    public void Converts_at_the_rate_and_rounds_half_away_from_zero(decimal amount, string from, decimal rate, string to, decimal expected)
    {
        var result = Conversion.Convert(Domain.Money.Money.FromMajor(amount, Currency.Of(from)), (long)(rate * 10_000_000_000m), 10_000_000_000, Currency.Of(to));
        Assert.Equal(Domain.Money.Money.FromMajor(expected, Currency.Of(to)), result);
    }
}
