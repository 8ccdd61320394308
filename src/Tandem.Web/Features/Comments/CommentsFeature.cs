namespace Tandem.Web.Features.Comments;

/// <summary>Comment threads with @mentions and attachments on documents (requisitions today).</summary>
public static class CommentsFeature
{
    public static void Map(RouteGroupBuilder api)
    {
        AddComment.Map(api);
        CommentQueries.Map(api);
    }
}
