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
    /// <summary>The responses for receipts of one order: the order with its lines and the receivers' names read once, whatever the number of receipts.</summary>
    public static async Task<IReadOnlyList<ReceiptResponse>> BuildAsync(TandemDb db, IReadOnlyList<Receipt> receipts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(receipts);
        if (receipts.Count == 0)
        {
            return [];
        }

        var orderId = receipts[0].PurchaseOrderId;
        if (receipts.Any(r => r.PurchaseOrderId != orderId))
        {
            throw new ArgumentException("The receipts are of more than one order.", nameof(receipts));
        }

        var order = await db.PurchaseOrders.AsNoTracking().Include(p => p.Lines).AsSingleQuery().SingleAsync(p => p.Id == orderId, ct);
        var names = await UserQueries.NamesAsync(db, receipts.Select(r => r.ReceiverId), ct);
        return [.. receipts.Select(r => From(r, order, names.GetValueOrDefault(r.ReceiverId, "")))];
    }

    /// <summary>The response for a receipt of an order loaded with its lines (one just recorded: nothing more to read).</summary>
    public static ReceiptResponse From(Receipt receipt, PurchaseOrder order, string receiverName)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(order);
        var currency = Currency.Of(order.Currency);
        var lines = order.Lines.ToDictionary(l => l.Id);
        return new(
            receipt.Id, receipt.Number, receipt.PurchaseOrderId, order.Number, Platform.Api.JsonNames.Camel(order.Status.ToString()), receipt.ReceivedOn,
            new PersonRef(receipt.ReceiverId, receiverName), receipt.DeliveryNote, receipt.Notes,
            [.. receipt.Lines.Select(l => (Receipt: l, Line: lines[l.PurchaseOrderLineId])).OrderBy(x => x.Line.LineNo).Select(x => new ReceiptLineResponse(
                x.Receipt.Id, x.Line.Id, x.Line.LineNo, x.Line.Description, Platform.Api.JsonNames.Camel(x.Line.ReceiveBy.ToString()),
                PurchaseOrderResponse.Amount(x.Line.ReceiveBy, x.Receipt.Accepted, currency), PurchaseOrderResponse.Amount(x.Line.ReceiveBy, x.Receipt.Rejected, currency),
                x.Receipt.RejectReason, PurchaseOrderResponse.Amount(x.Line.ReceiveBy, x.Receipt.Returned, currency)))],
            receipt.CreatedAtUtc);
    }
}
