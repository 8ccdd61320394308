using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Audit;

public sealed record AuditEntryResponse(
    Guid Id, DateTime OccurredAtUtc, string ActorName, Guid? ActorUserId, Guid? ActorTokenId,
    string EntityType, string EntityId, string Action, string? Before, string? After)
{
    public static AuditEntryResponse From(AuditEntry e) =>
        new(e.Id, e.OccurredAtUtc, e.ActorName, e.ActorUserId, e.ActorTokenId, e.EntityType, e.EntityId, e.Action, e.BeforeJson, e.AfterJson);
}

/// <summary>
/// Read the audit trail, newest first, filtered by entity, entity id and actor. Read-only by design: there is no
/// endpoint that edits or deletes an entry (and database triggers refuse it). Admins and controllers.
/// </summary>
public static class AuditQueries
{
    /// <summary>The latest entries about these entities (a document and its parts), newest first, for a page's history.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> TrailAsync(TandemDb db, Guid companyId, IEnumerable<Guid> entityIds, int take, CancellationToken ct)
    {
        var keys = entityIds.Select(i => i.ToString()).ToList();
        return await db.AuditEntries.AsNoTracking().Where(a => a.CompanyId == companyId && keys.Contains(a.EntityId))
            .OrderByDescending(a => a.OccurredAtUtc).Take(take).ToListAsync(ct);
    }

    public static async Task<Result<Paged<AuditEntryResponse>>> ListAsync(
        TandemDb db, CurrentUser user, string? entityType, string? entityId, Guid? actorUserId, int? page, int? pageSize, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking().Where(e => e.CompanyId == user.CompanyId);
        if (!string.IsNullOrWhiteSpace(entityType))
        {
            query = query.Where(e => e.EntityType == entityType);
        }

        if (!string.IsNullOrWhiteSpace(entityId))
        {
            query = query.Where(e => e.EntityId == entityId);
        }

        if (actorUserId is not null)
        {
            query = query.Where(e => e.ActorUserId == actorUserId);
        }

        return await PageRequest.ListAsync(page, pageSize, query.OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Id), AuditEntryResponse.From, ct);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/audit", async (TandemDb db, CurrentUser user, HttpContext http, string? entityType, string? entityId, Guid? actorUserId, int? page, int? pageSize, CancellationToken ct) =>
                (await ListAsync(db, user, entityType, entityId, actorUserId, page, pageSize, ct)).ToOk(http))
            .RequireRoles(Role.Admin, Role.Controller);
}

public static class AuditFeature
{
    public static void Map(RouteGroupBuilder api) => AuditQueries.Map(api);
}
