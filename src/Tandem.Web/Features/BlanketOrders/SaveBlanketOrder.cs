using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.BlanketOrders;

/// <summary>Record a vendor agreement (buyers): an active vendor, a limit, a validity period, agreed prices, and what a release beyond the limit does; or close one.</summary>
public static class SaveBlanketOrder
{
    public sealed record PriceRequest(Guid? ItemId, string? Description, string? Unit, string? UnitPrice);

    public sealed record Request(Guid? VendorId, MoneyDto? Limit, string? ValidFrom, string? ValidTo, string? OverLimit, string? Notes, IReadOnlyList<PriceRequest>? Prices);

    public static Task<Result<BlanketOrderResponse>> CreateAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct) =>
        Transactions.RunAsync(db, async () =>
        {
            var v = new Validator();
            var limit = v.Money(request.Limit, "limit");
            if (request.Limit is null)
            {
                v.Add("limit", "required", "limit is required.");
            }
            else if (limit is { Minor: <= 0 })
            {
                v.Add("limit.amount", "out_of_range", "limit must be more than zero.");
            }

            var from = v.Date(request.ValidFrom, "validFrom");
            var to = v.Date(request.ValidTo, "validTo");
            if (from is null || to is null)
            {
                v.Add(from is null ? "validFrom" : "validTo", "required", "validFrom and validTo are required.");
            }
            else if (to < from)
            {
                v.Add("validTo", "out_of_range", "validTo cannot be before validFrom.");
            }

            var overLimit = request.OverLimit is null ? OverLimit.Refuse : v.Enum<OverLimit>(request.OverLimit, "overLimit");
            var notes = v.Optional(request.Notes, "notes", 4000);
            var prices = request.Prices ?? [];
            var lines = new List<BlanketOrderLine>();
            var now = db.Clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < prices.Count && limit is not null; i++)
            {
                var description = v.Required(prices[i].Description, $"prices[{i}].description", 1000);
                var price = v.UnitPrice(prices[i].UnitPrice, limit.Value.Currency, $"prices[{i}].unitPrice");
                if (string.IsNullOrWhiteSpace(prices[i].UnitPrice))
                {
                    v.Add($"prices[{i}].unitPrice", "required", $"prices[{i}].unitPrice is required.");
                }

                lines.Add(new BlanketOrderLine { Id = Ids.New(now), ItemId = prices[i].ItemId, Description = description, Unit = v.Optional(prices[i].Unit, $"prices[{i}].unit", 20) ?? "EA", UnitPriceMicros = price?.Micros ?? 0 });
            }

            if (request.VendorId is null)
            {
                v.Add("vendorId", "required", "vendorId is required.");
            }

            if (!v.IsValid)
            {
                return Result<BlanketOrderResponse>.Failure(v.Errors);
            }

            var vendor = await db.Vendors.AsNoTracking().SingleOrDefaultAsync(x => x.Id == request.VendorId && x.CompanyId == user.CompanyId, ct);
            if (vendor is null || !VendorLifecycle.CanReceiveNewOrders(vendor.Status))
            {
                return Error.Validation("blanket.vendor_not_active", "Agreements are made with active vendors.", "vendorId");
            }

            var blanket = new BlanketOrder
            {
                Id = Ids.New(now),
                CompanyId = user.CompanyId,
                Number = await DocumentNumbers.NextAsync(db, user.CompanyId, "BPA", from!.Value.Year, ct),
                VendorId = vendor.Id,
                Currency = limit!.Value.Currency.Code,
                LimitMinor = limit.Value.Minor,
                ValidFrom = from.Value,
                ValidTo = to!.Value,
                OverLimit = overLimit,
                Status = BlanketStatus.Active,
                Notes = notes,
                CreatedById = user.UserId,
                CreatedAtUtc = now,
            };
            foreach (var line in lines)
            {
                line.BlanketOrderId = blanket.Id;
                blanket.Lines.Add(line);
            }

            db.BlanketOrders.Add(blanket);
            await db.SaveChangesAsync(ct);
            return await BlanketOrderResponse.BuildAsync(db, blanket, ct);
        }, ct);

    public static async Task<Result<BlanketOrderResponse>> CloseAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var blanket = await db.BlanketOrders.Include(b => b.Lines).SingleOrDefaultAsync(b => b.Id == id && b.CompanyId == user.CompanyId, ct);
        if (blanket is null)
        {
            return BlanketOrderQueries.NotFound();
        }

        blanket.Status = BlanketStatus.Closed;
        await db.SaveChangesAsync(ct);
        return await BlanketOrderResponse.BuildAsync(db, blanket, ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/blanket-orders", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await CreateAsync(db, user, request, ct)).ToCreated(http, b => $"/api/v1/blanket-orders/{b.Id}"))
            .RequireRoles(PurchaseOrderAccess.Buyers);
        api.MapPost("/blanket-orders/{id:guid}/close", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await CloseAsync(db, user, id, ct)).ToOk(http))
            .RequireRoles(PurchaseOrderAccess.Buyers);
    }
}
