using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

/// <summary>Catalog admin: the category tree with default GL accounts and ranked preferred vendors.</summary>
[Authorize(Roles = $"{Role.Buyer},{Role.Admin}")]
public sealed class CategoriesModel(TandemDb db) : TandemPage
{
    public IReadOnlyList<CategoryResponse> List { get; private set; } = [];

    public IReadOnlyList<Choice> GlAccounts { get; private set; } = [];

    public IReadOnlyList<Choice> Vendors { get; private set; } = [];

    public Dictionary<Guid, IReadOnlyList<PreferredVendorView>> Preferred { get; private set; } = [];

    [BindProperty]
    public SaveCategory.Request Input { get; set; } = new(null, null, null, null, true);

    public Guid? EditingId { get; private set; }

    public int Version { get; private set; }

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task OnGetAsync(Guid? edit)
    {
        await LoadAsync();
        if (List.FirstOrDefault(c => c.Id == edit) is { } c)
        {
            (EditingId, Version, Input) = (c.Id, c.Version, new SaveCategory.Request(c.Code, c.Name, c.ParentId, c.DefaultGlAccountId, c.IsActive));
        }
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid? id, int version)
    {
        var result = id is { } existing
            ? await SaveCategory.UpdateAsync(db, Me, existing, version, Input, Ct)
            : await SaveCategory.CreateAsync(db, Me, Input, Ct);
        if (Succeeded(result))
        {
            return RedirectToPage();
        }

        (EditingId, Version) = (id, version);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostPreferredAsync(Guid id, List<Guid> vendorIds)
    {
        if (Succeeded(await SetPreferredVendors.SetAsync(db, Me, id, new SetPreferredVendors.Request([.. vendorIds.Where(v => v != Guid.Empty)]), Ct)))
        {
            return RedirectToPage();
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        List = await CategoryQueries.ListAsync(db, Me, Ct);
        GlAccounts = await db.GlAccounts.AsNoTracking().Where(a => a.CompanyId == Me.CompanyId && a.IsActive).OrderBy(a => a.Code)
            .Select(a => new Choice(a.Id, a.Code, a.Code + " " + a.Name)).ToListAsync(Ct);
        Vendors = await db.Vendors.AsNoTracking().Where(v => v.CompanyId == Me.CompanyId && v.Status != Domain.Vendors.VendorStatus.Blocked).OrderBy(v => v.LegalName)
            .Select(v => new Choice(v.Id, v.Code, v.LegalName)).ToListAsync(Ct);
        Preferred = await SetPreferredVendors.AllAsync(db, Me, Ct);
    }
}
