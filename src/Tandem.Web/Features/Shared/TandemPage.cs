using Microsoft.AspNetCore.Mvc.RazorPages;
using Tandem.Domain;
using Tandem.Web.Platform.Auth;

namespace Tandem.Web.Features.Shared;

/// <summary>Base for pages: the signed-in user and the errors of the last action. Pages call the same handlers as the API.</summary>
public abstract class TandemPage : PageModel
{
    public CurrentUser Me => CurrentUser.From(User) ?? throw new InvalidOperationException("Page requires a signed-in user.");

    public IReadOnlyList<Error> Errors { get; protected set; } = [];

    public string? Notice { get; set; }

    /// <summary>True when the result succeeded; otherwise keeps its errors for the page to show.</summary>
    protected bool Succeeded<T>(Result<T> result)
    {
        Errors = result.IsSuccess ? [] : result.Errors;
        return result.IsSuccess;
    }
}
