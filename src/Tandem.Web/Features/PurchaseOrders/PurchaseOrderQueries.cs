using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Domain.Purchasing;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

public sealed record PurchaseOrderSummary(Guid Id, string Number, PurchaseOrderStatus Status, Guid VendorId, string VendorName, MoneyDto Total, DateTime CreatedAtUtc, DateTime? IssuedAtUtc);

/// <summary>Reading orders: one with its lines and receipts, a filtered list, and the documents (PDF, UBL Order, cXML OrderRequest).</summary>
public static class PurchaseOrderQueries
{
    public static async Task<Result<PurchaseOrderResponse>> GetAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
        await PurchaseOrderAccess.LoadAsync(db, user, id, ct) is { } p ? await PurchaseOrderResponse.BuildAsync(db, p, ct) : PurchaseOrderAccess.NotFound();

    /// <summary>Orders the caller may see, newest first, by status, vendor or requisition.</summary>
    public static Task<Result<Paged<PurchaseOrderSummary>>> ListAsync(
        TandemDb db, CurrentUser user, string? status, Guid? vendorId, Guid? requisitionId, int? page, int? pageSize, CancellationToken ct)
    {
        var v = new Validator();
        PurchaseOrderStatus? wanted = status is null ? null : v.Enum<PurchaseOrderStatus>(status, "status");
        if (!v.IsValid)
        {
            return Task.FromResult(Result<Paged<PurchaseOrderSummary>>.Failure(v.Errors));
        }

        var query = PurchaseOrderAccess.Visible(db, user).AsNoTracking();
        query = wanted is { } s ? query.Where(p => p.Status == s) : query;
        query = vendorId is { } vendor ? query.Where(p => p.VendorId == vendor) : query;
        query = requisitionId is { } r ? query.Where(p => p.Lines.Any(l => l.RequisitionId == r)) : query;
        var rows = query.Join(db.Vendors, p => p.VendorId, x => x.Id, (p, x) => new { p.Id, p.Number, p.Status, p.VendorId, Vendor = x.TradingName ?? x.LegalName, p.TotalMinor, p.Currency, p.CreatedAtUtc, p.IssuedAtUtc })
            .OrderByDescending(p => p.CreatedAtUtc).ThenByDescending(p => p.Number);
        return PageRequest.ListAsync(page, pageSize, rows, p => new PurchaseOrderSummary(
            p.Id, p.Number, p.Status, p.VendorId, p.Vendor, MoneyDto.From(new Money(p.TotalMinor, Currency.Of(p.Currency))), p.CreatedAtUtc, p.IssuedAtUtc), ct);
    }

    /// <summary>One rendering of the order as a file: "pdf", "ubl" or "cxml".</summary>
    public static async Task<Result<(byte[] Content, string ContentType, string FileName)>> DocumentAsync(TandemDb db, CurrentUser user, Guid id, string format, CancellationToken ct)
    {
        if (await PurchaseOrderAccess.LoadAsync(db, user, id, ct) is not { } order)
        {
            return PurchaseOrderAccess.NotFound();
        }

        var document = await OrderDocument.LoadAsync(db, order, ct);
        var now = db.Clock.GetUtcNow();
        return format switch
        {
            "pdf" => (PurchaseOrderPdf.Render(document), "application/pdf", $"{order.Number}.pdf"),
            "ubl" => (UblOrder.Write(document), "application/xml", $"{order.Number}.ubl.xml"),
            "cxml" => (CxmlOrderRequest.Write(document, $"{now.ToUnixTimeMilliseconds()}.{Ids.New(now):N}@tandem", now), "application/xml", $"{order.Number}.cxml.xml"),
            _ => Error.NotFound("purchaseOrder.no_such_document", "Documents are pdf, ubl and cxml."),
        };
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/purchase-orders/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireSignedIn();
        api.MapGet("/purchase-orders", async (TandemDb db, CurrentUser user, HttpContext http, string? status, Guid? vendorId, Guid? requisitionId, int? page, int? pageSize, CancellationToken ct) =>
                (await ListAsync(db, user, status, vendorId, requisitionId, page, pageSize, ct)).ToOk(http))
            .RequireSignedIn();
        api.MapGet("/purchase-orders/{id:guid}/documents/{format}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, string format, CancellationToken ct) =>
            {
                var file = await DocumentAsync(db, user, id, format, ct);
                return file.IsSuccess ? Results.File(file.Value.Content, file.Value.ContentType, file.Value.FileName) : file.ToOk(http);
            })
            .RequireSignedIn();
    }
}
