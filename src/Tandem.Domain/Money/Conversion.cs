namespace Tandem.Domain.Money;

/// <summary>Converts an amount at a rate given as an integer scaled by <c>scale</c>; rounds half away from zero to the target's minor unit.</summary>
public static class Conversion
{
    public static Money Convert(Money amount, long rateUnits, long scale, Currency to)
    {
        if (amount.Currency == to)
        {
            return amount;
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rateUnits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);

        // minor_to = minor_from × rate × 10^to_digits / (scale × 10^from_digits), in 128 bits so nothing overflows.
        var numerator = (Int128)amount.Minor * rateUnits * to.MinorPerMajor;
        var denominator = (Int128)scale * amount.Currency.MinorPerMajor;
        var quotient = Int128.DivRem(Int128.Abs(numerator), denominator);
        var magnitude = quotient.Quotient + (quotient.Remainder * 2 >= denominator ? 1 : 0);
        return new Money(checked((long)(numerator < 0 ? -magnitude : magnitude)), to);
    }
}
