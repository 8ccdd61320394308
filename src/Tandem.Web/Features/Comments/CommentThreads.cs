using Tandem.Domain;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Comments;

/// <summary>The documents that carry a comment thread, and who may read and write each one: whoever may see the document.</summary>
public static class CommentThreads
{
    public const string Requisition = "requisition";

    public const int MaxBody = 4000;

    public const int MaxFiles = 5;

    /// <summary>The document's number, its requester (told about new comments) and page link; null when the caller may not see it.</summary>
    public sealed record Thread(string DocumentType, Guid DocumentId, string Number, Guid OwnerId, string Link);

    public static async Task<Result<Thread>> OpenAsync(TandemDb db, CurrentUser user, string documentType, Guid documentId, CancellationToken ct) =>
        documentType switch
        {
            Requisition when await RequisitionAccess.LoadAsync(db, user, documentId, ct) is { } r =>
                new Thread(Requisition, r.Id, r.Number, r.RequesterId, $"/Requisitions/Detail?id={r.Id}"),
            Requisition => RequisitionAccess.NotFound(),
            _ => throw new ArgumentOutOfRangeException(nameof(documentType), documentType, "Not a document with comments."),
        };
}
