using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Xml;

namespace Tandem.Web.Features.Invoices.Capture;

/// <summary>
/// Received electronic invoices: the list (what waits and why), one document, its original file, the original behind
/// an invoice, and a clerk's resolution of a waiting one — name the vendor (and order), or discard it with a reason.
/// </summary>
public static class InvoiceDocuments
{
    /// <summary>The vendor, and the order it bills — or, for an invoice without one, the department whose spend it is.</summary>
    public sealed record AssignRequest(Guid? VendorId, Guid? PurchaseOrderId, Guid? DepartmentId = null);

    public sealed record DiscardRequest(string? Reason);

    /// <summary>Received documents waiting for a clerk (unknown vendor, order not found), oldest first.</summary>
    public static async Task<List<InvoiceDocumentResponse>> WaitingAsync(TandemDb db, CurrentUser user, CancellationToken ct) =>
    [
        .. (await db.InvoiceDocuments.AsNoTracking()
            .Where(d => d.CompanyId == user.CompanyId && (d.Status == InvoiceDocumentStatus.UnknownVendor || d.Status == InvoiceDocumentStatus.NoOrder))
            .OrderBy(d => d.ReceivedAtUtc).Take(500).ToListAsync(ct)).Select(InvoiceDocumentResponse.From),
    ];

    /// <summary>The original file of a document, or of the document an invoice came from.</summary>
    public static async Task<Result<(byte[] Content, string FileName)>> FileAsync(TandemDb db, CurrentUser user, Guid? documentId, Guid? invoiceId, CancellationToken ct)
    {
        var file = await db.InvoiceDocuments.AsNoTracking()
            .Where(d => d.CompanyId == user.CompanyId && (documentId == null || d.Id == documentId) && (invoiceId == null || d.InvoiceId == invoiceId))
            .Join(db.InvoiceDocumentFiles, d => d.Id, f => f.DocumentId, (d, f) => new { d.FileName, f.Content }).FirstOrDefaultAsync(ct);
        return file is null ? Error.NotFound("invoice.original_not_found", "No original file: the invoice was entered by hand.") : (file.Content, file.FileName);
    }

    /// <summary>
    /// A clerk names the vendor (and, if the reference found none, the order — or the department of an invoice without
    /// one) of a waiting document; it is routed again.
    /// </summary>
    public static Task<Result<InvoiceDocumentResponse>> AssignAsync(TandemDb db, CurrentUser user, Guid id, AssignRequest request, CancellationToken ct) =>
        Transactions.RunAsync(db, async () =>
        {
            var document = await db.InvoiceDocuments.SingleOrDefaultAsync(d => d.Id == id && d.CompanyId == user.CompanyId, ct);
            if (document is null)
            {
                return Error.NotFound("invoice_document.not_found", "No such received invoice.");
            }

            if (document.Status is not (InvoiceDocumentStatus.UnknownVendor or InvoiceDocumentStatus.NoOrder))
            {
                return Error.Conflict("invoice_document.not_waiting", $"This document is {JsonNames.Camel(document.Status.ToString())}; only waiting documents are resolved.");
            }

            var vendorId = request.VendorId ?? document.VendorId;
            var vendor = vendorId is null ? null : await db.Vendors.AsNoTracking().SingleOrDefaultAsync(v => v.Id == vendorId && v.CompanyId == user.CompanyId, ct);
            if (vendor is null)
            {
                return Error.Validation("invoice_document.vendor_required", "Name the vendor who sent this invoice.", "vendorId");
            }

            var content = await db.InvoiceDocumentFiles.AsNoTracking().Where(f => f.DocumentId == id).Select(f => f.Content).SingleAsync(ct);
            var e = ElectronicInvoice.Read(SafeXml.Load(content, "file").Value);
            var routed = await InvoiceFromDocument.RouteAsync(db, document, e, vendor, request.PurchaseOrderId, request.DepartmentId, ct);
            if (!routed.IsSuccess)
            {
                return Result<InvoiceDocumentResponse>.Failure(routed.Errors);
            }

            if (document.InvoiceId is { } invoiceId)
            {
                db.Invoices.Local.Single(i => i.Id == invoiceId).Touched = true; // a clerk had to name its vendor or order
            }

            await db.SaveChangesAsync(ct);
            return InvoiceDocumentResponse.From(document);
        }, ct);

    public static Task<Result<InvoiceDocumentResponse>> DiscardAsync(TandemDb db, CurrentUser user, Guid id, DiscardRequest request, CancellationToken ct) =>
        Transactions.RunAsync(db, async () =>
        {
            var v = new Validator();
            var reason = v.Required(request.Reason, "reason", 1000);
            if (!v.IsValid)
            {
                return Result<InvoiceDocumentResponse>.Failure(v.Errors);
            }

            var document = await db.InvoiceDocuments.SingleOrDefaultAsync(d => d.Id == id && d.CompanyId == user.CompanyId, ct);
            if (document is null)
            {
                return Error.NotFound("invoice_document.not_found", "No such received invoice.");
            }

            if (document.Status == InvoiceDocumentStatus.Captured)
            {
                return Error.Conflict("invoice_document.captured", "This document became an invoice; reject the invoice instead.");
            }

            document.Status = InvoiceDocumentStatus.Discarded;
            document.Reason = reason;
            await db.SaveChangesAsync(ct);
            return InvoiceDocumentResponse.From(document);
        }, ct);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/invoice-documents", async (TandemDb db, CurrentUser user, CancellationToken ct) => Results.Ok(await WaitingAsync(db, user, ct)))
            .RequireRoles(CreateInvoice.Clerks);
        api.MapGet("/invoice-documents/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await db.InvoiceDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.CompanyId == user.CompanyId, ct) is { } d
                    ? Result<InvoiceDocumentResponse>.Success(InvoiceDocumentResponse.From(d))
                    : Error.NotFound("invoice_document.not_found", "No such received invoice.")).ToOk(http))
            .RequireRoles(CreateInvoice.Clerks);
        api.MapGet("/invoice-documents/{id:guid}/file", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                await FileAsync(db, user, id, null, ct) is { IsSuccess: true } file ? Results.File(file.Value.Content, "application/xml", file.Value.FileName) : Problems.From(Error.NotFound("invoice_document.not_found", "No such received invoice.")))
            .RequireRoles(CreateInvoice.Clerks);
        api.MapGet("/invoices/{id:guid}/original", async (TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
                await FileAsync(db, user, null, id, ct) is var file && file.IsSuccess ? Results.File(file.Value.Content, "application/xml", file.Value.FileName) : Problems.From(file.FirstError))
            .RequireRoles(CreateInvoice.Clerks);
        api.MapPost("/invoice-documents/{id:guid}/assign", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, AssignRequest request, CancellationToken ct) =>
                (await AssignAsync(db, user, id, request, ct)).ToOk(http))
            .RequireRoles(CreateInvoice.Clerks);
        api.MapPost("/invoice-documents/{id:guid}/discard", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, DiscardRequest request, CancellationToken ct) =>
                (await DiscardAsync(db, user, id, request, ct)).ToOk(http))
            .RequireRoles(CreateInvoice.Clerks);
    }
}
