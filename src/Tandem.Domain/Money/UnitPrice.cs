using System.Globalization;

namespace Tandem.Domain.Money;

/// <summary>
/// A price per unit with 6 decimals of the major unit, independent of the currency's minor digits
/// (a screw at 0.012345 USD). Stored as an integer number of millionths.
/// </summary>
public readonly record struct UnitPrice(long Micros, Currency Currency)
{
    public const int Decimals = 6;
    public const long Scale = 1_000_000;

    public static bool TryParse(string? text, Currency currency, out UnitPrice price)
    {
        price = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40
            || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major))
        {
            return false;
        }

        var scaled = major * Scale;
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue || scaled < long.MinValue)
        {
            return false;
        }

        price = new UnitPrice((long)scaled, currency);
        return true;
    }

    public static UnitPrice FromDecimal(decimal major, Currency currency) =>
        TryParse(major.ToString(CultureInfo.InvariantCulture), currency, out var p)
            ? p
            : throw new ArgumentException($"{major} has more than {Decimals} decimals.", nameof(major));

    public decimal ToDecimal() => (decimal)Micros / Scale;

    public override string ToString() => $"{ToDecimal().ToString("0.00####", CultureInfo.InvariantCulture)} {Currency.Code}";
}
