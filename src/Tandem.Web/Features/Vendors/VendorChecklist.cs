using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Vendors;

public sealed record DocumentView(
    Guid Id, Guid DocumentTypeId, string FileName, string ContentType, long SizeBytes, string Sha256, DateOnly? ExpiresOn,
    Guid UploadedById, DateTime UploadedAtUtc, DocumentReview Review, Guid? ReviewedById, DateTime? ReviewedAtUtc, string? ReviewNote, int Version)
{
    public static DocumentView From(VendorDocument d) => new(
        d.Id, d.DocumentTypeId, d.FileName, d.ContentType, d.SizeBytes, d.Sha256, d.ExpiresOn, d.UploadedById, d.UploadedAtUtc,
        d.Review, d.ReviewedById, d.ReviewedAtUtc, d.ReviewNote, d.Version);
}

/// <summary>One line of the checklist: the document type, its newest document, and whether it is satisfied today.</summary>
public sealed record ChecklistLine(Guid DocumentTypeId, string Code, string Name, bool IsRequired, bool RequiresExpiry, string State, DocumentView? Latest);

public sealed record ChecklistResponse(bool Complete, IReadOnlyList<ChecklistLine> Lines, IReadOnlyList<DocumentView> Documents);

/// <summary>
/// The onboarding checklist of a vendor. A line is "accepted" when its newest document was accepted and is in date,
/// "expired" when that document's expiry has passed; "pending", "rejected" and "missing" speak for themselves.
/// The checklist is complete when every required line is accepted.
/// </summary>
public static class VendorChecklist
{
    public static async Task<Result<ChecklistResponse>> GetAsync(TandemDb db, CurrentUser user, Guid vendorId, CancellationToken ct)
    {
        if (!await db.Vendors.AnyAsync(v => v.Id == vendorId && v.CompanyId == user.CompanyId, ct))
        {
            return VendorAccess.NotFound();
        }

        return await BuildAsync(db, user.CompanyId, vendorId, await CompanyClock.TodayAsync(db, user.CompanyId, ct), ct);
    }

    public static async Task<ChecklistResponse> BuildAsync(TandemDb db, Guid companyId, Guid vendorId, DateOnly today, CancellationToken ct)
    {
        var types = await db.VendorDocumentTypes.AsNoTracking().Where(t => t.CompanyId == companyId && t.IsActive).OrderBy(t => t.Code).ToListAsync(ct);
        var documents = await db.VendorDocuments.AsNoTracking().Where(d => d.VendorId == vendorId).ToListAsync(ct);
        documents = [.. documents.OrderByDescending(d => d.UploadedAtUtc)];
        var lines = types.Select(t =>
        {
            var latest = documents.FirstOrDefault(d => d.DocumentTypeId == t.Id);
            var state = latest switch
            {
                null => "missing",
                { Review: DocumentReview.Accepted, ExpiresOn: { } e } when e < today => "expired",
                { Review: DocumentReview.Accepted } => "accepted",
                { Review: DocumentReview.Rejected } => "rejected",
                _ => "pending",
            };
            return new ChecklistLine(t.Id, t.Code, t.Name, t.IsRequired, t.RequiresExpiry, state, latest is null ? null : DocumentView.From(latest));
        }).ToList();
        return new ChecklistResponse(lines.Where(l => l.IsRequired).All(l => l.State == "accepted"), lines, [.. documents.Select(DocumentView.From)]);
    }

    /// <summary>Why the checklist blocks activation, as one sentence; null when complete.</summary>
    public static string? Blocker(ChecklistResponse checklist)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        var open = checklist.Lines.Where(l => l.IsRequired && l.State != "accepted").Select(l => $"{l.Name} ({l.State})").ToList();
        return open.Count == 0 ? null : "Required documents are not all accepted and in date: " + string.Join(", ", open) + ".";
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/vendors/{id:guid}/checklist", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireRoles(VendorAccess.Readers);
        api.MapGet("/vendors/{id:guid}/documents/{documentId:guid}/file", async (TandemDb db, CurrentUser user, Guid id, Guid documentId, CancellationToken ct) =>
            {
                var doc = await db.VendorDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId && d.VendorId == id && d.CompanyId == user.CompanyId, ct);
                var file = doc is null ? null : await db.VendorDocumentFiles.AsNoTracking().SingleOrDefaultAsync(f => f.DocumentId == documentId, ct);
                return doc is null || file is null
                    ? Problems.From([Error.NotFound("document.not_found", "No such document.")])
                    : Results.File(file.Content, doc.ContentType, doc.FileName);
            })
            .RequireRoles(VendorAccess.Readers);
    }
}
