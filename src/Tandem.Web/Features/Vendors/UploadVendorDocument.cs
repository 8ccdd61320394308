using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Files;

namespace Tandem.Web.Features.Vendors;

/// <summary>
/// Upload an onboarding document (PDF, PNG or JPEG, at most 10 MB) against a checklist line. The type is decided by
/// the file's first bytes, not by its name or the browser's claim. The file waits for a reviewer's sign-off.
/// </summary>
public static class UploadVendorDocument
{
    public sealed record Upload(Guid? DocumentTypeId, string? ExpiresOn, string? FileName, Stream? Content, long Length);

    public static async Task<Result<DocumentView>> HandleAsync(TandemDb db, CurrentUser user, Guid vendorId, Upload upload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (!await db.Vendors.AnyAsync(v => v.Id == vendorId && v.CompanyId == user.CompanyId, ct))
        {
            return VendorAccess.NotFound();
        }

        var v = new Validator();
        var type = upload.DocumentTypeId is { } typeId
            ? await db.VendorDocumentTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Id == typeId && t.CompanyId == user.CompanyId && t.IsActive, ct)
            : null;
        if (type is null)
        {
            v.Add("documentTypeId", "document_type_unknown", "documentTypeId must name an active document type.");
        }

        var expiresOn = v.Date(upload.ExpiresOn, "expiresOn");
        if (expiresOn is null && string.IsNullOrWhiteSpace(upload.ExpiresOn) && type is { RequiresExpiry: true })
        {
            v.Add("expiresOn", "required", $"expiresOn is required for {type.Name}.");
        }

        var file = await Uploads.ReadAsync(v, upload.Content, upload.Length, "file", ct);
        if (!v.IsValid)
        {
            return Result<DocumentView>.Failure(v.Errors);
        }

        var (content, contentType) = file!.Value;
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var doc = new VendorDocument
        {
            Id = Ids.New(now),
            CompanyId = user.CompanyId,
            VendorId = vendorId,
            DocumentTypeId = type!.Id,
            FileName = Uploads.SafeName(upload.FileName, contentType),
            ContentType = contentType,
            SizeBytes = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            ExpiresOn = expiresOn,
            UploadedById = user.UserId,
            UploadedAtUtc = now,
            Review = DocumentReview.Pending,
        };
        db.VendorDocuments.Add(doc);
        db.VendorDocumentFiles.Add(new VendorDocumentFile { DocumentId = doc.Id, Content = content });
        await db.SaveChangesAsync(ct);
        return DocumentView.From(doc);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/vendors/{id:guid}/documents", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
            {
                if (!http.Request.HasFormContentType)
                {
                    return Problems.From(Error.Validation("form_required", "Send the document as multipart/form-data with fields file, documentTypeId and expiresOn.", "file"));
                }

                var form = await http.Request.ReadFormAsync(ct);
                var file = form.Files.GetFile("file");
                await using var content = file?.OpenReadStream();
                var upload = new Upload(
                    Guid.TryParse(form["documentTypeId"], out var typeId) ? typeId : null, form["expiresOn"], file?.FileName, content, file?.Length ?? 0);
                return (await HandleAsync(db, user, id, upload, ct)).ToCreated(http, d => $"/api/v1/vendors/{id}/documents/{d.Id}/file");
            })
            .Accepts<IFormFile>("multipart/form-data")
            .RequireRoles(Role.Buyer, Role.Controller, Role.Admin);
}
