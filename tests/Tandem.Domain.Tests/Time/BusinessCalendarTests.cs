using Tandem.Domain.Numbering;
using Tandem.Domain.Time;

namespace Tandem.Domain.Tests.Time;

public class BusinessCalendarTests
{
    [Fact]
    public void Today_depends_on_the_company_time_zone()
    {
        var now = new DateTimeOffset(2026, 11, 22, 23, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2026, 11, 22), BusinessCalendar.Today(now, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")));
        Assert.Equal(new DateOnly(2026, 11, 23), BusinessCalendar.Today(now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
    }

    [Theory]
    [InlineData(2026, 3, 31, 4, 2026, 4)]
    [InlineData(2026, 4, 1, 4, 2027, 1)]
    [InlineData(2026, 12, 31, 1, 2026, 4)]
    [InlineData(2026, 1, 1, 1, 2026, 1)]
    [InlineData(2026, 7, 15, 7, 2027, 1)]
    public void Fiscal_year_and_quarter(int y, int m, int d, int startMonth, int fiscalYear, int quarter)
    {
        var date = new DateOnly(y, m, d);
        Assert.Equal(fiscalYear, BusinessCalendar.FiscalYear(date, startMonth));
        Assert.Equal(quarter, BusinessCalendar.FiscalQuarter(date, startMonth));
        var start = BusinessCalendar.FiscalYearStart(fiscalYear, startMonth);
        Assert.True(start <= date && date < start.AddYears(1));
    }

    [Fact]
    public void Document_numbers_are_zero_padded() =>
        Assert.Equal("PO-2026-000123", DocumentNumber.Format("PO", 2026, 123));
}
