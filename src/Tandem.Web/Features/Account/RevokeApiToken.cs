using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Account;

/// <summary>A user revokes one of their tokens; it stops working on the next request, on every instance. Revoking twice is harmless.</summary>
public static class RevokeApiToken
{
    public static async Task<Result<ApiTokenResponse>> RevokeAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == user.UserId, ct);
        if (token is null)
        {
            return Error.NotFound("token.not_found", "No such API token of yours.");
        }

        if (token.RevokedAtUtc is null)
        {
            token.RevokedAtUtc = db.Clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }

        return ApiTokenResponse.From(token);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/me/api-tokens/{id:guid}/revoke", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await RevokeAsync(db, user, id, ct)).ToOk(http))
            .RequireSignedIn();
}
