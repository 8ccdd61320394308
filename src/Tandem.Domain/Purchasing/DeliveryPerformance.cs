namespace Tandem.Domain.Purchasing;

/// <summary>One receipt line as vendor performance counts it.</summary>
/// <param name="OrderedOn">When the purchase order was issued (the lead time's start).</param>
/// <param name="DueOn">The line's promised or need-by date; null when none was given (then it does not count for on-time).</param>
public sealed record DeliveryFact(DateOnly OrderedOn, DateOnly? DueOn, DateOnly ReceivedOn, long AcceptedUnits, long RejectedUnits, long ReturnedUnits);

/// <summary>Vendor performance figures: each null when nothing counts toward it yet.</summary>
public sealed record DeliveryFigures(int Receipts, decimal? OnTimePercent, decimal? AverageLeadDays, decimal? P90LeadDays, decimal? RejectPercent);

/// <summary>
/// Vendor performance from receipts. On-time: share of receipt lines with a due date that arrived on or before it.
/// Lead time: days from the order's issue to each receipt line (average, and the 90th percentile by nearest rank).
/// Reject rate: rejected at the dock plus returned later, over everything delivered (accepted + rejected).
/// </summary>
public static class DeliveryPerformance
{
    public static DeliveryFigures Of(IReadOnlyCollection<DeliveryFact> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Count == 0)
        {
            return new DeliveryFigures(0, null, null, null, null);
        }

        var dated = facts.Where(f => f.DueOn is not null).ToList();
        decimal? onTime = dated.Count == 0 ? null : Percent(dated.Count(f => f.ReceivedOn <= f.DueOn!.Value), dated.Count);
        var leads = facts.Select(f => f.ReceivedOn.DayNumber - f.OrderedOn.DayNumber).Order().ToList();
        var average = Math.Round((decimal)leads.Sum() / leads.Count, 1);
        var p90 = leads[Math.Max(0, (int)Math.Ceiling(leads.Count * 0.9) - 1)];
        var delivered = facts.Sum(f => f.AcceptedUnits + f.RejectedUnits);
        decimal? reject = delivered == 0 ? null : Percent(facts.Sum(f => f.RejectedUnits + f.ReturnedUnits), delivered);
        return new DeliveryFigures(facts.Count, onTime, average, p90, reject);
    }

    private static decimal Percent(long part, long whole) => Math.Round(100m * part / whole, 1);
}
