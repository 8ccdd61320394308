using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Domain.Purchasing;
using Tandem.Web.Features.Notifications;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Receiving;

/// <summary>
/// Record what arrived against an order: per line the quantity accepted and rejected (with why) for goods, or the amount
/// or percentage complete for services. A delivery may run over what was ordered by the company's tolerance, no more.
/// The order becomes partially received or received, its requests follow, and the buyer hears about rejections.
/// </summary>
public static class RecordReceipt
{
    public sealed record LineRequest(Guid? PurchaseOrderLineId, string? Accepted, string? Rejected, string? RejectReason, string? PercentComplete);

    public sealed record Request(Guid? PurchaseOrderId, string? ReceivedOn, string? DeliveryNote, string? Notes, IReadOnlyList<LineRequest>? Lines);

    public static Task<Result<ReceiptResponse>> HandleAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct) =>
        Transactions.RunAsync(db, () => ReceiveAsync(db, user, request, ct), ct);

    private static async Task<Result<ReceiptResponse>> ReceiveAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct)
    {
        var v = new Validator();
        var receivedOn = v.Date(request.ReceivedOn, "receivedOn");
        var deliveryNote = v.Optional(request.DeliveryNote, "deliveryNote", 100);
        var notes = v.Optional(request.Notes, "notes", 2000);
        if (request.PurchaseOrderId is null)
        {
            v.Add("purchaseOrderId", "required", "purchaseOrderId is required.");
        }

        var lines = request.Lines ?? [];
        if (lines.Count == 0)
        {
            v.Add("lines", "required", "Record at least one line.");
        }

        if (lines.Select(l => l.PurchaseOrderLineId).OfType<Guid>().GroupBy(x => x).Any(g => g.Count() > 1))
        {
            v.Add("lines", "duplicate", "Each order line appears once on a receipt.");
        }

        if (!v.IsValid)
        {
            return Result<ReceiptResponse>.Failure(v.Errors);
        }

        await OrderLocks.LockAsync(db, request.PurchaseOrderId, ct);
        var order = await ReceivingAccess.Receivable(db, user).Include(p => p.Lines).SingleOrDefaultAsync(p => p.Id == request.PurchaseOrderId, ct);
        if (order is null)
        {
            return PurchaseOrderAccess.NotFound();
        }

        if (!PurchaseOrderLifecycle.CanReceive(order.Status))
        {
            return Error.Conflict("receipt.order_not_receivable", $"Nothing can be received on a purchase order that is {JsonNames.Camel(order.Status.ToString())}.");
        }

        var today = await CompanyClock.TodayAsync(db, order.CompanyId, ct);
        var on = receivedOn ?? today;
        if (on > today)
        {
            v.Add("receivedOn", "in_future", "receivedOn cannot be after today.");
        }
        else if (order.IssuedOn is { } issued && on < issued)
        {
            v.Add("receivedOn", "before_order", $"receivedOn cannot be before the order was issued ({issued:yyyy-MM-dd}).");
        }
        else if (await Accounting.AccountingSetup.CheckOpenAsync(db, order.CompanyId, on, "receivedOn", ct) is { } closed)
        {
            return closed;
        }

        var settings = await PurchasingSettings.ForAsync(db, order.CompanyId, ct);
        var currency = Currency.Of(order.Currency);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var receipt = new Receipt
        {
            Id = Ids.New(now),
            CompanyId = order.CompanyId,
            PurchaseOrderId = order.Id,
            ReceivedOn = on,
            ReceiverId = user.UserId,
            DeliveryNote = deliveryNote,
            Notes = notes,
            CreatedAtUtc = now,
        };
        for (var i = 0; i < lines.Count; i++)
        {
            var field = $"lines[{i}]";
            var request_ = lines[i];
            var line = order.Lines.FirstOrDefault(l => l.Id == request_.PurchaseOrderLineId);
            if (line is null)
            {
                v.Add($"{field}.purchaseOrderLineId", "not_found", "No such line on this order.");
                continue;
            }

            var (accepted, rejected) = Amounts(v, field, request_, line, currency);
            if (rejected > 0 && string.IsNullOrWhiteSpace(request_.RejectReason))
            {
                v.Add($"{field}.rejectReason", "required", "Say why goods were rejected.");
            }

            var remaining = ReceivingRules.Remaining(line.Ordered, line.ReceivedNet, settings.OverReceiptBasisPoints);
            if (accepted > remaining)
            {
                var left = PurchaseOrderResponse.Amount(line.ReceiveBy, remaining, currency);
                v.Add($"{field}.accepted", "over_receipt",
                    $"Line {line.LineNo} can take {left} more (ordered {PurchaseOrderResponse.Amount(line.ReceiveBy, line.Ordered, currency)}, received {PurchaseOrderResponse.Amount(line.ReceiveBy, line.ReceivedNet, currency)}, tolerance {PercentText.Of(settings.OverReceiptBasisPoints)} %).");
            }

            if (accepted == 0 && rejected == 0)
            {
                continue;
            }

            line.ReceivedNet += accepted;
            receipt.Lines.Add(new ReceiptLine
            {
                Id = Ids.New(now),
                ReceiptId = receipt.Id,
                PurchaseOrderLineId = line.Id,
                Accepted = accepted,
                Rejected = rejected,
                RejectReason = rejected > 0 ? v.Optional(request_.RejectReason, $"{field}.rejectReason", 500) : null,
            });
        }

        if (v.IsValid && receipt.Lines.Count == 0)
        {
            v.Add("lines", "required", "Nothing was accepted or rejected; record at least one quantity.");
        }

        if (!v.IsValid)
        {
            return Result<ReceiptResponse>.Failure(v.Errors);
        }

        receipt.Number = await DocumentNumbers.NextAsync(db, order.CompanyId, "GRN", on.Year, ct);
        db.Receipts.Add(receipt);
        await ReceiptEffects.ApplyAsync(db, order, ct);
        var rejectedLines = receipt.Lines.Where(l => l.Rejected > 0).ToList();
        if (rejectedLines.Count > 0 && await db.Users.AsNoTracking().Where(u => u.Id == order.BuyerId).Select(u => new Notify.Person(u.Id, u.Email)).SingleOrDefaultAsync(ct) is { } buyer)
        {
            Notify.Send(db, order.CompanyId, [buyer], $"{order.Number}: goods rejected on {receipt.Number}", $"/PurchaseOrders/Detail?id={order.Id}",
                string.Join('\n', rejectedLines.Select(l => $"Line {order.Lines.Single(x => x.Id == l.PurchaseOrderLineId).LineNo}: {new Quantity(l.Rejected)} rejected - {l.RejectReason}")));
        }

        await db.SaveChangesAsync(ct);
        return ReceiptResponse.From(receipt, order, user.DisplayName);
    }

    /// <summary>What a line accepts and rejects: quantities for goods; for services an amount, or a percentage complete of the line's amount (nothing is rejected).</summary>
    private static (long Accepted, long Rejected) Amounts(Validator v, string field, LineRequest request, PurchaseOrderLine line, Currency currency)
    {
        if (line.ReceiveBy == ReceiveBy.Quantity)
        {
            return (v.Quantity(request.Accepted, $"{field}.accepted", zeroAllowed: true)?.Units ?? 0, v.Quantity(request.Rejected, $"{field}.rejected", zeroAllowed: true)?.Units ?? 0);
        }

        if (request.PercentComplete is not null)
        {
            var percent = v.Percent(request.PercentComplete, $"{field}.percentComplete") ?? 0;
            return (Math.Max(0, ReceivingRules.AmountForPercent(line.AmountMinor, percent) - line.ReceivedNet), 0);
        }

        var amount = string.IsNullOrWhiteSpace(request.Accepted) ? null : v.Money(new MoneyDto(request.Accepted, currency.Code), $"{field}.accepted");
        if (amount is { Minor: < 0 })
        {
            v.Add($"{field}.accepted", "out_of_range", $"{field}.accepted must be zero or more.");
        }

        return (Math.Max(0, amount?.Minor ?? 0), 0);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/receipts", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await HandleAsync(db, user, request, ct)).ToCreated(http, r => $"/api/v1/receipts/{r.Id}"))
            .RequireRoles(ReceivingAccess.Receivers);
}
