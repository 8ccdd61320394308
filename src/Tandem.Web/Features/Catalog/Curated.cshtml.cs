using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

/// <summary>Catalog admin: curated catalogs — who sees them, and which items (by SKU) they hold.</summary>
[Authorize(Roles = $"{Role.Buyer},{Role.Admin}")]
public sealed class CuratedModel(TandemDb db) : TandemPage
{
    public sealed class Form
    {
        public string? Code { get; set; }

        public string? Name { get; set; }

        public string? Description { get; set; }

        public bool Everyone { get; set; }

        public List<Guid> DepartmentIds { get; set; } = [];

        public List<Guid> LocationIds { get; set; } = [];

        public List<string> Roles { get; set; } = [];

        public string? Skus { get; set; }

        public bool IsActive { get; set; } = true;
    }

    public IReadOnlyList<CatalogResponse> List { get; private set; } = [];

    public IReadOnlyList<Choice> Departments { get; private set; } = [];

    public IReadOnlyList<Choice> Locations { get; private set; } = [];

    public Dictionary<Guid, string> Skus { get; private set; } = [];

    [BindProperty]
    public Form Input { get; set; } = new();

    public Guid? EditingId { get; private set; }

    public int Version { get; private set; }

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task OnGetAsync(Guid? edit)
    {
        await LoadAsync();
        if (List.FirstOrDefault(c => c.Id == edit) is { } c)
        {
            (EditingId, Version) = (c.Id, c.Version);
            Input = new Form
            {
                Code = c.Code,
                Name = c.Name,
                Description = c.Description,
                IsActive = c.IsActive,
                Everyone = c.Audience.Any(a => a.Kind == AudienceKind.Everyone),
                DepartmentIds = [.. c.Audience.Where(a => a.DepartmentId is not null).Select(a => a.DepartmentId!.Value)],
                LocationIds = [.. c.Audience.Where(a => a.LocationId is not null).Select(a => a.LocationId!.Value)],
                Roles = [.. c.Audience.Where(a => a.Role is not null).Select(a => a.Role!)],
                Skus = string.Join(' ', c.ItemIds.Select(i => Skus.GetValueOrDefault(i))),
            };
        }
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, int version)
    {
        var f = Input;
        var wanted = (f.Skus ?? "").Split([' ', ',', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.ToUpperInvariant()).Distinct().ToList();
        var found = await db.Items.Where(i => i.CompanyId == Me.CompanyId && wanted.Contains(i.Sku)).Select(i => new { i.Sku, i.Id }).ToListAsync(Ct);
        var unknown = wanted.Except(found.Select(x => x.Sku)).ToList();
        List<AudienceDto> audience = [
            .. f.Everyone ? [new AudienceDto(AudienceKind.Everyone, null, null, null)] : Array.Empty<AudienceDto>(),
            .. f.DepartmentIds.Select(d => new AudienceDto(AudienceKind.Department, d, null, null)),
            .. f.LocationIds.Select(l => new AudienceDto(AudienceKind.Location, null, l, null)),
            .. f.Roles.Select(r => new AudienceDto(AudienceKind.Role, null, null, r))];
        var request = new SaveCatalog.Request(f.Code, f.Name, f.Description, f.IsActive, audience, [.. found.Select(x => x.Id)]);
        if (unknown.Count > 0)
        {
            Errors = [Domain.Error.Validation("item_unknown", $"Unknown SKU(s): {string.Join(", ", unknown)}.", "skus")];
        }
        else if (Succeeded(id is { } existing ? await SaveCatalog.UpdateAsync(db, Me, existing, version, request, Ct) : await SaveCatalog.CreateAsync(db, Me, request, Ct)))
        {
            return RedirectToPage();
        }

        (EditingId, Version) = (id, version);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        List = await SaveCatalog.ListAsync(db, Me, Ct);
        Departments = await Lookups.DepartmentsAsync(db, Me.CompanyId, Ct);
        Locations = await db.Locations.AsNoTracking().Where(l => l.CompanyId == Me.CompanyId).OrderBy(l => l.Code).Select(l => new Choice(l.Id, l.Code, l.Name)).ToListAsync(Ct);
        var ids = List.SelectMany(c => c.ItemIds).Distinct().ToList();
        Skus = await db.Items.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Sku, Ct);
    }
}
