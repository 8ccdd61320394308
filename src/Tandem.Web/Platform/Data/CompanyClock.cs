using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Money;
using Tandem.Domain.Time;

namespace Tandem.Web.Platform.Data;

/// <summary>A company's "today" (the injected clock's instant seen in its time zone), its fiscal year and its currency.</summary>
public static class CompanyClock
{
    public static async Task<DateOnly> TodayAsync(TandemDb db, Guid companyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var zoneId = await db.Companies.Where(c => c.Id == companyId).Select(c => c.TimeZone).SingleAsync(ct);
        return BusinessCalendar.Today(db.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zoneId));
    }

    /// <summary>The month the company's fiscal year starts in (budget quarters and years follow it).</summary>
    public static Task<int> FiscalYearStartMonthAsync(TandemDb db, Guid companyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Companies.Where(c => c.Id == companyId).Select(c => c.FiscalYearStartMonth).SingleAsync(ct);
    }

    /// <summary>The company currency: what rules, limits and reports compare in.</summary>
    public static async Task<Currency> CurrencyAsync(TandemDb db, Guid companyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Currency.Of(await db.Companies.Where(c => c.Id == companyId).Select(c => c.BaseCurrency).SingleAsync(ct));
    }
}
