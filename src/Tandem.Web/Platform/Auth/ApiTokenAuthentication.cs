using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Platform.Auth;

/// <summary>Authenticates "Authorization: Bearer tdm_…" against the hashed tokens table.</summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TandemDb db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string SecretPrefix = "tdm_";

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>A new secret: prefix + 32 random bytes, URL-safe.</summary>
    public static string NewSecret() =>
        SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return AuthenticateResult.Fail("Malformed API token.");
        }

        var hash = Hash(secret);
        var now = clock.GetUtcNow().UtcDateTime;
        var token = await db.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAtUtc == null && (t.ExpiresAtUtc == null || t.ExpiresAtUtc > now))
            .Select(t => new { t.Id, t.UserId, t.Roles })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (token is null)
        {
            return AuthenticateResult.Fail("Unknown, expired or revoked API token.");
        }

        var roles = token.Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var principal = await UserPrincipals.LoadAsync(db, token.UserId, null, roles, token.Id, SchemeName, Context.RequestAborted);
        return principal is null
            ? AuthenticateResult.Fail("The token's user is inactive.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
