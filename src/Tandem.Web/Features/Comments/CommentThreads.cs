using Tandem.Domain;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Comments;

/// <summary>The documents that carry a comment thread (requisitions, purchase orders — delivery notes go here), and who may read and write each one: whoever may see the document.</summary>
public static class CommentThreads
{
    public const string Requisition = "requisition";

    public const string PurchaseOrder = "purchaseOrder";

    /// <summary>The API path of each kind of document with a thread: <c>/api/v1/{path}/{id}/comments</c>.</summary>
    public static readonly IReadOnlyList<(string Path, string DocumentType)> Routes = [("requisitions", Requisition), ("purchase-orders", PurchaseOrder)];

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
            PurchaseOrder when await PurchaseOrderAccess.LoadAsync(db, user, documentId, ct) is { } p =>
                new Thread(PurchaseOrder, p.Id, p.Number, p.BuyerId, $"/PurchaseOrders/Detail?id={p.Id}"),
            PurchaseOrder => PurchaseOrderAccess.NotFound(),
            _ => throw new ArgumentOutOfRangeException(nameof(documentType), documentType, "Not a document with comments."),
        };
}
