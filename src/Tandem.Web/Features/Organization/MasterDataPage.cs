using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Api;

namespace Tandem.Web.Features.Organization;

/// <summary>
/// What every organization master-data page does: list with search, add, edit with the version read — each step
/// through the area's own handlers (the same ones the API calls). A page supplies those handlers, its blank form,
/// the roles that may edit, and any lookups its form needs.
/// </summary>
[Authorize(Roles = $"{Role.Admin},{Role.Controller}")]
public abstract class MasterDataPage<TResponse, TRequest>(TRequest blank) : TandemPage
    where TRequest : class
{
    public Paged<TResponse> List { get; private set; } = new([], 1, PageRequest.MaxPageSize, 0);

    public string? Query { get; private set; }

    public Guid? EditingId { get; private set; }

    public int Version { get; private set; }

    [BindProperty]
    public TRequest Input { get; set; } = blank;

    public bool CanEdit => EditRoles.Any(Me.HasRole);

    protected abstract IReadOnlyList<string> EditRoles { get; }

    protected CancellationToken Ct => HttpContext.RequestAborted;

    public async Task OnGetAsync(string? q, Guid? edit)
    {
        await LoadAsync(q);
        if (edit is { } id && CanEdit)
        {
            var found = await GetAsync(id);
            if (Succeeded(found))
            {
                EditingId = id;
                (Version, Input) = found.Value;
            }
        }
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        if (Succeeded(await CreateAsync(Input)))
        {
            return RedirectToPage();
        }

        await LoadAsync(null);
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid id, int version)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        if (Succeeded(await UpdateAsync(id, version, Input)))
        {
            return RedirectToPage();
        }

        EditingId = id;
        Version = version;
        await LoadAsync(null);
        return Page();
    }

    protected abstract Task<Result<Paged<TResponse>>> ListAsync(string? q);

    /// <summary>The record to edit, as its version and the form filled from it.</summary>
    protected abstract Task<Result<(int Version, TRequest Form)>> GetAsync(Guid id);

    protected abstract Task<Result<TResponse>> CreateAsync(TRequest request);

    protected abstract Task<Result<TResponse>> UpdateAsync(Guid id, int version, TRequest request);

    /// <summary>Options the form offers (managers, departments); most pages need none.</summary>
    protected virtual Task LoadLookupsAsync() => Task.CompletedTask;

    protected async Task LoadAsync(string? q)
    {
        Query = q;
        var list = await ListAsync(q);
        List = list.IsSuccess ? list.Value : List;
        await LoadLookupsAsync();
    }
}
