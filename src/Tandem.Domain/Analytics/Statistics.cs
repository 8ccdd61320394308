namespace Tandem.Domain.Analytics;

/// <summary>
/// The summary statistics the KPIs use. Percentiles are nearest-rank (the smallest value with at least p % of the
/// values at or below it), so a median or p90 is always a value that actually occurred. Rates are basis points of
/// 10,000, rounded half away from zero; an empty population has no rate (null) rather than 0 %.
/// </summary>
public static class Statistics
{
    public static decimal? Percentile(IEnumerable<decimal> values, int percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(percent / 100m * sorted.Count);
        return sorted[Math.Max(rank, 1) - 1];
    }

    public static decimal? Median(IEnumerable<decimal> values) => Percentile(values, 50);

    /// <summary>part / whole in basis points; null when the whole is 0.</summary>
    public static int? Rate(long part, long whole) =>
        whole == 0 ? null : (int)Math.Round(part * 10_000m / whole, MidpointRounding.AwayFromZero);

    /// <summary>Elapsed time in days, to one decimal (cycle times).</summary>
    public static decimal Days(DateTime from, DateTime to) => Math.Round((decimal)(to - from).TotalDays, 1, MidpointRounding.AwayFromZero);

    /// <summary>Elapsed time in hours, to one decimal (approval times).</summary>
    public static decimal Hours(DateTime from, DateTime to) => Math.Round((decimal)(to - from).TotalHours, 1, MidpointRounding.AwayFromZero);
}
