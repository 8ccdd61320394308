using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Webhooks;

public sealed record DeliveryResponse(
    Guid Id, Guid EventId, string EventType, string Status, int Attempts, DateTime CreatedAtUtc, DateTime? NextAttemptAtUtc, DateTime? LastAttemptAtUtc,
    int? LastStatusCode, string? LastError, int? LastDurationMs, DateTime? DeliveredAtUtc);

/// <summary>Webhooks and their delivery log; sending one again by hand, and a ping to check an endpoint.</summary>
public static class WebhookQueries
{
    public static async Task<IReadOnlyList<WebhookResponse>> ListAsync(TandemDb db, CurrentUser user, CancellationToken ct) =>
        [.. (await db.WebhookSubscriptions.AsNoTracking().Where(s => s.CompanyId == user.CompanyId).OrderBy(s => s.CreatedAtUtc).ToListAsync(ct)).Select(s => WebhookResponse.From(s))];

    public static async Task<Result<WebhookResponse>> GetAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
        await db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.CompanyId == user.CompanyId, ct) is { } s
            ? WebhookResponse.From(s) : SaveWebhook.NotFound();

    public static async Task<Result<Paged<DeliveryResponse>>> DeliveriesAsync(TandemDb db, CurrentUser user, Guid id, DeliveryStatus? status, int? page, int? pageSize, CancellationToken ct)
    {
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == id && s.CompanyId == user.CompanyId, ct))
        {
            return SaveWebhook.NotFound();
        }

        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == id);
        if (status is { } s)
        {
            query = query.Where(d => d.Status == s);
        }

        return await PageRequest.ListAsync(page, pageSize, query.OrderByDescending(d => d.CreatedAtUtc).ThenByDescending(d => d.Id), d => new DeliveryResponse(
            d.Id, d.EventId, d.EventType, JsonNames.Camel(d.Status.ToString()), d.Attempts, d.CreatedAtUtc, d.NextAttemptAtUtc, d.LastAttemptAtUtc,
            d.LastStatusCode, d.LastError, d.LastDurationMs, d.DeliveredAtUtc), ct);
    }

    /// <summary>Queues a delivery again now (after fixing the receiver), keeping its log; refused while it is still being retried.</summary>
    public static async Task<Result<WebhookResponse>> RedeliverAsync(TandemDb db, CurrentUser user, Guid id, Guid deliveryId, CancellationToken ct)
    {
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == id && d.CompanyId == user.CompanyId, ct);
        if (delivery is null)
        {
            return Error.NotFound("delivery.not_found", "No such delivery for this webhook.");
        }

        if (delivery.Status == DeliveryStatus.Pending && delivery.Attempts == 0)
        {
            return Error.Conflict("delivery.already_queued", "This delivery has not been tried yet; it goes out with the next run.");
        }

        (delivery.Status, delivery.NextAttemptAtUtc) = (DeliveryStatus.Pending, db.Clock.GetUtcNow().UtcDateTime);
        delivery.Attempts = 0;
        await db.SaveChangesAsync(ct);
        return await GetAsync(db, user, id, ct);
    }

    /// <summary>Sends a "webhook.ping" to this endpoint only, to check the URL and the receiver's signature check.</summary>
    public static async Task<Result<WebhookResponse>> PingAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var subscription = await db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.CompanyId == user.CompanyId, ct);
        if (subscription is null)
        {
            return SaveWebhook.NotFound();
        }

        // Fanned out already: the ping goes to this endpoint only.
        var ping = WebhookPublisher.Publish(db, user.CompanyId, "webhook.ping", new { webhookId = id });
        ping.FannedOut = true;
        var now = db.Clock.GetUtcNow().UtcDateTime;
        db.WebhookDeliveries.Add(new WebhookDelivery
        {
            Id = Ids.New(now),
            CompanyId = user.CompanyId,
            SubscriptionId = id,
            EventId = ping.Id,
            EventType = ping.Type,
            Status = DeliveryStatus.Pending,
            CreatedAtUtc = now,
            NextAttemptAtUtc = now,
        });
        await db.SaveChangesAsync(ct);
        return WebhookResponse.From(subscription);
    }
}
