using System.Globalization;

namespace Tandem.Domain.Money;

/// <summary>A quantity with 4 decimals, stored as an integer number of ten-thousandths (1.5 = 15000).</summary>
public readonly record struct Quantity(long Units) : IComparable<Quantity>
{
    public const int Decimals = 4;
    public const long Scale = 10_000;

    public static Quantity Zero => new(0);

    public static Quantity FromDecimal(decimal value) =>
        TryFromDecimal(value, out var q) ? q : throw new ArgumentException($"{value} has more than {Decimals} decimals.", nameof(value));

    public static bool TryFromDecimal(decimal value, out Quantity quantity)
    {
        var scaled = value * Scale;
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue || scaled < long.MinValue)
        {
            quantity = default;
            return false;
        }

        quantity = new Quantity((long)scaled);
        return true;
    }

    public decimal ToDecimal() => (decimal)Units / Scale;

    public static Quantity operator +(Quantity a, Quantity b) => new(checked(a.Units + b.Units));

    public static Quantity operator -(Quantity a, Quantity b) => new(checked(a.Units - b.Units));

    public static bool operator <(Quantity a, Quantity b) => a.Units < b.Units;

    public static bool operator >(Quantity a, Quantity b) => a.Units > b.Units;

    public static bool operator <=(Quantity a, Quantity b) => a.Units <= b.Units;

    public static bool operator >=(Quantity a, Quantity b) => a.Units >= b.Units;

    public int CompareTo(Quantity other) => Units.CompareTo(other.Units);

    public override string ToString() => ToDecimal().ToString("0.####", CultureInfo.InvariantCulture);
}
