namespace Tandem.Domain.Time;

/// <summary>Turns an instant into a company's business date and fiscal periods. Pure: callers pass "now".</summary>
public static class BusinessCalendar
{
    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo companyZone)
    {
        ArgumentNullException.ThrowIfNull(companyZone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, companyZone).DateTime);
    }

    /// <summary>
    /// The instant <paramref name="days"/> business days (Monday to Friday, in the company's zone) after
    /// <paramref name="start"/>, at the same local time of day: Friday 15:00 plus one business day is Monday 15:00.
    /// </summary>
    public static DateTime AddBusinessDays(DateTime startUtc, int days, TimeZoneInfo companyZone)
    {
        ArgumentNullException.ThrowIfNull(companyZone);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc), companyZone);
        while (days > 0)
        {
            local = local.AddDays(1);
            if (local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days--;
            }
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A local time skipped by a daylight-saving change does not exist: take the hour after.
        return TimeZoneInfo.ConvertTimeToUtc(companyZone.IsInvalidTime(local) ? local.AddHours(1) : local, companyZone);
    }

    /// <summary>
    /// The fiscal year a date falls in, named by the calendar year in which it ends
    /// (start month 4: 2026-04-01 … 2027-03-31 is fiscal year 2027; start month 1 is the calendar year).
    /// </summary>
    public static int FiscalYear(DateOnly date, int fiscalYearStartMonth)
    {
        ValidateStartMonth(fiscalYearStartMonth);
        return fiscalYearStartMonth == 1 || date.Month < fiscalYearStartMonth ? date.Year : date.Year + 1;
    }

    public static DateOnly FiscalYearStart(int fiscalYear, int fiscalYearStartMonth)
    {
        ValidateStartMonth(fiscalYearStartMonth);
        return fiscalYearStartMonth == 1 ? new DateOnly(fiscalYear, 1, 1) : new DateOnly(fiscalYear - 1, fiscalYearStartMonth, 1);
    }

    /// <summary>Fiscal quarter 1–4 of a date.</summary>
    public static int FiscalQuarter(DateOnly date, int fiscalYearStartMonth)
    {
        ValidateStartMonth(fiscalYearStartMonth);
        var monthIndex = ((date.Month - fiscalYearStartMonth) + 12) % 12;
        return (monthIndex / 3) + 1;
    }

    private static void ValidateStartMonth(int month)
    {
        if (month is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(month), "Fiscal year start month must be 1–12.");
        }
    }
}
