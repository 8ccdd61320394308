using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Files;
using Tandem.Web.Platform.Xml;

namespace Tandem.Web.Features.Invoices.Capture;

public sealed record InvoiceDocumentResponse(Guid Id, string FileName, string Status, string Reason, bool IsCreditNote, string Number, DateOnly IssueDate, MoneyDto Payable,
    string SellerName, string? SellerTaxId, string? OrderReference, Guid? VendorId, Guid? InvoiceId, DateTime ReceivedAtUtc, int Version) : IVersionedResponse
{
    public static InvoiceDocumentResponse From(InvoiceDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Id, d.FileName, JsonNames.Camel(d.Status.ToString()), d.Reason, d.IsCreditNote, d.Number, d.IssueDate,
            MoneyDto.From(new Money(d.PayableMinor, Currency.Of(d.Currency))), d.SellerName, d.SellerTaxId, d.OrderReference, d.VendorId, d.InvoiceId, d.ReceivedAtUtc, d.Version);
    }
}

/// <summary>One file's outcome in a batch upload: the document, or why the file was refused.</summary>
public sealed record CaptureOutcome(string FileName, InvoiceDocumentResponse? Document, IReadOnlyList<ProblemError> Errors);

public sealed record ProblemError(string Code, string Detail, string? Field);

/// <summary>
/// Receiving a UBL 2.1 / Peppol BIS Billing 3.0 invoice or credit note: read safely (no DTDs or entities, size-capped),
/// validated against the EN 16931 rules (each failure named by its rule id; nothing is stored), kept byte for byte, and
/// routed (<see cref="InvoiceFromDocument"/>). The same file twice is refused, as is a number the vendor already used.
/// Upload many files at once (the import page, multipart API) or deliver one by machine (raw XML body, API token).
/// </summary>
public static class CaptureInvoice
{
    public static async Task<Result<InvoiceDocumentResponse>> HandleAsync(
        TandemDb db, UblSchemas schemas, CurrentUser user, string? fileName, byte[] content, string channel, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(schemas);
        ArgumentNullException.ThrowIfNull(user);
        var loaded = SafeXml.Load(content, "file");
        if (!loaded.IsSuccess)
        {
            return Result<InvoiceDocumentResponse>.Failure(loaded.Errors);
        }

        // The schema (when the operator configured one) first: the business rules assume its structure.
        var failures = schemas.Validate(loaded.Value) is { Count: > 0 } invalid ? invalid : En16931.Validate(loaded.Value);
        if (failures.Count > 0)
        {
            return Result<InvoiceDocumentResponse>.Failure([.. failures.Select(f => Error.Validation(f.RuleId, $"[{f.RuleId}] {f.Message} At {f.Location}.", "file"))]);
        }

        var e = ElectronicInvoice.Read(loaded.Value);
        if (!Currency.TryFrom(e.Currency, out var currency) || !InvoiceFromDocument.Minor(e.Payable, currency, out var payable))
        {
            return Error.Validation("invoice.currency", $"Tandem cannot hold {e.Payable} {e.Currency}: unknown currency or more decimals than it allows.", "file");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        return await Transactions.RunAsync(db, async () =>
        {
            if (await db.InvoiceDocuments.AsNoTracking().Where(d => d.CompanyId == user.CompanyId && d.ContentHash == hash).Select(d => new { d.Number, d.ReceivedAtUtc }).FirstOrDefaultAsync(ct) is { } earlier)
            {
                return Error.Conflict("invoice.file_already_received", $"This file ({earlier.Number}) was already received on {earlier.ReceivedAtUtc:yyyy-MM-dd HH:mm} UTC.", "file");
            }

            var now = db.Clock.GetUtcNow().UtcDateTime;
            var document = new InvoiceDocument
            {
                Id = Ids.New(now),
                CompanyId = user.CompanyId,
                FileName = Uploads.SafeName(string.IsNullOrWhiteSpace(fileName) ? e.Number : fileName, "application/xml"),
                SizeBytes = content.Length,
                ContentHash = hash,
                Channel = channel,
                IsCreditNote = e.IsCreditNote,
                Number = Clip(e.Number, 50),
                IssueDate = e.IssueDate,
                Currency = currency.Code,
                PayableMinor = payable,
                SellerName = Clip(e.Seller.Name, 200),
                SellerTaxId = (e.Seller.VatId ?? e.Seller.LegalId) is { } taxId ? Clip(taxId, 50) : null,
                OrderReference = e.OrderReference is { } r ? Clip(r, 50) : null,
                ReceivedById = user.UserId,
                ReceivedAtUtc = now,
            };
            db.InvoiceDocuments.Add(document);
            db.InvoiceDocumentFiles.Add(new InvoiceDocumentFile { DocumentId = document.Id, Content = content });
            var vendor = await InvoiceFromDocument.FindVendorAsync(db, user.CompanyId, e.Seller, ct);
            var routed = await InvoiceFromDocument.RouteAsync(db, document, e, vendor, null, null, ct);
            if (!routed.IsSuccess)
            {
                return Result<InvoiceDocumentResponse>.Failure(routed.Errors);
            }

            await db.SaveChangesAsync(ct);
            return InvoiceDocumentResponse.From(document);
        }, ct);
    }

    private static string Clip(string text, int max) => text.Length > max ? text[..max] : text;

    public static void Map(RouteGroupBuilder api)
    {
        // Machine delivery: the XML is the request body (application/xml); X-File-Name names it.
        api.MapPost("/invoices/ubl", async (TandemDb db, UblSchemas schemas, CurrentUser user, HttpContext http, CancellationToken ct) =>
            {
                var content = await ReadBodyAsync(http.Request.Body, ct);
                if (content is null)
                {
                    return Problems.From(TooLarge("The body"));
                }

                return (await HandleAsync(db, schemas, user, http.Request.Headers["X-File-Name"], content, "api", ct)).ToCreated(http, d => $"/api/v1/invoice-documents/{d.Id}");
            })
            .Accepts<string>("application/xml")
            .RequireRoles(CreateInvoice.Clerks);

        // Many files at once (multipart field "files"): every file gets its own outcome; one bad file stops no other.
        api.MapPost("/invoices/import", async (TandemDb db, UblSchemas schemas, CurrentUser user, HttpContext http, CancellationToken ct) =>
            {
                if (!http.Request.HasFormContentType)
                {
                    return Problems.From(Error.Validation("form_required", "Send the files as multipart/form-data, field files.", "files"));
                }

                var form = await http.Request.ReadFormAsync(ct);
                return form.Files.Count == 0
                    ? Problems.From(Error.Validation("required", "Attach at least one file (field files).", "files"))
                    : Results.Ok(await ImportAsync(db, schemas, user, form.Files, ct));
            })
            .Accepts<IFormFile>("multipart/form-data")
            .RequireRoles(CreateInvoice.Clerks);
    }

    /// <summary>Captures each uploaded file on its own (the import page and the batch API).</summary>
    public static async Task<List<CaptureOutcome>> ImportAsync(TandemDb db, UblSchemas schemas, CurrentUser user, IEnumerable<IFormFile> files, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(files);
        var outcomes = new List<CaptureOutcome>();
        foreach (var file in files)
        {
            byte[]? content = null;
            if (file.Length <= SafeXml.MaxBytes)
            {
                await using var stream = file.OpenReadStream();
                content = await ReadBodyAsync(stream, ct);
            }

            var result = content is null
                ? TooLarge("The file")
                : await HandleAsync(db, schemas, user, file.FileName, content, "upload", ct);
            db.ChangeTracker.Clear();
            outcomes.Add(new CaptureOutcome(file.FileName, result.IsSuccess ? result.Value : null,
                result.IsSuccess ? [] : [.. result.Errors.Select(err => new ProblemError(err.Code, err.Message, err.Field))]));
        }

        return outcomes;
    }

    /// <summary>Refused before reading it whole (a body, an upload or an inbox file over <see cref="SafeXml.MaxBytes"/>).</summary>
    public static Error TooLarge(string what) => Error.Validation("xml.too_large", $"{what} is larger than {SafeXml.MaxBytes / 1024 / 1024} MB.", "file");

    /// <summary>Reads at most <see cref="SafeXml.MaxBytes"/>; null when there is more (the rest is never buffered).</summary>
    private static async Task<byte[]?> ReadBodyAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > SafeXml.MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
