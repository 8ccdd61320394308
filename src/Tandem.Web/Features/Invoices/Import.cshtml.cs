using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Organization;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Invoices.Capture;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices;

/// <summary>
/// The import page: upload any number of UBL / Peppol invoice and credit note files and see each file's outcome;
/// below, received documents still waiting (unknown vendor, order not found), where a clerk names the vendor and order
/// or discards the document.
/// </summary>
[Authorize(Roles = $"{Role.ApClerk},{Role.Controller},{Role.Admin}")]
public sealed class ImportModel(TandemDb db, UblSchemas schemas) : TandemPage
{
    public sealed record VendorOption(Guid Id, string Name);

    public IReadOnlyList<CaptureOutcome> Outcomes { get; private set; } = [];

    public IReadOnlyList<CsvInvoiceOutcome> CsvOutcomes { get; private set; } = [];

    public IReadOnlyList<InvoiceDocumentResponse> Waiting { get; private set; } = [];

    public IReadOnlyList<VendorOption> Vendors { get; private set; } = [];

    /// <summary>For a document that bills no order: the department it becomes a non-PO invoice of.</summary>
    public IReadOnlyList<Organization.Choice> Departments { get; private set; } = [];

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task OnGetAsync()
    {
        Notice = TempData["Notice"] as string;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostUploadAsync(List<IFormFile>? files)
    {
        if (files is null || files.Count == 0)
        {
            ModelState.AddModelError("files", "Choose one or more XML files.");
        }
        else
        {
            Outcomes = await CaptureInvoice.ImportAsync(db, schemas, Me, files, Ct);
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCsvAsync(IFormFile? csv)
    {
        if (csv is null || csv.Length == 0)
        {
            ModelState.AddModelError("csv", "Choose a CSV file.");
        }
        else
        {
            await using var stream = csv.OpenReadStream();
            var imported = await InvoiceCsv.ImportAsync(db, Me, stream, Ct);
            if (imported.IsSuccess)
            {
                CsvOutcomes = imported.Value;
            }
            else
            {
                foreach (var error in imported.Errors)
                {
                    ModelState.AddModelError(error.Field ?? "csv", error.Message);
                }
            }
        }

        await LoadAsync();
        return Page();
    }

    /// <summary>Names the vendor and the order of a waiting document — or, with no order number, the department of an invoice without one.</summary>
    public async Task<IActionResult> OnPostAssignAsync(Guid id, Guid? vendorId, string? orderNumber, Guid? departmentId)
    {
        var orderId = string.IsNullOrWhiteSpace(orderNumber) ? null
            : await db.PurchaseOrders.AsNoTracking().Where(p => p.CompanyId == Me.CompanyId && p.Number == orderNumber.Trim()).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(Ct);
        var request = new InvoiceDocuments.AssignRequest(vendorId, orderId, string.IsNullOrWhiteSpace(orderNumber) ? departmentId : null);
        return await ActAsync(db, () => InvoiceDocuments.AssignAsync(db, Me, id, request, Ct),
            d => d.Status == "captured" ? $"{d.Number} became an invoice." : $"{d.Number}: {d.Reason}", LoadOkAsync, new { });
    }

    public Task<IActionResult> OnPostDiscardAsync(Guid id, string? reason) =>
        ActAsync(db, () => InvoiceDocuments.DiscardAsync(db, Me, id, new InvoiceDocuments.DiscardRequest(reason), Ct), d => $"{d.Number} discarded.", LoadOkAsync, new { });

    private async Task<bool> LoadOkAsync()
    {
        await LoadAsync();
        return true;
    }

    private async Task LoadAsync()
    {
        Waiting = await InvoiceDocuments.WaitingAsync(db, Me, Ct);
        Vendors = await db.Vendors.AsNoTracking().Where(v => v.CompanyId == Me.CompanyId && v.Status != VendorStatus.Blocked)
            .OrderBy(v => v.LegalName).Select(v => new VendorOption(v.Id, v.TradingName ?? v.LegalName)).Take(1000).ToListAsync(Ct);
        Departments = await Organization.Lookups.DepartmentsAsync(db, Me.CompanyId, Ct);
    }
}
