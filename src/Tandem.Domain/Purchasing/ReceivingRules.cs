using Tandem.Domain.Money;

namespace Tandem.Domain.Purchasing;

/// <summary>
/// How much of a line may still be received. Goods are received by quantity; services by amount (a percentage complete
/// is turned into an amount by the caller). The over-receipt tolerance (basis points of the ordered quantity) lets a
/// delivery run a little over; beyond it a receipt is refused.
/// </summary>
public static class ReceivingRules
{
    /// <summary>The most that may be accepted in total: ordered plus the tolerance (rounded down to whole units of measure scale).</summary>
    public static long Ceiling(long ordered, int toleranceBasisPoints) =>
        ordered + (long)((Int128)ordered * Math.Max(0, toleranceBasisPoints) / 10_000);

    /// <summary>What may still be accepted on a line that has <paramref name="acceptedSoFar"/> (net of returns).</summary>
    public static long Remaining(long ordered, long acceptedSoFar, int toleranceBasisPoints) =>
        Math.Max(0, Ceiling(ordered, toleranceBasisPoints) - acceptedSoFar);

    /// <summary>A percentage complete (basis points of 100 %) of a service line's amount, in minor units.</summary>
    public static long AmountForPercent(long lineAmountMinor, int basisPoints) =>
        (long)((Int128)lineAmountMinor * basisPoints / 10_000);

    /// <summary>A line is received in full once what was accepted, net of returns, reaches what was ordered.</summary>
    public static bool IsComplete(long ordered, long acceptedNet) => acceptedNet >= ordered;

}
