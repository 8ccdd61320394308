using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Csv;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

/// <summary>The projects page: list, search, add and edit — through the same handlers as the API.</summary>
[Authorize(Roles = $"{Role.Admin},{Role.Controller}")]
public sealed class ProjectsModel(TandemDb db) : TandemPage
{
    public Paged<ProjectResponse> List { get; private set; } = new([], 1, 50, 0);

    public string? Query { get; private set; }

    public Guid? EditingId { get; private set; }

    public int Version { get; private set; }

    [BindProperty]
    public SaveProject.Request Input { get; set; } = new(null, null, null, null, true);

    public bool CanEdit => new[] { Role.Admin, Role.Controller }.Any(Me.HasRole);

    public IReadOnlyList<(Guid Id, string Name)> Users { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Departments { get; private set; } = [];

    public string UserName(Guid? id) => Users.FirstOrDefault(u => u.Id == id).Name ?? "";

    public string DepartmentName(Guid? id) => Departments.FirstOrDefault(d => d.Id == id).Name ?? "";

    public async Task OnGetAsync(string? q, Guid? edit)
    {
        await LoadAsync(q);
        if (edit is { } id && CanEdit)
        {
            var found = await ProjectQueries.GetAsync(db, Me, id, HttpContext.RequestAborted);
            if (Succeeded(found))
            {
                var d = found.Value;
                EditingId = d.Id;
                Version = d.Version;
                Input = new(d.Code, d.Name, d.StartsOn, d.EndsOn, d.IsActive);
            }
        }
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        if (Succeeded(await SaveProject.CreateAsync(db, Me, Input with { IsActive = Input.IsActive ?? false }, HttpContext.RequestAborted)))
        {
            return RedirectToPage(new { q = (string?)null });
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

        if (Succeeded(await SaveProject.UpdateAsync(db, Me, id, version, Input with { IsActive = Input.IsActive ?? false }, HttpContext.RequestAborted)))
        {
            return RedirectToPage(new { q = (string?)null });
        }

        EditingId = id;
        Version = version;
        await LoadAsync(null);
        return Page();
    }

    private async Task LoadAsync(string? q)
    {
        Query = q;
        var list = await ProjectQueries.ListAsync(db, Me, q, null, 1, PageRequest.MaxPageSize, HttpContext.RequestAborted);
        List = list.IsSuccess ? list.Value : List;
        Users = (await db.Users.AsNoTracking().Where(u => u.CompanyId == Me.CompanyId).OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(HttpContext.RequestAborted))
            .Select(u => (u.Id, u.DisplayName)).ToList();
        Departments = (await db.Departments.AsNoTracking().Where(d => d.CompanyId == Me.CompanyId).OrderBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(HttpContext.RequestAborted))
            .Select(d => (d.Id, d.Name)).ToList();
    }
}
