namespace Tandem.Domain.Money;

/// <summary>
/// Splits an amount into parts proportional to weights without losing or inventing a minor unit
/// (largest-remainder method; ties go to the earlier part). 100.00 by (1,1,1) = 33.34 + 33.33 + 33.33.
/// </summary>
public static class Allocation
{
    /// <summary>Splits by non-negative integer weights (at least one positive). The parts always sum to <paramref name="total"/>.</summary>
    public static Money[] ByWeights(Money total, IReadOnlyList<long> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
        {
            throw new ArgumentException("At least one weight is needed.", nameof(weights));
        }

        Int128 weightSum = 0;
        foreach (var w in weights)
        {
            if (w < 0)
            {
                throw new ArgumentException("Weights cannot be negative.", nameof(weights));
            }

            weightSum += w;
        }

        if (weightSum == 0)
        {
            throw new ArgumentException("At least one weight must be positive.", nameof(weights));
        }

        // Work on the magnitude, then restore the sign, so credit notes split the same way as invoices.
        var sign = total.Minor < 0 ? -1 : 1;
        var magnitude = (Int128)total.Minor * sign;
        var parts = new long[weights.Count];
        var remainders = new Int128[weights.Count];
        Int128 allocated = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var product = magnitude * weights[i];
            parts[i] = (long)(product / weightSum);
            remainders[i] = product % weightSum;
            allocated += parts[i];
        }

        var leftover = (long)(magnitude - allocated);
        // Hand out the leftover units to the largest remainders; stable order breaks ties by position.
        var order = Enumerable.Range(0, weights.Count)
            .OrderByDescending(i => remainders[i])
            .ThenBy(i => i)
            .ToArray();
        for (var k = 0; k < leftover; k++)
        {
            parts[order[k]]++;
        }

        return parts.Select(p => new Money(p * sign, total.Currency)).ToArray();
    }

    /// <summary>Splits into <paramref name="count"/> equal parts (earlier parts take the extra units).</summary>
    public static Money[] Evenly(Money total, int count) =>
        count <= 0
            ? throw new ArgumentOutOfRangeException(nameof(count), "Count must be positive.")
            : ByWeights(total, Enumerable.Repeat(1L, count).ToArray());

    /// <summary>
    /// Splits by percentages (up to 4 decimals each) that must add up to exactly 100; otherwise returns an error.
    /// </summary>
    public static Result<Money[]> ByPercentages(Money total, IReadOnlyList<decimal> percentages)
    {
        ArgumentNullException.ThrowIfNull(percentages);
        if (percentages.Count == 0)
        {
            return Error.Validation("allocation.empty", "At least one split is needed.", "splits");
        }

        var weights = new long[percentages.Count];
        decimal sum = 0;
        for (var i = 0; i < percentages.Count; i++)
        {
            var p = percentages[i];
            var scaled = p * 10_000m;
            if (p < 0 || p > 100 || scaled != decimal.Truncate(scaled))
            {
                return Error.Validation("allocation.percent_invalid", "Each percentage must be between 0 and 100 with at most 4 decimals.", $"splits[{i}].percent");
            }

            weights[i] = (long)scaled;
            sum += p;
        }

        if (sum != 100m)
        {
            return Error.Validation("allocation.percent_sum", $"Percentages add up to {sum}, not 100.", "splits");
        }

        return ByWeights(total, weights);
    }

    /// <summary>Checks that explicit amounts add up to the total exactly (same currency) and returns them.</summary>
    public static Result<Money[]> ByAmounts(Money total, IReadOnlyList<Money> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        if (amounts.Count == 0)
        {
            return Error.Validation("allocation.empty", "At least one split is needed.", "splits");
        }

        for (var i = 0; i < amounts.Count; i++)
        {
            if (amounts[i].Currency != total.Currency)
            {
                return Error.Validation("allocation.currency", $"Split is in {amounts[i].Currency.Code}, the total in {total.Currency.Code}.", $"splits[{i}].amount");
            }
        }

        var sum = Money.Sum(amounts, total.Currency);
        return sum == total
            ? amounts.ToArray()
            : Error.Validation("allocation.amount_sum", $"Splits add up to {sum}, not {total}.", "splits");
    }
}
