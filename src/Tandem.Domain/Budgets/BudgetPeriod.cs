using System.Globalization;
using Tandem.Domain.Time;

namespace Tandem.Domain.Budgets;

/// <summary>How long a budget line runs: a calendar month, a fiscal quarter or a fiscal year.</summary>
public enum BudgetPeriodKind
{
    Month,
    Quarter,
    Year,
}

/// <summary>
/// A budget period with its first and last day (inclusive), in the company's fiscal calendar. Written as
/// <c>2027-03</c> (a month), <c>FY2027-Q1</c> (a fiscal quarter) or <c>FY2027</c> (a fiscal year, named by the
/// calendar year it ends in, like <see cref="BusinessCalendar.FiscalYear"/>).
/// </summary>
public readonly record struct BudgetPeriod(BudgetPeriodKind Kind, DateOnly Start, DateOnly End)
{
    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>Days in the period (a 31-day month is 31).</summary>
    public int Days => End.DayNumber - Start.DayNumber + 1;

    public static BudgetPeriod Month(int year, int month)
    {
        var start = new DateOnly(year, month, 1);
        return new BudgetPeriod(BudgetPeriodKind.Month, start, start.AddMonths(1).AddDays(-1));
    }

    public static BudgetPeriod FiscalQuarter(int fiscalYear, int quarter, int fiscalYearStartMonth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        var start = BusinessCalendar.FiscalYearStart(fiscalYear, fiscalYearStartMonth).AddMonths((quarter - 1) * 3);
        return new BudgetPeriod(BudgetPeriodKind.Quarter, start, start.AddMonths(3).AddDays(-1));
    }

    public static BudgetPeriod FiscalYear(int fiscalYear, int fiscalYearStartMonth)
    {
        var start = BusinessCalendar.FiscalYearStart(fiscalYear, fiscalYearStartMonth);
        return new BudgetPeriod(BudgetPeriodKind.Year, start, start.AddYears(1).AddDays(-1));
    }

    /// <summary>The period of <paramref name="kind"/> that contains <paramref name="date"/>.</summary>
    public static BudgetPeriod Containing(BudgetPeriodKind kind, DateOnly date, int fiscalYearStartMonth) => kind switch
    {
        BudgetPeriodKind.Month => Month(date.Year, date.Month),
        BudgetPeriodKind.Quarter => FiscalQuarter(BusinessCalendar.FiscalYear(date, fiscalYearStartMonth), BusinessCalendar.FiscalQuarter(date, fiscalYearStartMonth), fiscalYearStartMonth),
        _ => FiscalYear(BusinessCalendar.FiscalYear(date, fiscalYearStartMonth), fiscalYearStartMonth),
    };

    /// <summary>Reads <c>2027-03</c>, <c>FY2027-Q1</c> or <c>FY2027</c>; null when the text is none of these.</summary>
    public static BudgetPeriod? TryParse(string? text, int fiscalYearStartMonth)
    {
        var t = text?.Trim().ToUpperInvariant() ?? "";
        if (t.Length == 7 && t[4] == '-' && Int(t[..4]) is { } y && Int(t[5..]) is { } m && m is >= 1 and <= 12 && y is >= 1900 and <= 9999)
        {
            return Month(y, m);
        }

        if (t.StartsWith("FY", StringComparison.Ordinal) && t.Length >= 6 && Int(t[2..6]) is { } fy && fy is >= 1901 and <= 9998)
        {
            if (t.Length == 6)
            {
                return FiscalYear(fy, fiscalYearStartMonth);
            }

            if (t.Length == 9 && t[6..8] == "-Q" && Int(t[8..]) is { } q && q is >= 1 and <= 4)
            {
                return FiscalQuarter(fy, q, fiscalYearStartMonth);
            }
        }

        return null;
    }

    /// <summary>The written form that <see cref="TryParse"/> reads back.</summary>
    public string Format(int fiscalYearStartMonth) => Kind switch
    {
        BudgetPeriodKind.Month => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        BudgetPeriodKind.Quarter => $"FY{BusinessCalendar.FiscalYear(Start, fiscalYearStartMonth)}-Q{BusinessCalendar.FiscalQuarter(Start, fiscalYearStartMonth)}",
        _ => $"FY{BusinessCalendar.FiscalYear(Start, fiscalYearStartMonth)}",
    };

    private static int? Int(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}
