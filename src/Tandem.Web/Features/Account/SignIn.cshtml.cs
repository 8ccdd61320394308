using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Account;

/// <summary>Password sign-in through Identity: the framework's hasher, lockout after 5 failures for 15 minutes.</summary>
[AllowAnonymous]
public sealed class SignInModel(SignInManager<User> signIn, TandemDb db) : PageModel
{
    public string? Error { get; private set; }

    public string? Email { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = SafeReturn(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? returnUrl)
    {
        Email = email;
        ReturnUrl = SafeReturn(returnUrl);
        var normalized = (email ?? "").Trim().ToUpperInvariant();
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, HttpContext.RequestAborted);
        if (user is null || !user.IsActive || string.IsNullOrEmpty(password))
        {
            Error = "E-mail or password is wrong.";
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl);
        }

        Error = result.IsLockedOut
            ? "This account is locked after too many failed attempts. Try again in 15 minutes or ask an admin."
            : "E-mail or password is wrong.";
        return Page();
    }

    private string SafeReturn(string? url) => url is not null && Url.IsLocalUrl(url) ? url : "/";
}
