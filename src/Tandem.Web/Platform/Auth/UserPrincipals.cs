using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Platform.Auth;

/// <summary>
/// Builds the principal for a request from the database, every request: roles and scopes are read fresh, so a
/// role removed, a user deactivated or a password changed (security stamp) takes effect at once on every instance.
/// </summary>
public static class UserPrincipals
{
    private sealed record Row(Guid Id, Guid CompanyId, string DisplayName, bool IsActive, string? SecurityStamp, List<RoleScope> Scopes, CompanySettings Settings);

    /// <summary>Compiled once: the query runs on every request, and EF Core would otherwise rebuild, parameterise and look it up each time.</summary>
    private static readonly Func<TandemDb, Guid, CancellationToken, Task<Row?>> Load = EF.CompileAsyncQuery((TandemDb db, Guid userId, CancellationToken ct) =>
        db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Join(db.Companies, u => u.CompanyId, c => c.Id, (u, c) => new Row(
                u.Id,
                u.CompanyId,
                u.DisplayName,
                u.IsActive,
                u.SecurityStamp,
                u.Roles.Select(r => new RoleScope(r.Role, r.DepartmentId, r.LocationId)).ToList(),
                new CompanySettings(c.BaseCurrency, c.TimeZone, c.FiscalYearStartMonth)))
            .SingleOrDefault());

    /// <summary>The principal of an active user with their current roles and scopes, or null to refuse the request.</summary>
    /// <param name="expectedStamp">For cookies: the security stamp the cookie was issued with; a mismatch signs the user out.</param>
    /// <param name="tokenRoles">For API tokens: the roles the token was limited to; the user's current roles are intersected with them.</param>
    public static async Task<ClaimsPrincipal?> LoadAsync(
        TandemDb db, Guid userId, string? expectedStamp, IReadOnlySet<string>? tokenRoles, Guid? tokenId, string scheme, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // One round trip on every request: the user, their role assignments and their company's settings (joins). The
        // settings are remembered for the request's unit of work, so the handler's CompanyClock reads cost nothing.
        var user = await Load(db, userId, ct);
        if (user is null || !user.IsActive || (expectedStamp is not null && expectedStamp != user.SecurityStamp))
        {
            return null;
        }

        CompanyClock.Remember(db, user.CompanyId, user.Settings);

        var scopes = user.Scopes;
        if (tokenRoles is not null)
        {
            scopes = scopes.Where(s => tokenRoles.Contains(s.Role)).ToList();
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.DisplayName),
            new(TandemClaims.Company, user.CompanyId.ToString()),
        };
        if (user.SecurityStamp is not null)
        {
            claims.Add(new Claim(TandemClaims.SecurityStamp, user.SecurityStamp));
        }

        if (tokenId is not null)
        {
            claims.Add(new Claim(TandemClaims.Token, tokenId.Value.ToString()));
        }

        claims.AddRange(scopes.Select(s => s.Role).Distinct(StringComparer.Ordinal).Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(scopes.Select(s => new Claim(TandemClaims.Scope, TandemClaims.FormatScope(s))));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
