using Microsoft.AspNetCore.Mvc;
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

    /// <summary>
    /// After a form post: on success a notice and a redirect to the page (post-redirect-get); on failure the page again
    /// with the errors, its data re-read by <paramref name="reload"/> (false: the page's subject is gone, 404).
    /// </summary>
    protected async Task<IActionResult> AfterAsync<T>(Result<T> result, Func<T, string> notice, Func<Task<bool>> reload, object? routeValues = null)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(reload);
        if (Succeeded(result))
        {
            TempData["Notice"] = notice(result.Value);
            return RedirectToPage(routeValues);
        }

        var errors = Errors;
        var found = await reload();
        Errors = errors;
        return found ? Page() : NotFound();
    }

    /// <summary>
    /// A document page's form action: <see cref="AfterAsync"/> with the page re-read by <paramref name="load"/> from a clean
    /// change tracker (the failed action may have left tracked changes behind).
    /// </summary>
    protected async Task<IActionResult> ActAsync<T>(Microsoft.EntityFrameworkCore.DbContext db, Func<Task<Result<T>>> action, Func<T, string> notice, Func<Task<bool>> load, object routeValues)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(action);
        return await AfterAsync(await action(), notice, () =>
        {
            db.ChangeTracker.Clear();
            return load();
        }, routeValues);
    }
}
