using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Money;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Receiving;

public sealed record ReceiptLineResponse(Guid Id, Guid PurchaseOrderLineId, int LineNo, string Description, string ReceiveBy, string Accepted, string Rejected, string? RejectReason, string Returned);

public sealed record ReceiptResponse(
    Guid Id, string Number, Guid PurchaseOrderId, string PurchaseOrderNumber, string PurchaseOrderStatus, DateOnly ReceivedOn, PersonRef Receiver, string? DeliveryNote,
    string? Notes, IReadOnlyList<ReceiptLineResponse> Lines, DateTime CreatedAtUtc)
{
    public static async Task<ReceiptResponse> BuildAsync(TandemDb db, Receipt receipt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(receipt);
        var order = await db.PurchaseOrders.AsNoTracking().Where(p => p.Id == receipt.PurchaseOrderId).Select(p => new { p.Number, p.Status, p.Currency }).SingleAsync(ct);
        var lineIds = receipt.Lines.Select(l => l.PurchaseOrderLineId).ToList();
        var lines = await db.PurchaseOrderLines.AsNoTracking().Where(l => lineIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        var names = await UserQueries.NamesAsync(db, [receipt.ReceiverId], ct);
        var currency = Currency.Of(order.Currency);
        return new ReceiptResponse(
            receipt.Id, receipt.Number, receipt.PurchaseOrderId, order.Number, Platform.Api.JsonNames.Camel(order.Status.ToString()), receipt.ReceivedOn,
            new PersonRef(receipt.ReceiverId, names.GetValueOrDefault(receipt.ReceiverId, "")), receipt.DeliveryNote, receipt.Notes,
            [.. receipt.Lines.Select(l => (Receipt: l, Line: lines[l.PurchaseOrderLineId])).OrderBy(x => x.Line.LineNo).Select(x => new ReceiptLineResponse(
                x.Receipt.Id, x.Line.Id, x.Line.LineNo, x.Line.Description, Platform.Api.JsonNames.Camel(x.Line.ReceiveBy.ToString()),
                PurchaseOrderResponse.Amount(x.Line.ReceiveBy, x.Receipt.Accepted, currency), PurchaseOrderResponse.Amount(x.Line.ReceiveBy, x.Receipt.Rejected, currency),
                x.Receipt.RejectReason, PurchaseOrderResponse.Amount(x.Line.ReceiveBy, x.Receipt.Returned, currency)))],
            receipt.CreatedAtUtc);
    }
}
