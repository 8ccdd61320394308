using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Users;

public sealed record RoleScopeDto(string? Role, Guid? DepartmentId, Guid? LocationId);

public sealed record UserResponse(
    Guid Id, Guid CompanyId, string Email, string DisplayName, Guid? ManagerId, MoneyDto? ApprovalLimit,
    bool IsActive, bool IsLockedOut, IReadOnlyList<RoleScopeDto> Roles, int Version) : IVersionedResponse
{
    public static UserResponse From(User u, DateTimeOffset now) => new(
        u.Id, u.CompanyId, u.Email ?? "", u.DisplayName, u.ManagerId, MoneyDto.From(u.ApprovalLimitMinor, u.ApprovalLimitCurrency),
        u.IsActive, u.LockoutEnd > now, u.Roles.OrderBy(r => r.Role, StringComparer.Ordinal).Select(r => new RoleScopeDto(r.Role, r.DepartmentId, r.LocationId)).ToList(),
        u.Version);
}

/// <summary>Admins list and read the users of their company; every user reads themselves (GET /me).</summary>
public static class UserQueries
{
    /// <summary>Display names of the given users (any company-scoped caller has already checked the ids).</summary>
    public static async Task<Dictionary<Guid, string>> NamesAsync(TandemDb db, IEnumerable<Guid> userIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = userIds.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    public static async Task<Result<Paged<UserResponse>>> ListAsync(
        TandemDb db, CurrentUser user, string? q, string? role, int? page, int? pageSize, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking().Include(u => u.Roles).Where(u => u.CompanyId == user.CompanyId);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(term) || u.DisplayName.ToUpper().Contains(term));
        }

        if (!string.IsNullOrWhiteSpace(role))
        {
            query = query.Where(u => u.Roles.Any(r => r.Role == role));
        }

        var now = db.Clock.GetUtcNow();
        return await PageRequest.ListAsync(page, pageSize, query.OrderBy(u => u.DisplayName).ThenBy(u => u.Id), u => UserResponse.From(u, now), ct);
    }

    public static async Task<Result<UserResponse>> GetAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
        await db.Users.AsNoTracking().Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == id && u.CompanyId == user.CompanyId, ct) is { } u
            ? UserResponse.From(u, db.Clock.GetUtcNow())
            : OrgUnits.NotFound("user");

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/users", async (TandemDb db, CurrentUser user, HttpContext http, string? q, string? role, int? page, int? pageSize, CancellationToken ct) =>
                (await ListAsync(db, user, q, role, page, pageSize, ct)).ToOk(http))
            .RequireRoles(Role.Admin);
        api.MapGet("/users/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireRoles(Role.Admin);
        api.MapGet("/me", async (TandemDb db, CurrentUser user, HttpContext http, CancellationToken ct) =>
                (await GetAsync(db, user, user.UserId, ct)).ToOk(http))
            .RequireSignedIn();
    }
}
