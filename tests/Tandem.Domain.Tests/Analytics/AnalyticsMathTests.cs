using Tandem.Domain.Analytics;
using Tandem.Domain.Money;

namespace Tandem.Domain.Tests.Analytics;

public sealed class AnalyticsMathTests
{
    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-11-30", PeriodUnit.Day, "2026-11-30", "2026-11-30")]
    [InlineData("2026-11-29", PeriodUnit.Week, "2026-11-23", "2026-W48")] // a Sunday belongs to the week of the Monday before
    [InlineData("2026-11-30", PeriodUnit.Week, "2026-11-30", "2026-W49")]
    [InlineData("2027-01-01", PeriodUnit.Week, "2026-12-28", "2026-W53")] // ISO year of the week
    [InlineData("2026-11-30", PeriodUnit.Month, "2026-11-01", "2026-11")]
    [InlineData("2026-11-30", PeriodUnit.Quarter, "2026-10-01", "2026-Q4")]
    [InlineData("2026-02-28", PeriodUnit.Year, "2026-01-01", "2026")]
    public void A_day_falls_in_its_calendar_bucket(string day, PeriodUnit unit, string start, string label)
    {
        Assert.Equal(D(start), SpendPeriod.Start(D(day), unit));
        Assert.Equal(label, SpendPeriod.Label(SpendPeriod.Start(D(day), unit), unit));
    }

    [Fact]
    public void Buckets_cover_the_window_and_comparisons_are_the_window_before_and_a_year_before()
    {
        Assert.Equal([D("2026-01-01"), D("2026-04-01"), D("2026-07-01")], SpendPeriod.Buckets(D("2026-02-15"), D("2026-07-01"), PeriodUnit.Quarter));
        Assert.Equal((D("2026-09-01"), D("2026-10-31")), SpendPeriod.Previous(D("2026-11-01"), D("2026-12-31")));
        Assert.Equal((D("2027-02-28"), D("2027-03-31")), SpendPeriod.YearBefore(D("2028-02-29"), D("2028-03-31")));
    }

    [Fact]
    public void Percentiles_are_nearest_rank_and_rates_have_no_value_without_a_population()
    {
        decimal[] days = [5, 1, 3, 2, 4, 10, 6, 7, 8, 9];
        Assert.Equal(5, Statistics.Median(days));
        Assert.Equal(9, Statistics.Percentile(days, 90));
        Assert.Equal(10, Statistics.Percentile(days, 100));
        Assert.Equal(1, Statistics.Percentile([1m], 90));
        Assert.Null(Statistics.Median([]));
        Assert.Equal(6667, Statistics.Rate(2, 3));
        Assert.Null(Statistics.Rate(0, 0));
        Assert.Equal(2.5m, Statistics.Days(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 3, 12, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Negotiated_savings_never_go_negative_and_dpo_is_owed_over_a_days_purchases()
    {
        var usd = Currency.Of("USD");
        Assert.Equal(5_000, KpiMath.Negotiated(new Quantity(25_000), new UnitPrice(120_000_000, usd), new UnitPrice(100_000_000, usd)).Minor); // 2.5 × 20.00
        Assert.Equal(0, KpiMath.Negotiated(new Quantity(10_000), new UnitPrice(90_000_000, usd), new UnitPrice(100_000_000, usd)).Minor);
        Assert.Equal(7.5m, KpiMath.DaysPayableOutstanding(10_000, 40_000, 30));
        Assert.Null(KpiMath.DaysPayableOutstanding(10_000, 0, 30));
        Assert.Equal(-40_000, KpiMath.YearOverYearDecrease(40_000, 0));
    }
}
