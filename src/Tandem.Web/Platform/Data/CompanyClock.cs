using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Money;
using Tandem.Domain.Time;
using Tandem.Web.Features.Organization;

namespace Tandem.Web.Platform.Data;

/// <summary>The settings nearly every request needs: the company's currency, time zone and fiscal year start.</summary>
public sealed record CompanySettings(string BaseCurrency, string TimeZone, int FiscalYearStartMonth);

/// <summary>
/// A company's "today" (the injected clock's instant seen in its time zone), its fiscal year and its currency. The
/// settings are read once per unit of work (one <see cref="TandemDb"/>, i.e. one request or job run) and remembered
/// there — never across requests, so every instance sees a change on its next request.
/// </summary>
public static class CompanyClock
{
    public static async Task<CompanySettings> SettingsAsync(TandemDb db, Guid companyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Reads.GetAsync<Company, CompanySettings>(
            companyId,
            c => db.Companies.AsNoTracking().Where(x => x.Id == companyId).Select(x => new CompanySettings(x.BaseCurrency, x.TimeZone, x.FiscalYearStartMonth)).SingleAsync(c),
            ct);
    }

    /// <summary>Settings read with something else in the same unit of work (the signed-in user's principal), kept for the rest of it.</summary>
    public static void Remember(TandemDb db, Guid companyId, CompanySettings settings)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Reads.Remember<Company>(companyId, settings);
    }

    public static async Task<DateOnly> TodayAsync(TandemDb db, Guid companyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var zoneId = (await SettingsAsync(db, companyId, ct)).TimeZone;
        return BusinessCalendar.Today(db.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zoneId));
    }

    /// <summary>The month the company's fiscal year starts in (budget quarters and years follow it).</summary>
    public static async Task<int> FiscalYearStartMonthAsync(TandemDb db, Guid companyId, CancellationToken ct) =>
        (await SettingsAsync(db, companyId, ct)).FiscalYearStartMonth;

    /// <summary>The company currency: what rules, limits and reports compare in.</summary>
    public static async Task<Currency> CurrencyAsync(TandemDb db, Guid companyId, CancellationToken ct) =>
        Currency.Of((await SettingsAsync(db, companyId, ct)).BaseCurrency);
}
