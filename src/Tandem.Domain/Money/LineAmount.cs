namespace Tandem.Domain.Money;

/// <summary>The one place a line amount is computed: quantity × unit price, rounded once to the currency's minor unit.</summary>
public static class LineAmount
{
    /// <summary>
    /// Exact integer arithmetic (128-bit), then a single rounding to minor units, half away from zero
    /// (commercial rounding, as EN 16931 and most ERPs do): 3 × 0.333333 USD = 0.999999 → 1.00 USD.
    /// </summary>
    public static Money Of(Quantity quantity, UnitPrice price)
    {
        // quantity scale 10^4 × price scale 10^6 = 10^10 per major unit.
        Int128 raw = (Int128)quantity.Units * price.Micros;
        var divisor = (Int128)(Quantity.Scale * UnitPrice.Scale / price.Currency.MinorPerMajor);
        var minor = DivideRoundHalfAwayFromZero(raw, divisor);
        if (minor > long.MaxValue || minor < long.MinValue)
        {
            throw new OverflowException("Line amount does not fit in 64-bit minor units.");
        }

        return new Money((long)minor, price.Currency);
    }

    internal static Int128 DivideRoundHalfAwayFromZero(Int128 value, Int128 divisor)
    {
        var quotient = Int128.DivRem(value, divisor);
        var q = quotient.Quotient;
        var r = Int128.Abs(quotient.Remainder);
        if (r * 2 >= divisor)
        {
            q += value < 0 ? -1 : 1;
        }

        return q;
    }
}
