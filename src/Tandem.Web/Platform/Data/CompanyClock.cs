using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Time;

namespace Tandem.Web.Platform.Data;

/// <summary>"Today" for a company: the injected clock's instant seen in the company's time zone.</summary>
public static class CompanyClock
{
    public static async Task<DateOnly> TodayAsync(TandemDb db, Guid companyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var zoneId = await db.Companies.Where(c => c.Id == companyId).Select(c => c.TimeZone).SingleAsync(ct);
        return BusinessCalendar.Today(db.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zoneId));
    }
}
