using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Money;
using Tandem.Domain.Purchasing;
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
        return Of(receipt, order.Number, order.Status, Currency.Of(order.Currency), lines, names.GetValueOrDefault(receipt.ReceiverId, ""));
    }

    /// <summary>The response for a receipt just recorded on an order loaded with its lines, by the signed-in receiver: nothing to read.</summary>
    public static ReceiptResponse From(Receipt receipt, PurchaseOrder order, string receiverName)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(order);
        return Of(receipt, order.Number, order.Status, Currency.Of(order.Currency), order.Lines.ToDictionary(l => l.Id), receiverName);
    }

    private static ReceiptResponse Of(
        Receipt receipt, string orderNumber, PurchaseOrderStatus orderStatus, Currency currency, Dictionary<Guid, PurchaseOrderLine> lines, string receiverName) => new(
            receipt.Id, receipt.Number, receipt.PurchaseOrderId, orderNumber, Platform.Api.JsonNames.Camel(orderStatus.ToString()), receipt.ReceivedOn,
            new PersonRef(receipt.ReceiverId, receiverName), receipt.DeliveryNote, receipt.Notes,
            [.. receipt.Lines.Select(l => (Receipt: l, Line: lines[l.PurchaseOrderLineId])).OrderBy(x => x.Line.LineNo).Select(x => new ReceiptLineResponse(
                x.Receipt.Id, x.Line.Id, x.Line.LineNo, x.Line.Description, Platform.Api.JsonNames.Camel(x.Line.ReceiveBy.ToString()),
                PurchaseOrderResponse.Amount(x.Line.ReceiveBy, x.Receipt.Accepted, currency), PurchaseOrderResponse.Amount(x.Line.ReceiveBy, x.Receipt.Rejected, currency),
                x.Receipt.RejectReason, PurchaseOrderResponse.Amount(x.Line.ReceiveBy, x.Receipt.Returned, currency)))],
            receipt.CreatedAtUtc);
}
