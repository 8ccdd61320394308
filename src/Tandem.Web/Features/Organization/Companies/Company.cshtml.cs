using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

/// <summary>The signed-in user's company: admins edit it; controllers read it.</summary>
[Authorize(Roles = $"{Role.Admin},{Role.Controller}")]
public sealed class CompanyPageModel(TandemDb db) : TandemPage
{
    [BindProperty]
    public SaveCompany.Request Input { get; set; } = new(null, null, null, null, null);

    public int Version { get; private set; }

    public bool CanEdit => Me.HasRole(Role.Admin);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(int version)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var saved = await SaveCompany.UpdateAsync(db, Me.CompanyId, version, Input, HttpContext.RequestAborted);
        if (Succeeded(saved))
        {
            Notice = "Saved.";
            await LoadAsync();
        }
        else
        {
            Version = version;
        }

        return Page();
    }

    private async Task LoadAsync()
    {
        var company = await CompanyQueries.GetAsync(db, Me, Me.CompanyId, HttpContext.RequestAborted);
        if (company.IsSuccess)
        {
            var c = company.Value;
            Input = new SaveCompany.Request(c.Code, c.Name, c.BaseCurrency, c.TimeZone, c.FiscalYearStartMonth);
            Version = c.Version;
        }
    }
}
