using Tandem.Domain;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Account;

/// <summary>
/// A user creates an API token for an integration. The secret is returned once and stored only as a SHA-256 hash.
/// The token may be limited to some of the user's roles (default: all of them) and may expire (1–730 days).
/// Tokens cannot create tokens: an integration never mints its own credentials.
/// </summary>
public static class CreateApiToken
{
    public sealed record Request(string? Name, IReadOnlyList<string>? Roles, int? ExpiresInDays);

    public sealed record Response(ApiTokenResponse Token, string Secret);

    public static async Task<Result<Response>> CreateAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct)
    {
        if (user.TokenId is not null)
        {
            return Error.Forbidden("token.no_token_minting", "API tokens cannot create other API tokens; sign in to create one.");
        }

        var v = new Validator();
        var name = v.Required(request.Name, "name", 100);
        var held = user.Scopes.Select(s => s.Role).ToHashSet(StringComparer.Ordinal);
        var roles = request.Roles ?? held.ToList();
        for (var i = 0; i < roles.Count; i++)
        {
            if (!held.Contains(roles[i]))
            {
                v.Add($"roles[{i}]", "role_not_held", $"You do not hold the role '{roles[i]}', so a token of yours cannot have it.");
            }
        }

        if (request.ExpiresInDays is not null)
        {
            v.Range(request.ExpiresInDays, "expiresInDays", 1, 730);
        }

        if (!v.IsValid)
        {
            return Result<Response>.Failure(v.Errors);
        }

        var now = db.Clock.GetUtcNow();
        var secret = ApiTokenAuthentication.NewSecret();
        var token = new ApiToken
        {
            Id = Ids.New(now),
            UserId = user.UserId,
            Name = name,
            Prefix = secret[..12],
            TokenHash = ApiTokenAuthentication.Hash(secret),
            Roles = string.Join(' ', roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            CreatedAtUtc = now.UtcDateTime,
            ExpiresAtUtc = request.ExpiresInDays is { } days ? now.UtcDateTime.AddDays(days) : null,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new Response(ApiTokenResponse.From(token), secret);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/me/api-tokens", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await CreateAsync(db, user, request, ct)).ToCreated(http, r => $"/api/v1/me/api-tokens/{r.Token.Id}"))
            .RequireSignedIn();
}
