using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Webhooks;

/// <summary>/api/v1/webhooks: admins subscribe endpoints to events and read each one's delivery log.</summary>
public static class WebhooksFeature
{
    public static void Map(RouteGroupBuilder api)
    {
        var hooks = api.MapGroup("/webhooks").RequireRoles(Role.Admin);
        hooks.MapGet("", async (TandemDb db, CurrentUser user, CancellationToken ct) => TypedResults.Ok(await WebhookQueries.ListAsync(db, user, ct)));
        hooks.MapPost("", async (TandemDb db, CurrentUser user, IConfiguration configuration, HttpContext http, SaveWebhook.Request request, CancellationToken ct) =>
            (await SaveWebhook.CreateAsync(db, user, configuration, request, ct)).ToCreated(http, w => $"/api/v1/webhooks/{w.Id}"));
        hooks.MapGet("/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
            (await WebhookQueries.GetAsync(db, user, id, ct)).ToOk(http));
        hooks.MapPut("/{id:guid}", (TandemDb db, CurrentUser user, IConfiguration configuration, HttpContext http, Guid id, SaveWebhook.Request request, CancellationToken ct) =>
            ApiResults.UpdateAsync(http, version => SaveWebhook.UpdateAsync(db, user, configuration, id, version, request, ct)));
        hooks.MapDelete("/{id:guid}", async (TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
            (await SaveWebhook.DeleteAsync(db, user, id, ct)).ToNoContent());
        hooks.MapPost("/{id:guid}/rotate-secret", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
            (await SaveWebhook.RotateSecretAsync(db, user, id, ct)).ToOk(http));
        hooks.MapPost("/{id:guid}/ping", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
            (await WebhookQueries.PingAsync(db, user, id, ct)).ToOk(http));
        hooks.MapGet("/{id:guid}/deliveries", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, DeliveryStatus? status, int? page, int? pageSize, CancellationToken ct) =>
            (await WebhookQueries.DeliveriesAsync(db, user, id, status, page, pageSize, ct)).ToOk(http));
        hooks.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/retry", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, Guid deliveryId, CancellationToken ct) =>
            (await WebhookQueries.RedeliverAsync(db, user, id, deliveryId, ct)).ToOk(http));
    }
}
