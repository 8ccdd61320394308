using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Account;

public sealed record ApiTokenResponse(Guid Id, string Name, string Prefix, IReadOnlyList<string> Roles, DateTime CreatedAtUtc, DateTime? ExpiresAtUtc, DateTime? RevokedAtUtc)
{
    public static ApiTokenResponse From(ApiToken t) =>
        new(t.Id, t.Name, t.Prefix, t.Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries), t.CreatedAtUtc, t.ExpiresAtUtc, t.RevokedAtUtc);
}

/// <summary>A user lists their own API tokens (never the secrets).</summary>
public static class ApiTokenQueries
{
    public static Task<Result<Paged<ApiTokenResponse>>> ListAsync(TandemDb db, CurrentUser user, int? page, int? pageSize, CancellationToken ct) =>
        PageRequest.ListAsync(page, pageSize, db.ApiTokens.AsNoTracking().Where(t => t.UserId == user.UserId).OrderByDescending(t => t.CreatedAtUtc), ApiTokenResponse.From, ct);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/me/api-tokens", async (TandemDb db, CurrentUser user, HttpContext http, int? page, int? pageSize, CancellationToken ct) =>
                (await ListAsync(db, user, page, pageSize, ct)).ToOk(http))
            .RequireSignedIn();
}
