using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Receiving;

public sealed record ReturnResponse(Guid Id, string Number, Guid ReceiptLineId, Guid PurchaseOrderId, string Quantity, string Reason, DateOnly ReturnedOn, string PurchaseOrderStatus);

/// <summary>
/// Send goods back to the vendor from a receipt line: at most what that line accepted and has not returned yet. The
/// order's received quantity drops (it may be partially received again) and the vendor's reject rate counts it.
/// </summary>
public static class RecordReturn
{
    public sealed record Request(Guid? ReceiptLineId, string? Quantity, string? Reason, string? ReturnedOn);

    public static Task<Result<ReturnResponse>> HandleAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct) =>
        Transactions.RunAsync(db, async () =>
        {
            var v = new Validator();
            var reason = v.Required(request.Reason, "reason", 500);
            var returnedOn = v.Date(request.ReturnedOn, "returnedOn");
            var units = v.Quantity(request.Quantity, "quantity")?.Units ?? 0;
            if (string.IsNullOrWhiteSpace(request.Quantity))
            {
                v.Add("quantity", "required", "quantity is required.");
            }

            if (request.ReceiptLineId is null)
            {
                v.Add("receiptLineId", "required", "receiptLineId is required.");
            }

            if (!v.IsValid)
            {
                return Result<ReturnResponse>.Failure(v.Errors);
            }

            var line = await db.ReceiptLines.SingleOrDefaultAsync(l => l.Id == request.ReceiptLineId, ct);
            var receipt = line is null ? null : await db.Receipts.SingleOrDefaultAsync(r => r.Id == line.ReceiptId && r.CompanyId == user.CompanyId, ct);
            if (line is null || receipt is null)
            {
                return Error.NotFound("receipt.line_not_found", "No such receipt line.");
            }

            await OrderLocks.LockAsync(db, receipt.PurchaseOrderId, ct);
            var order = await db.PurchaseOrders.Include(p => p.Lines).SingleAsync(p => p.Id == receipt.PurchaseOrderId, ct);
            if (!Domain.Purchasing.PurchaseOrderLifecycle.CanReceive(order.Status))
            {
                return Error.Conflict("return.order_not_open", $"{order.Number} is {JsonNames.Camel(order.Status.ToString())}; returns are recorded on open orders.");
            }

            var orderLine = order.Lines.Single(l => l.Id == line.PurchaseOrderLineId);
            if (orderLine.ReceiveBy == ReceiveBy.Amount)
            {
                return Error.Validation("return.service_line", "Services are not returned; record the correction with the vendor instead.", "receiptLineId");
            }

            if (units > line.Accepted - line.Returned)
            {
                return Error.Validation("return.too_many", $"Line {orderLine.LineNo} of {receipt.Number} accepted {new Quantity(line.Accepted)} and returned {new Quantity(line.Returned)}; at most {new Quantity(line.Accepted - line.Returned)} can go back.", "quantity");
            }

            var today = await CompanyClock.TodayAsync(db, order.CompanyId, ct);
            var on = returnedOn ?? today;
            if (on > today || on < receipt.ReceivedOn)
            {
                return Error.Validation("return.date", $"returnedOn must be between the receipt date ({receipt.ReceivedOn:yyyy-MM-dd}) and today.", "returnedOn");
            }

            if (await Accounting.AccountingSetup.CheckOpenAsync(db, order.CompanyId, on, "returnedOn", ct) is { } closed)
            {
                return closed;
            }

            var now = db.Clock.GetUtcNow().UtcDateTime;
            line.Returned += units;
            orderLine.ReceivedNet -= units;
            var vendorReturn = new VendorReturn
            {
                Id = Ids.New(now),
                CompanyId = order.CompanyId,
                Number = await DocumentNumbers.NextAsync(db, order.CompanyId, "RTV", on.Year, ct),
                ReceiptLineId = line.Id,
                PurchaseOrderId = order.Id,
                Quantity = units,
                Reason = reason,
                ReturnedOn = on,
                ById = user.UserId,
                CreatedAtUtc = now,
            };
            db.VendorReturns.Add(vendorReturn);
            await ReceiptEffects.ApplyAsync(db, order, ct);
            await db.SaveChangesAsync(ct);
            return new ReturnResponse(vendorReturn.Id, vendorReturn.Number, line.Id, order.Id, new Quantity(units).ToString(), reason, on, JsonNames.Camel(order.Status.ToString()));
        }, ct);

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/returns", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await HandleAsync(db, user, request, ct)).ToCreated(http, r => $"/api/v1/returns/{r.Id}"))
            .RequireRoles(ReceivingAccess.Returners);
}
