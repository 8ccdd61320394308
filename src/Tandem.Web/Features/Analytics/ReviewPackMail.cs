using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Email;
using Tandem.Web.Platform.Jobs;

namespace Tandem.Web.Features.Analytics;

/// <summary>
/// Who receives the review pack and when (<c>GET/PUT /api/v1/review-pack/settings</c>, controllers and admins), the PDF
/// (<c>GET /api/v1/review-pack/pdf</c>), and the weekly e-mail: on the chosen weekday the job queues one message per
/// recipient with the PDF attached, once per day whichever instance runs it (the day is recorded with the mail).
/// </summary>
public static class ReviewPackMail
{
    public sealed record SettingsRequest(MoneyDto? Threshold, string? Weekday, int? WeeksAhead, int? ExceptionDays, IReadOnlyList<Guid>? RecipientIds);

    public sealed record SettingsResponse(MoneyDto Threshold, string Weekday, int WeeksAhead, int ExceptionDays, IReadOnlyList<Guid> RecipientIds, DateOnly? LastSentOn, int Version)
        : IVersionedResponse;

    public static readonly string[] Editors = [Role.Controller, Role.Admin];

    public static async Task<SettingsResponse> GetAsync(TandemDb db, Guid companyId, CancellationToken ct)
    {
        var s = await AnalyticsSettings.ForAsync(db, companyId, ct);
        var currency = await CompanyClock.CurrencyAsync(db, companyId, ct);
        return new SettingsResponse(MoneyDto.From(new Domain.Money.Money(s.ReviewThresholdMinor, currency)), JsonNames.Camel(s.ReviewWeekday.ToString()), s.ReviewWeeksAhead,
            s.ReviewExceptionDays, [.. s.Recipients.Select(r => r.UserId).Order()], s.ReviewSentOn, s.Version);
    }

    public static async Task<Result<SettingsResponse>> SaveAsync(TandemDb db, CurrentUser user, int? version, SettingsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        var v = new Validator();
        var currency = await CompanyClock.CurrencyAsync(db, user.CompanyId, ct);
        var threshold = v.Money(request.Threshold, "threshold");
        if (threshold is { } t && (t.Currency != currency || t.Minor < 0))
        {
            v.Add("threshold", "out_of_range", $"threshold must be zero or more, in {currency.Code}.");
        }

        var weekday = request.Weekday is null ? (DayOfWeek?)null : v.Enum<DayOfWeek>(request.Weekday, "weekday");
        if (request.WeeksAhead is not null)
        {
            v.Range(request.WeeksAhead, "weeksAhead", 1, 12);
        }

        if (request.ExceptionDays is not null)
        {
            v.Range(request.ExceptionDays, "exceptionDays", 1, 90);
        }
        var recipients = request.RecipientIds?.Distinct().ToList();
        if (recipients is not null && await db.Users.CountAsync(u => recipients.Contains(u.Id) && u.CompanyId == user.CompanyId && u.IsActive, ct) != recipients.Count)
        {
            v.Add("recipientIds", "not_found", "recipientIds must be active users of this company.");
        }

        if (!v.IsValid)
        {
            return Result<SettingsResponse>.Failure(v.Errors);
        }

        var settings = await db.AnalyticsSettings.Include(s => s.Recipients).SingleOrDefaultAsync(s => s.CompanyId == user.CompanyId, ct);
        if (settings is null)
        {
            settings = AnalyticsSettings.Default(user.CompanyId);
            db.AnalyticsSettings.Add(settings);
        }
        else if (version is { } expected && expected != settings.Version)
        {
            return ApiResults.StaleVersion("review pack settings");
        }

        settings.ReviewThresholdMinor = threshold?.Minor ?? settings.ReviewThresholdMinor;
        settings.ReviewWeekday = weekday ?? settings.ReviewWeekday;
        settings.ReviewWeeksAhead = request.WeeksAhead ?? settings.ReviewWeeksAhead;
        settings.ReviewExceptionDays = request.ExceptionDays ?? settings.ReviewExceptionDays;
        if (recipients is not null)
        {
            settings.Recipients.RemoveAll(r => !recipients.Contains(r.UserId));
            settings.Recipients.AddRange(recipients.Where(id => settings.Recipients.All(r => r.UserId != id))
                .Select(id => new ReviewRecipient { Id = Ids.New(db.Clock.GetUtcNow()), CompanyId = user.CompanyId, UserId = id }));
        }

        await db.SaveChangesAsync(ct);
        return await GetAsync(db, user.CompanyId, ct);
    }

    /// <summary>Queues the pack to every recipient if today is the company's review day and it has not gone out today. Returns how many were queued.</summary>
    public static async Task<int> SendIfDueAsync(TandemDb db, IServiceScopeFactory scopes, Guid companyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var settings = await db.AnalyticsSettings.Include(s => s.Recipients).SingleOrDefaultAsync(s => s.CompanyId == companyId, ct);
        var today = await CompanyClock.TodayAsync(db, companyId, ct);
        if (settings is null || settings.Recipients.Count == 0 || today.DayOfWeek != settings.ReviewWeekday || settings.ReviewSentOn == today)
        {
            return 0;
        }

        var pack = await ReviewPack.BuildAsync(db, scopes, companyId, ct);
        var pdf = new Outbox.File($"review-pack-{pack.WeekTo:yyyy-MM-dd}.pdf", "application/pdf", ReviewPackPdf.Render(pack));
        var ids = settings.Recipients.Select(r => r.UserId).ToList();
        var emails = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.IsActive && u.Email != null).Select(u => u.Email!).ToListAsync(ct);
        var summary = string.Join("\n", pack.Sections.Select(s => $"- {s.Title}: {s.Count} ({new Domain.Money.Money(s.TotalMinor, Domain.Money.Currency.Of(pack.Currency))})"));
        foreach (var email in emails)
        {
            Outbox.Enqueue(db, companyId, email, $"Weekly review pack {pack.WeekFrom:yyyy-MM-dd} – {pack.WeekTo:yyyy-MM-dd}",
                $"The procurement–finance review pack for this week is attached.\n\n{summary}\n\nThe live version: /Analytics/ReviewPack", pdf);
        }

        settings.ReviewSentOn = today;
        await db.SaveChangesAsync(ct); // the mails and the day commit together: a concurrency clash on the settings' version stops a second send
        return emails.Count;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/review-pack/settings", async (TandemDb db, CurrentUser user, CancellationToken ct) => Results.Ok(await GetAsync(db, user.CompanyId, ct)))
            .RequireRoles(Editors);
        api.MapPut("/review-pack/settings", async (TandemDb db, CurrentUser user, HttpContext http, SettingsRequest request, CancellationToken ct) =>
            {
                // Like the other company settings, If-Match is optional here; when sent, a stale version is refused.
                if (http.Request.Headers.IfMatch.Count == 0)
                {
                    return (await SaveAsync(db, user, null, request, ct)).ToOk(http);
                }

                return await ApiResults.UpdateAsync(http, version => SaveAsync(db, user, version, request, ct));
            })
            .RequireRoles(Editors);
        api.MapGet("/review-pack/pdf", async (TandemDb db, IServiceScopeFactory scopes, CurrentUser user, CancellationToken ct) =>
            {
                var pack = await ReviewPack.BuildAsync(db, scopes, user.CompanyId, ct);
                return Results.File(ReviewPackPdf.Render(pack), "application/pdf", $"review-pack-{pack.WeekTo:yyyy-MM-dd}.pdf");
            })
            .RequireRoles(SpendFilter.Readers);
    }
}

/// <summary>E-mails the weekly review pack of every company whose review day it is (hourly check; sent once per day).</summary>
public sealed class ReviewPackJob : IScheduledJob
{
    public string Name => "review-pack";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<TandemDb>();
        foreach (var company in await db.AnalyticsSettings.Where(s => s.Recipients.Count > 0).Select(s => s.CompanyId).ToListAsync(ct))
        {
            await ReviewPackMail.SendIfDueAsync(db, services.GetRequiredService<IServiceScopeFactory>(), company, ct);
        }
    }
}
