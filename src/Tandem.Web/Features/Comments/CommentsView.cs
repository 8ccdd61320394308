namespace Tandem.Web.Features.Comments;

/// <summary>What the shared comments partial shows: a document's thread, where its files download from, and what to attach.</summary>
public sealed record CommentsView(string ApiPath, Guid DocumentId, IReadOnlyList<CommentResponse> Comments, string AttachLabel);
