using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Platform.Auth;

/// <summary>
/// People: Identity (password hasher, lockout) + a cookie; integrations: bearer API tokens. A policy scheme picks
/// one per request. Data-protection keys live in the database, so two instances read each other's cookies.
/// Everything requires a signed-in user unless it says otherwise (fallback policy).
/// </summary>
public static class AuthSetup
{
    public const string PolicyScheme = "Tandem";

    public static IServiceCollection AddTandemAuth(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Tandem").PersistKeysToDbContext<TandemDb>();
        services.AddIdentityCore<User>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireDigit = false; // length over composition (NIST SP 800-63B)
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<TandemDb>()
            .AddDefaultTokenProviders();

        services.AddAuthentication(PolicyScheme)
            .AddPolicyScheme(PolicyScheme, "Cookie or API token", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthentication.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = "tandem.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/Account/SignIn";
                o.AccessDeniedPath = "/Account/Denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = ValidateCookieAsync;
                o.Events.OnRedirectToLogin = c => ApiAware(c, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => ApiAware(c, StatusCodes.Status403Forbidden);
            });
        services.AddAuthentication().AddCookie(IdentityConstants.ExternalScheme).AddCookie(IdentityConstants.TwoFactorUserIdScheme);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddHttpContextAccessor();
        services.AddScoped(sp => CurrentUser.From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User ?? new ClaimsPrincipal())
            ?? throw new InvalidOperationException("CurrentUser requested on an anonymous request."));
        return services;
    }

    /// <summary>Reloads roles every request and signs out a user whose stamp changed or who was deactivated.</summary>
    private static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal is null || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            context.RejectPrincipal();
            return;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<TandemDb>();
        var stamp = principal.FindFirstValue(TandemClaims.SecurityStamp) ?? "";
        var loaded = await UserPrincipals.LoadAsync(db, userId, stamp, null, null, IdentityConstants.ApplicationScheme, context.HttpContext.RequestAborted);
        if (loaded is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        context.ReplacePrincipal(loaded);
    }

    /// <summary>APIs get a status code and problem details; pages get redirected to sign-in.</summary>
    private static async Task ApiAware(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return;
        }

        if (context.Request.Headers.ContainsKey("HX-Request"))
        {
            context.Response.Headers["HX-Redirect"] = context.RedirectUri;
            context.Response.StatusCode = status;
            return;
        }

        context.Response.Redirect(context.RedirectUri);
        await Task.CompletedTask;
    }
}
