using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Comments;

/// <summary>A document's comment thread, oldest first, and its attached files — for whoever may see the document.</summary>
public static class CommentQueries
{
    public static async Task<Result<IReadOnlyList<CommentResponse>>> ListAsync(TandemDb db, CurrentUser user, string documentType, Guid documentId, CancellationToken ct)
    {
        var thread = await CommentThreads.OpenAsync(db, user, documentType, documentId, ct);
        if (!thread.IsSuccess)
        {
            return Result<IReadOnlyList<CommentResponse>>.Failure(thread.Errors);
        }

        var comments = await db.Comments.AsNoTracking().Include(c => c.Mentions).Include(c => c.Attachments).AsSplitQuery()
            .Where(c => c.CompanyId == user.CompanyId && c.DocumentType == documentType && c.DocumentId == documentId)
            .OrderBy(c => c.CreatedAtUtc).Take(500).ToListAsync(ct);
        var names = await UserQueries.NamesAsync(db, comments.SelectMany(c => c.Mentions.Select(m => m.UserId).Append(c.AuthorId)), ct);
        return comments.Select(c => CommentResponse.From(c, names.GetValueOrDefault(c.AuthorId, ""), names)).ToList();
    }

    public static async Task<Result<(string FileName, string ContentType, byte[] Content)>> FileAsync(
        TandemDb db, CurrentUser user, string documentType, Guid documentId, Guid attachmentId, CancellationToken ct)
    {
        var thread = await CommentThreads.OpenAsync(db, user, documentType, documentId, ct);
        if (!thread.IsSuccess)
        {
            return Result<(string, string, byte[])>.Failure(thread.Errors);
        }

        var file = await db.CommentAttachments.AsNoTracking()
            .Where(a => a.Id == attachmentId && a.CompanyId == user.CompanyId
                && db.Comments.Any(c => c.Id == a.CommentId && c.DocumentType == documentType && c.DocumentId == documentId))
            .Join(db.CommentAttachmentFiles, a => a.Id, f => f.AttachmentId, (a, f) => new { a.FileName, a.ContentType, f.Content })
            .SingleOrDefaultAsync(ct);
        return file is null
            ? Error.NotFound("attachment.not_found", "No such attachment on this document.")
            : (file.FileName, file.ContentType, file.Content);
    }

    public static void Map(RouteGroupBuilder api)
    {
        foreach (var (path, documentType) in CommentThreads.Routes)
        {
            api.MapGet($"/{path}/{{id:guid}}/comments", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                    (await ListAsync(db, user, documentType, id, ct)).ToOk(http))
                .RequireSignedIn();
            api.MapGet($"/{path}/{{id:guid}}/attachments/{{attachmentId:guid}}", async (TandemDb db, CurrentUser user, Guid id, Guid attachmentId, CancellationToken ct) =>
                {
                    var file = await FileAsync(db, user, documentType, id, attachmentId, ct);
                    return file.IsSuccess ? Results.File(file.Value.Content, file.Value.ContentType, file.Value.FileName) : Problems.From(file.FirstError);
                })
                .RequireSignedIn();
        }
    }
}
