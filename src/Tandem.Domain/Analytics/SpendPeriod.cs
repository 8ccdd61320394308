namespace Tandem.Domain.Analytics;

/// <summary>How spend is bucketed over time.</summary>
public enum PeriodUnit
{
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// <summary>
/// Calendar buckets for spend: a day's bucket starts on that day, a week's on its Monday (ISO weeks), a month's on the
/// 1st, a quarter's on January, April, July or October 1st, a year's on January 1st. A bucket is named by its first day.
/// </summary>
public static class SpendPeriod
{
    public static DateOnly Start(DateOnly day, PeriodUnit unit) => unit switch
    {
        PeriodUnit.Day => day,
        PeriodUnit.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        PeriodUnit.Month => new DateOnly(day.Year, day.Month, 1),
        PeriodUnit.Quarter => new DateOnly(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1),
        PeriodUnit.Year => new DateOnly(day.Year, 1, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };

    public static DateOnly Next(DateOnly start, PeriodUnit unit) => unit switch
    {
        PeriodUnit.Day => start.AddDays(1),
        PeriodUnit.Week => start.AddDays(7),
        PeriodUnit.Month => start.AddMonths(1),
        PeriodUnit.Quarter => start.AddMonths(3),
        PeriodUnit.Year => start.AddYears(1),
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };

    /// <summary>Every bucket that touches [from, to], in order.</summary>
    public static IReadOnlyList<DateOnly> Buckets(DateOnly from, DateOnly to, PeriodUnit unit)
    {
        var list = new List<DateOnly>();
        for (var start = Start(from, unit); start <= to; start = Next(start, unit))
        {
            list.Add(start);
        }

        return list;
    }

    /// <summary>The bucket's label: 2026-11-30, 2026-W49, 2026-11, 2026-Q4, 2026.</summary>
    public static string Label(DateOnly start, PeriodUnit unit) => unit switch
    {
        PeriodUnit.Day => start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        PeriodUnit.Week => $"{System.Globalization.ISOWeek.GetYear(start.ToDateTime(TimeOnly.MinValue))}-W{System.Globalization.ISOWeek.GetWeekOfYear(start.ToDateTime(TimeOnly.MinValue)):D2}",
        PeriodUnit.Month => start.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
        PeriodUnit.Quarter => $"{start.Year}-Q{((start.Month - 1) / 3) + 1}",
        PeriodUnit.Year => start.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };

    /// <summary>The window of the same length that ends the day before <paramref name="from"/> (period-over-period comparison).</summary>
    public static (DateOnly From, DateOnly To) Previous(DateOnly from, DateOnly to)
    {
        var days = to.DayNumber - from.DayNumber + 1;
        return (from.AddDays(-days), from.AddDays(-1));
    }

    /// <summary>The same window one year earlier (year-over-year comparison; 29 February maps to the 28th).</summary>
    public static (DateOnly From, DateOnly To) YearBefore(DateOnly from, DateOnly to) => (from.AddYears(-1), to.AddYears(-1));
}
