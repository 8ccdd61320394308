using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Collaboration;
using Tandem.Web.Features.Notifications;
using Tandem.Web.Features.Webhooks;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Files;

namespace Tandem.Web.Features.Comments;

/// <summary>
/// Add a comment to a document's thread, with up to five files (PDF, PNG, JPEG; 10 MB each). People named with "@" are
/// told (in-app and e-mail) and may read the document from then on; the document's owner is told too. All or nothing.
/// </summary>
public static class AddComment
{
    public sealed record Request(string? Body);

    public sealed record Upload(string? FileName, Stream Content, long Length);

    /// <summary>The same, for files posted in a form (API or page); their streams are closed afterwards.</summary>
    public static async Task<Result<CommentResponse>> HandleAsync(
        TandemDb db, CurrentUser user, string documentType, Guid documentId, string? body, IEnumerable<IFormFile> files, CancellationToken ct)
    {
        var uploads = files.Select(f => new Upload(f.FileName, f.OpenReadStream(), f.Length)).ToList();
        try
        {
            return await HandleAsync(db, user, documentType, documentId, new Request(body), uploads, ct);
        }
        finally
        {
            foreach (var u in uploads)
            {
                await u.Content.DisposeAsync();
            }
        }
    }

    public static async Task<Result<CommentResponse>> HandleAsync(
        TandemDb db, CurrentUser user, string documentType, Guid documentId, Request request, IReadOnlyList<Upload> files, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(files);
        var thread = await CommentThreads.OpenAsync(db, user, documentType, documentId, ct);
        if (!thread.IsSuccess)
        {
            return Result<CommentResponse>.Failure(thread.Errors);
        }

        var v = new Validator();
        var body = v.Required(request.Body, "body", CommentThreads.MaxBody);
        if (files.Count > CommentThreads.MaxFiles)
        {
            v.Add("files", "too_many_files", $"A comment may carry at most {CommentThreads.MaxFiles} files.");
        }

        var read = new List<(Upload Upload, byte[] Content, string ContentType)>();
        foreach (var (file, i) in files.Take(CommentThreads.MaxFiles).Select((f, i) => (f, i)))
        {
            if (await Uploads.ReadAsync(v, file.Content, file.Length, $"files[{i}]", ct) is { } ok)
            {
                read.Add((file, ok.Content, ok.ContentType));
            }
        }

        if (!v.IsValid)
        {
            return Result<CommentResponse>.Failure(v.Errors);
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        var comment = new Comment
        {
            Id = Ids.New(now),
            CompanyId = user.CompanyId,
            DocumentType = documentType,
            DocumentId = documentId,
            AuthorId = user.UserId,
            Body = body!,
            CreatedAtUtc = now,
        };
        var handles = Mentions.Find(body);
        var people = handles.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => u.CompanyId == user.CompanyId && u.IsActive && u.Email != null)
            .Select(u => new { u.Id, u.Email, u.DisplayName }).ToListAsync(ct);
        var mentioned = people.Where(p => handles.Any(h => Mentions.Names(h, p.Email!))).ToList();
        comment.Mentions.AddRange(mentioned.Select(p => new CommentMention { CommentId = comment.Id, UserId = p.Id, CompanyId = user.CompanyId, DocumentId = documentId }));
        foreach (var (upload, content, contentType) in read)
        {
            var attachment = new CommentAttachment
            {
                Id = Ids.New(now),
                CompanyId = user.CompanyId,
                CommentId = comment.Id,
                FileName = Uploads.SafeName(upload.FileName, contentType),
                ContentType = contentType,
                SizeBytes = content.Length,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            };
            comment.Attachments.Add(attachment);
            db.CommentAttachmentFiles.Add(new CommentAttachmentFile { AttachmentId = attachment.Id, Content = content });
        }

        db.Comments.Add(comment);
        var t = thread.Value;
        var excerpt = body!.Length > 200 ? body[..200] + "…" : body;
        Notify.Send(db, user.CompanyId, mentioned.Where(p => p.Id != user.UserId).Select(p => new Notify.Person(p.Id, p.Email)),
            $"{user.DisplayName} mentioned you on {t.Number}", t.Link, $"{user.DisplayName} wrote on {t.Number}:\n\n{excerpt}");
        if (t.OwnerId != user.UserId && mentioned.All(p => p.Id != t.OwnerId))
        {
            var owner = await db.Users.AsNoTracking().Where(u => u.Id == t.OwnerId).Select(u => new Notify.Person(u.Id, u.Email)).SingleAsync(ct);
            Notify.Send(db, user.CompanyId, [owner], $"New comment on {t.Number}", t.Link, $"{user.DisplayName} wrote on {t.Number}:\n\n{excerpt}");
        }

        var response = CommentResponse.From(comment, user.DisplayName, mentioned.ToDictionary(p => p.Id, p => p.DisplayName));
        WebhookPublisher.Publish(db, user.CompanyId, $"{documentType}.commented", new { documentId, number = t.Number, comment = response });
        await db.SaveChangesAsync(ct);
        return response;
    }

    public static void Map(RouteGroupBuilder api)
    {
        foreach (var (path, documentType) in CommentThreads.Routes)
        {
            api.MapPost($"/{path}/{{id:guid}}/comments", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                {
                    if (http.Request.HasFormContentType)
                    {
                        var form = await http.Request.ReadFormAsync(ct);
                        return (await HandleAsync(db, user, documentType, id, form["body"], form.Files, ct)).ToCreated(http, Location);
                    }

                    if (!http.Request.HasJsonContentType())
                    {
                        return Problems.From(Error.Validation("unsupported_content", "Send the comment as JSON ({\"body\": \"...\"}) or as multipart/form-data with a body field and files.", "body"));
                    }

                    Request request;
                    try
                    {
                        request = await http.Request.ReadFromJsonAsync<Request>(ct) ?? new Request(null);
                    }
                    catch (System.Text.Json.JsonException e)
                    {
                        return Problems.From(Error.Validation("malformed_json", $"The request body is not valid JSON: {e.Message.Split(" Path:")[0]}", "body"));
                    }

                    return (await HandleAsync(db, user, documentType, id, request, [], ct)).ToCreated(http, Location);

                    string Location(CommentResponse c) => $"/api/v1/{path}/{id}/comments/{c.Id}";
                })
                .Accepts<Request>("application/json", "multipart/form-data")
                .RequireSignedIn();
        }
    }
}
