using Tandem.Web.Features.Requisitions;

namespace Tandem.Web.Features.Comments;

public sealed record AttachmentResponse(Guid Id, string FileName, string ContentType, long SizeBytes, string Sha256);

public sealed record CommentResponse(
    Guid Id, PersonRef Author, string Body, DateTime CreatedAtUtc, IReadOnlyList<PersonRef> Mentions, IReadOnlyList<AttachmentResponse> Attachments)
{
    public static CommentResponse From(Comment c, string authorName, IReadOnlyDictionary<Guid, string> names) => new(
        c.Id, new PersonRef(c.AuthorId, authorName), c.Body, c.CreatedAtUtc,
        [.. c.Mentions.Select(m => new PersonRef(m.UserId, names.GetValueOrDefault(m.UserId, "")))],
        [.. c.Attachments.Select(a => new AttachmentResponse(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.Sha256))]);
}
