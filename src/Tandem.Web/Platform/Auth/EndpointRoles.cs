using Microsoft.AspNetCore.Authorization;

namespace Tandem.Web.Platform.Auth;

/// <summary>Every endpoint declares who may call it. The 401/403 sweep test reads these declarations.</summary>
public static class EndpointRoles
{
    /// <summary>Callable by users holding any of <paramref name="roles"/>.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentOutOfRangeException.ThrowIfZero(roles.Length);
        return builder.RequireAuthorization(new AuthorizeAttribute { Roles = string.Join(',', roles) });
    }

    /// <summary>Callable by any signed-in user (their own profile, their own tokens).</summary>
    public static TBuilder RequireSignedIn<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(new AuthorizeAttribute());
}
