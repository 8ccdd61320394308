using System.Security.Claims;
using Tandem.Web.Platform.Audit;

namespace Tandem.Web.Platform.Auth;

/// <summary>A role the user holds and where it applies (null department and location = company-wide).</summary>
public sealed record RoleScope(string Role, Guid? DepartmentId, Guid? LocationId);

/// <summary>The authenticated caller as handlers see it: who, which company, which roles where, and through which token.</summary>
public sealed record CurrentUser(Guid UserId, Guid CompanyId, string DisplayName, IReadOnlyList<RoleScope> Scopes, Guid? TokenId)
{
    public bool HasRole(string role) => Scopes.Any(s => s.Role == role);

    public bool HasAnyRole(IEnumerable<string> roles) => roles.Any(HasRole);

    public Actor ToActor() => new(UserId, TokenId, TokenId is null ? DisplayName : $"{DisplayName} (API token)", CompanyId);

    public static CurrentUser? From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            || !Guid.TryParse(principal.FindFirstValue(TandemClaims.Company), out var companyId))
        {
            return null;
        }

        var scopes = principal.FindAll(TandemClaims.Scope).Select(c => TandemClaims.ParseScope(c.Value)).ToList();
        Guid? tokenId = Guid.TryParse(principal.FindFirstValue(TandemClaims.Token), out var t) ? t : null;
        return new CurrentUser(userId, companyId, principal.FindFirstValue(ClaimTypes.Name) ?? "", scopes, tokenId);
    }
}

public static class TandemClaims
{
    public const string Company = "tandem:company";
    public const string Scope = "tandem:scope";
    public const string Token = "tandem:token";
    public const string SecurityStamp = "AspNet.Identity.SecurityStamp";

    public static string FormatScope(RoleScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return $"{scope.Role}|{scope.DepartmentId}|{scope.LocationId}";
    }

    public static RoleScope ParseScope(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split('|');
        return new RoleScope(parts[0], Guid.TryParse(parts[1], out var d) ? d : null, Guid.TryParse(parts[2], out var l) ? l : null);
    }
}
