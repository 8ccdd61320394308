using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Vendors;

/// <summary>A reviewer (not the uploader) accepts or rejects an uploaded document; a rejection says why.</summary>
public static class ReviewVendorDocument
{
    public sealed record Request(string? Decision, string? Note);

    public static async Task<Result<DocumentView>> HandleAsync(TandemDb db, CurrentUser user, Guid vendorId, Guid documentId, Request request, CancellationToken ct)
    {
        var doc = await db.VendorDocuments.SingleOrDefaultAsync(d => d.Id == documentId && d.VendorId == vendorId && d.CompanyId == user.CompanyId, ct);
        if (doc is null)
        {
            return Error.NotFound("document.not_found", "No such document.");
        }

        if (request.Decision is not ("accept" or "reject"))
        {
            return Error.Validation("invalid_value", "decision must be accept or reject.", "decision");
        }

        if (request.Decision == "reject" && string.IsNullOrWhiteSpace(request.Note))
        {
            return Error.Validation("required", "note is required when rejecting: say what is wrong.", "note");
        }

        if (doc.UploadedById == user.UserId)
        {
            return Error.Forbidden("document.self_review", "A document must be reviewed by someone other than the person who uploaded it.");
        }

        if (doc.Review != DocumentReview.Pending)
        {
            return Error.Conflict("document.already_reviewed", "This document has already been reviewed; upload a new one to change it.");
        }

        doc.Review = request.Decision == "accept" ? DocumentReview.Accepted : DocumentReview.Rejected;
        doc.ReviewedById = user.UserId;
        doc.ReviewedAtUtc = db.Clock.GetUtcNow().UtcDateTime;
        doc.ReviewNote = request.Note?.Trim();
        await db.SaveChangesAsync(ct);
        return DocumentView.From(doc);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/vendors/{id:guid}/documents/{documentId:guid}/review", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, Guid documentId, Request request, CancellationToken ct) =>
                (await HandleAsync(db, user, id, documentId, request, ct)).ToOk(http))
            .RequireRoles(Role.Buyer, Role.Controller, Role.Admin);
}
