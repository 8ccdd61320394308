using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Collaboration;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Jobs;

namespace Tandem.Web.Features.Webhooks;

/// <summary>
/// Fans new events out to the subscriptions that want them, then POSTs every due delivery, signed
/// (<see cref="WebhookRules.Signature"/>). A 2xx answer delivers it; anything else — an error status, a timeout, a
/// refused connection — is logged on the delivery and retried with growing waits until it is given up.
/// Runs under a lease, so with several instances each delivery is sent by one of them.
/// </summary>
public sealed class WebhookDeliveryJob(IConfiguration configuration, TimeProvider clock, IHttpClientFactory http, ILogger<WebhookDeliveryJob> logger) : IScheduledJob
{
    public const string Client = "webhooks";

    public string Name => "webhook-delivery";

    public TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Webhooks:IntervalSeconds", 10));

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<TandemDb>();
        await FanOutAsync(db, ct);
        await DeliverAsync(db, ct);
    }

    private async Task FanOutAsync(TandemDb db, CancellationToken ct)
    {
        var events = await db.WebhookEvents.Where(e => !e.FannedOut).OrderBy(e => e.OccurredAtUtc).Take(500).ToListAsync(ct);
        if (events.Count == 0)
        {
            return;
        }

        var companies = events.Select(e => e.CompanyId).Distinct().ToList();
        var subscriptions = (await db.WebhookSubscriptions.AsNoTracking().Where(s => s.IsActive && companies.Contains(s.CompanyId)).ToListAsync(ct))
            .Select(s => (s.Id, s.CompanyId, Patterns: s.Events.Split(',', StringSplitOptions.RemoveEmptyEntries))).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var e in events)
        {
            e.FannedOut = true;
            db.WebhookDeliveries.AddRange(subscriptions.Where(s => s.CompanyId == e.CompanyId && WebhookRules.Matches(s.Patterns, e.Type)).Select(s => new WebhookDelivery
            {
                Id = Ids.New(now),
                CompanyId = e.CompanyId,
                SubscriptionId = s.Id,
                EventId = e.Id,
                EventType = e.Type,
                Status = DeliveryStatus.Pending,
                CreatedAtUtc = now,
                NextAttemptAtUtc = now,
            }));
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task DeliverAsync(TandemDb db, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.WebhookDeliveries.Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAtUtc <= now)
            .OrderBy(d => d.NextAttemptAtUtc).Take(100).ToListAsync(ct);
        if (due.Count == 0)
        {
            return;
        }

        var subscriptionIds = due.Select(d => d.SubscriptionId).Distinct().ToList();
        var eventIds = due.Select(d => d.EventId).Distinct().ToList();
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var payloads = await db.WebhookEvents.AsNoTracking().Where(e => eventIds.Contains(e.Id)).Select(e => new { e.Id, e.Payload }).ToDictionaryAsync(e => e.Id, e => e.Payload, ct);
        using var client = http.CreateClient(Client);
        foreach (var delivery in due)
        {
            await SendAsync(client, delivery, subscriptions[delivery.SubscriptionId], payloads[delivery.EventId], ct);
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task SendAsync(HttpClient client, WebhookDelivery delivery, WebhookSubscription subscription, string payload, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var sentAt = clock.GetUtcNow();
        delivery.Attempts++;
        delivery.LastAttemptAtUtc = sentAt.UtcDateTime;
        string? error;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
            request.Headers.Add("Tandem-Event", delivery.EventType);
            request.Headers.Add("Tandem-Delivery", delivery.Id.ToString());
            request.Headers.Add("Tandem-Signature", WebhookRules.Signature(subscription.Secret, sentAt.ToUnixTimeSeconds(), payload));
            using var response = await client.SendAsync(request, ct);
            delivery.LastStatusCode = (int)response.StatusCode;
            error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}: {Truncate(await response.Content.ReadAsStringAsync(ct), 500)}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            delivery.LastStatusCode = null;
            error = Truncate(e.Message, 1000);
        }

        delivery.LastDurationMs = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        delivery.LastError = error;
        if (error is null)
        {
            (delivery.Status, delivery.DeliveredAtUtc, delivery.NextAttemptAtUtc) = (DeliveryStatus.Delivered, sentAt.UtcDateTime, null);
            return;
        }

        delivery.NextAttemptAtUtc = WebhookRules.NextAttempt(delivery.Attempts, sentAt.UtcDateTime);
        delivery.Status = delivery.NextAttemptAtUtc is null ? DeliveryStatus.Failed : DeliveryStatus.Pending;
        logger.LogWarning("Webhook delivery {Id} to {Url} failed (attempt {Attempt}): {Error}", delivery.Id, subscription.Url, delivery.Attempts, error);
    }

    private static string Truncate(string s, int max) => s.Length > max ? s[..max] : s;
}
