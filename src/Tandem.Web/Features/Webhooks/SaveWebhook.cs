using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Collaboration;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Audit;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Webhooks;

public sealed record WebhookResponse(
    Guid Id, string Url, string? Description, IReadOnlyList<string> Events, bool IsActive, DateTime CreatedAtUtc, int Version, string? Secret) : IVersionedResponse
{
    public static WebhookResponse From(WebhookSubscription s, bool withSecret = false) =>
        new(s.Id, s.Url, s.Description, s.Events.Split(',', StringSplitOptions.RemoveEmptyEntries), s.IsActive, s.CreatedAtUtc, s.Version, withSecret ? s.Secret : null);
}

/// <summary>
/// Subscribe an endpoint to events (admins only). The signing secret is generated here and shown once — on create and
/// on rotation. URLs must be https, except to this machine (or anywhere with Webhooks:AllowHttp for a test setup).
/// </summary>
public static class SaveWebhook
{
    public const int MaxPerCompany = 20;

    public sealed record Request(string? Url, string? Description, IReadOnlyList<string>? Events, bool? IsActive);

    public static async Task<Result<WebhookResponse>> CreateAsync(TandemDb db, CurrentUser user, IConfiguration configuration, Request request, CancellationToken ct)
    {
        var v = new Validator();
        var (url, events) = Check(v, configuration, request);
        if (await db.WebhookSubscriptions.CountAsync(s => s.CompanyId == user.CompanyId, ct) >= MaxPerCompany)
        {
            v.Add("url", "too_many_webhooks", $"A company may have at most {MaxPerCompany} webhooks; delete one first.");
        }

        if (!v.IsValid)
        {
            return Result<WebhookResponse>.Failure(v.Errors);
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        var subscription = new WebhookSubscription
        {
            Id = Ids.New(now),
            CompanyId = user.CompanyId,
            Url = url,
            Description = v.Optional(request.Description, "description", 200),
            Events = events,
            Secret = NewSecret(),
            IsActive = request.IsActive ?? true,
            CreatedAtUtc = now,
        };
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        return WebhookResponse.From(subscription, withSecret: true);
    }

    public static async Task<Result<WebhookResponse>> UpdateAsync(TandemDb db, CurrentUser user, IConfiguration configuration, Guid id, int expectedVersion, Request request, CancellationToken ct)
    {
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id && s.CompanyId == user.CompanyId, ct);
        if (subscription is null)
        {
            return NotFound();
        }

        if (subscription.Version != expectedVersion)
        {
            return ApiResults.StaleVersion("webhook");
        }

        var v = new Validator();
        var (url, events) = Check(v, configuration, request);
        var description = v.Optional(request.Description, "description", 200);
        if (!v.IsValid)
        {
            return Result<WebhookResponse>.Failure(v.Errors);
        }

        (subscription.Url, subscription.Events, subscription.Description, subscription.IsActive) = (url, events, description, request.IsActive ?? subscription.IsActive);
        await db.SaveChangesAsync(ct);
        return WebhookResponse.From(subscription);
    }

    /// <summary>A new secret; the old one stops working at once (receivers must be updated with the returned value).</summary>
    public static async Task<Result<WebhookResponse>> RotateSecretAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id && s.CompanyId == user.CompanyId, ct);
        if (subscription is null)
        {
            return NotFound();
        }

        subscription.Secret = NewSecret();
        AuditWriter.Event(db, user.CompanyId, nameof(WebhookSubscription), id, "secretRotated", new { });
        await db.SaveChangesAsync(ct);
        return WebhookResponse.From(subscription, withSecret: true);
    }

    public static async Task<Result<WebhookResponse>> DeleteAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id && s.CompanyId == user.CompanyId, ct);
        if (subscription is null)
        {
            return NotFound();
        }

        db.WebhookSubscriptions.Remove(subscription);
        await db.SaveChangesAsync(ct);
        return WebhookResponse.From(subscription);
    }

    public static Error NotFound() => Error.NotFound("webhook.not_found", "No such webhook.");

    private static (string Url, string Events) Check(Validator v, IConfiguration configuration, Request request)
    {
        var url = v.Required(request.Url, "url", 2000);
        var uri = Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? parsed : null;
        if (url.Length > 0 && (uri is null || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo)))
        {
            v.Add("url", "invalid_url", "url must be an absolute http(s) URL without credentials.");
        }
        else if (uri is { Scheme: "http", IsLoopback: false } && !configuration.GetValue("Webhooks:AllowHttp", false))
        {
            v.Add("url", "https_required", "url must use https (plain http is allowed only to this machine, or with Webhooks:AllowHttp).");
        }

        var events = request.Events ?? [];
        if (events.Count == 0)
        {
            v.Add("events", "required", $"events must name at least one event or family, e.g. \"requisition.*\". Known: {string.Join(", ", WebhookRules.EventTypes)}.");
        }

        foreach (var (e, i) in events.Select((e, i) => (e, i)))
        {
            if (!WebhookRules.IsPattern(e ?? ""))
            {
                v.Add($"events[{i}]", "unknown_event", $"events[{i}] \"{e}\" is not an event Tandem publishes. Known: {string.Join(", ", WebhookRules.EventTypes)}.");
            }
        }

        return (url, string.Join(',', events.Distinct()));
    }

    private static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
