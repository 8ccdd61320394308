using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Features.Vendors;
using Tandem.Web.Platform.Csv;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

/// <summary>CSV imports of vendors, items and offers: dry run first, a row-by-row report, all-or-nothing, upload progress shown.</summary>
[Authorize(Roles = $"{Role.Buyer},{Role.Admin}")]
[RequestSizeLimit(OfferCsvMaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = OfferCsvMaxBytes)]
public sealed class ImportModel(TandemDb db) : TandemPage
{
    private const long OfferCsvMaxBytes = 200L * 1024 * 1024;

    public ImportReport? Report { get; private set; }

    public string? Kind { get; private set; }

    public async Task<IActionResult> OnPostAsync(string? kind, bool dryRun, IFormFile? file)
    {
        Kind = kind;
        if (file is null || file.Length == 0)
        {
            Errors = [Error.Validation("required", "Choose a CSV file to import.", "file")];
            return Page();
        }

        await using var stream = file.OpenReadStream();
        var ct = HttpContext.RequestAborted;
        var result = kind switch
        {
            "vendors" => await VendorCsv.ImportAsync(db, Me, stream, dryRun, ct),
            "items" => await ItemCsv.ImportAsync(db, Me, stream, dryRun, ct),
            "offers" => await OfferCsv.ImportAsync(db, Me, stream, dryRun, ct),
            _ => Error.Validation("invalid_value", "kind must be vendors, items or offers.", "kind"),
        };
        if (Succeeded(result))
        {
            Report = result.Value;
        }

        return Page();
    }
}
