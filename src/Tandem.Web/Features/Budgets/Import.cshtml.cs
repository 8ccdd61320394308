using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Csv;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Budgets;

/// <summary>Import a year's budget from CSV: dry run first, every error by row, line and column; the real import is all-or-nothing.</summary>
[Authorize(Roles = $"{Role.Admin},{Role.Controller}")]
public sealed class ImportModel(TandemDb db) : TandemPage
{
    public ImportReport? Report { get; private set; }

    public async Task<IActionResult> OnPostAsync(bool dryRun, IFormFile? file)
    {
        if (file is null || file.Length == 0)
        {
            Errors = [Error.Validation("required", "Choose a CSV file to import.", "file")];
            return Page();
        }

        await using var stream = file.OpenReadStream();
        var result = await ImportBudgets.ImportAsync(db, Me, stream, dryRun, HttpContext.RequestAborted);
        if (Succeeded(result))
        {
            Report = result.Value;
        }

        return Page();
    }
}
