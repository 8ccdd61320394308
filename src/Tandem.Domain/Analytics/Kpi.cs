using Tandem.Domain.Money;

namespace Tandem.Domain.Analytics;

/// <summary>The arithmetic behind the shared KPIs that is more than a count or a percentile.</summary>
public static class KpiMath
{
    /// <summary>
    /// Negotiated saving on an order line: what the quantity would have cost at the item's baseline (first-quoted)
    /// price less what it costs at the ordered price; never negative (paying more than the baseline is not a saving,
    /// and it is not hidden as a negative one either — price variance shows it).
    /// </summary>
    public static Money.Money Negotiated(Quantity quantity, UnitPrice baseline, UnitPrice price)
    {
        var saved = LineAmount.Of(quantity, baseline).Minor - LineAmount.Of(quantity, price).Minor;
        return new Money.Money(Math.Max(0, saved), price.Currency);
    }

    /// <summary>
    /// Days payable outstanding: what is owed at the end of a window divided by the average day's purchases in it
    /// (purchases ÷ days), to one decimal; null without purchases.
    /// </summary>
    public static decimal? DaysPayableOutstanding(long outstandingMinor, long purchasesMinor, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        return purchasesMinor <= 0 ? null : Math.Round(outstandingMinor * (decimal)days / purchasesMinor, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>Year-over-year expense change as finance reads it: last year's spend less this year's (positive = spending fell).</summary>
    public static long YearOverYearDecrease(long thisYearMinor, long lastYearMinor) => lastYearMinor - thisYearMinor;
}
