using System.Globalization;

namespace Tandem.Domain.Money;

/// <summary>
/// An exact amount: integer minor units (cents) and the currency. Arithmetic is checked; mixing currencies is a bug
/// and throws. Parsing user input returns <c>null</c> instead of throwing (see <see cref="TryParse"/>).
/// </summary>
public readonly record struct Money(long Minor, Currency Currency) : IComparable<Money>
{
    public static Money Zero(Currency currency) => new(0, currency);

    public static Money FromMajor(decimal major, Currency currency)
    {
        var scaled = major * currency.MinorPerMajor;
        if (scaled != decimal.Truncate(scaled))
        {
            throw new ArgumentException($"{major} has more than {currency.MinorDigits} decimals for {currency.Code}.", nameof(major));
        }

        return new Money(checked((long)scaled), currency);
    }

    /// <summary>Parses a decimal string ("1234.50", "-3", "0.125" for KWD). Refuses exponents, thousands separators and excess decimals.</summary>
    public static bool TryParse(string? text, Currency currency, out Money money)
    {
        money = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major))
        {
            return false;
        }

        var scaled = major * currency.MinorPerMajor;
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue || scaled < long.MinValue)
        {
            return false;
        }

        money = new Money((long)scaled, currency);
        return true;
    }

    public decimal ToMajor() => (decimal)Minor / Currency.MinorPerMajor;

    public bool IsZero => Minor == 0;

    public bool IsNegative => Minor < 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Minor + Same(a, b).Minor), a.Currency);

    public static Money operator -(Money a, Money b) => new(checked(a.Minor - Same(a, b).Minor), a.Currency);

    public static Money operator -(Money a) => new(checked(-a.Minor), a.Currency);

    public static bool operator <(Money a, Money b) => a.CompareTo(b) < 0;

    public static bool operator >(Money a, Money b) => a.CompareTo(b) > 0;

    public static bool operator <=(Money a, Money b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Money a, Money b) => a.CompareTo(b) >= 0;

    public int CompareTo(Money other) => Minor.CompareTo(Same(this, other).Minor);

    public static Money Sum(IEnumerable<Money> amounts, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var total = Zero(currency);
        foreach (var m in amounts)
        {
            total += m;
        }

        return total;
    }

    /// <summary>Invariant decimal string with exactly the currency's minor digits: "1234.50".</summary>
    public string ToAmountString() => ToMajor().ToString("F" + Currency.MinorDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public override string ToString() => $"{ToAmountString()} {Currency.Code}";

    private static Money Same(Money a, Money b) =>
        a.Currency == b.Currency
            ? b
            : throw new InvalidOperationException($"Cannot combine {a.Currency.Code} with {b.Currency.Code}.");
}
