using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Money;
using Tandem.Domain.Time;

namespace Tandem.Web.Platform.Data;

/// <summary>A company's "today" (the injected clock's instant seen in its time zone) and its currency.</summary>
public static class CompanyClock
{
    public static async Task<DateOnly> TodayAsync(TandemDb db, Guid companyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var zoneId = await db.Companies.Where(c => c.Id == companyId).Select(c => c.TimeZone).SingleAsync(ct);
        return BusinessCalendar.Today(db.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zoneId));
    }

    /// <summary>The company currency: what rules, limits and reports compare in.</summary>
    public static async Task<Currency> CurrencyAsync(TandemDb db, Guid companyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Currency.Of(await db.Companies.Where(c => c.Id == companyId).Select(c => c.BaseCurrency).SingleAsync(ct));
    }
}
