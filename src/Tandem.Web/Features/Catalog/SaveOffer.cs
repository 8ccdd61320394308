using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Catalog;
using Tandem.Domain.Money;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

public sealed record OfferResponse(
    Guid Id, Guid ItemId, Guid VendorId, MoneyDto UnitPrice, string MinimumQuantity, string PackSize, int LeadTimeDays,
    MoneyDto? FreightPerOrder, DateOnly ValidFrom, DateOnly? ValidTo, string? ContractReference, int Version) : IVersionedResponse
{
    public static OfferResponse From(Offer o) => new(
        o.Id, o.ItemId, o.VendorId, OfferInput.PriceDto(o), OfferInput.Qty(o.MinimumQuantityUnits), OfferInput.Qty(o.PackSizeUnits), o.LeadTimeDays,
        MoneyDto.From(o.FreightMinor, o.Currency), o.ValidFrom, o.ValidTo, o.ContractReference, o.Version);
}

/// <summary>
/// Create or change a vendor's offer for an item. Prices are never negative; a vendor's offers for one item may not
/// overlap in time (the price on any day is unambiguous); blocked vendors get no new offers.
/// </summary>
public static class SaveOffer
{
    public sealed record Request(
        Guid? ItemId, Guid? VendorId, MoneyDto? UnitPrice, string? MinimumQuantity, string? PackSize, int? LeadTimeDays,
        MoneyDto? FreightPerOrder, DateOnly? ValidFrom, DateOnly? ValidTo, string? ContractReference);

    public static async Task<Result<OfferResponse>> CreateAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct)
    {
        var offer = new Offer { Id = Ids.New(db.Clock.GetUtcNow()), CompanyId = user.CompanyId };
        var valid = await ValidateAsync(db, user, request, offer.Id, ct);
        if (!valid.IsSuccess)
        {
            return Result<OfferResponse>.Failure(valid.Errors);
        }

        valid.Value(offer);
        db.Offers.Add(offer);
        await db.SaveChangesAsync(ct);
        await SearchIndex.RefreshAsync(db, user.CompanyId, [offer.ItemId], ct);
        return OfferResponse.From(offer);
    }

    public static async Task<Result<OfferResponse>> UpdateAsync(TandemDb db, CurrentUser user, Guid id, int expectedVersion, Request request, CancellationToken ct)
    {
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == id && o.CompanyId == user.CompanyId, ct);
        if (offer is null)
        {
            return CatalogAccess.NotFound("offer");
        }

        if (OrgUnits.Stale(offer, expectedVersion, "offer") is { } stale)
        {
            return stale;
        }

        var valid = await ValidateAsync(db, user, request, id, ct);
        if (!valid.IsSuccess)
        {
            return Result<OfferResponse>.Failure(valid.Errors);
        }

        var oldItem = offer.ItemId;
        valid.Value(offer);
        await db.SaveChangesAsync(ct);
        await SearchIndex.RefreshAsync(db, user.CompanyId, [oldItem, offer.ItemId], ct);
        return OfferResponse.From(offer);
    }

    public static async Task<IReadOnlyList<OfferResponse>> ListAsync(TandemDb db, CurrentUser user, Guid? itemId, Guid? vendorId, CancellationToken ct)
    {
        var query = db.Offers.AsNoTracking().Where(o => o.CompanyId == user.CompanyId);
        query = itemId is null ? query : query.Where(o => o.ItemId == itemId);
        query = vendorId is null ? query : query.Where(o => o.VendorId == vendorId);
        return [.. (await query.OrderBy(o => o.ItemId).ThenBy(o => o.VendorId).ThenBy(o => o.ValidFrom).Take(1000).ToListAsync(ct)).Select(OfferResponse.From)];
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/catalog/offers", async (TandemDb db, CurrentUser user, Guid? itemId, Guid? vendorId, CancellationToken ct) =>
                TypedResults.Ok(await ListAsync(db, user, itemId, vendorId, ct)))
            .RequireRoles(Vendors.VendorAccess.Readers);
        api.MapPost("/catalog/offers", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await CreateAsync(db, user, request, ct)).ToCreated(http, o => $"/api/v1/catalog/offers/{o.Id}"))
            .RequireRoles(CatalogAccess.Editors);
        api.MapPut("/catalog/offers/{id:guid}", (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                ApiResults.UpdateAsync(http, version => UpdateAsync(db, user, id, version, request, ct)))
            .RequireRoles(CatalogAccess.Editors);
    }

    /// <summary>Validates a request; on success returns how to apply it to an offer.</summary>
    private static async Task<Result<Action<Offer>>> ValidateAsync(TandemDb db, CurrentUser user, Request request, Guid selfId, CancellationToken ct)
    {
        var v = new Validator();
        var currency = v.Currency(request.UnitPrice?.Currency, "unitPrice.currency");
        var price = v.IsValid ? OfferInput.UnitPrice(v, request.UnitPrice?.Amount, currency, "unitPrice.amount") : null;
        var moq = OfferInput.Quantity(v, request.MinimumQuantity, "minimumQuantity", Quantity.FromDecimal(1));
        var pack = OfferInput.Quantity(v, request.PackSize, "packSize", Quantity.FromDecimal(1));
        if (request.LeadTimeDays is < 0 or > 365)
        {
            v.Add("leadTimeDays", "out_of_range", "leadTimeDays must be between 0 and 365.");
        }

        var freight = v.Money(request.FreightPerOrder, "freightPerOrder");
        if (freight is { } f && (f.IsNegative || f.Currency != currency))
        {
            v.Add("freightPerOrder", "freight_invalid", "freightPerOrder must be zero or more, in the offer's currency.");
        }

        var contract = v.Optional(request.ContractReference, "contractReference", 60);
        if (request.ValidFrom is null)
        {
            v.Add("validFrom", "required", "validFrom is required.");
        }

        var validity = request.ValidFrom is { } from ? OfferValidity.Create(from, request.ValidTo) : default;
        foreach (var e in validity.Errors ?? [])
        {
            v.Add(e.Field!, e.Code, e.Message);
        }

        var vendor = request.VendorId is { } vendorId ? await db.Vendors.AsNoTracking().SingleOrDefaultAsync(x => x.Id == vendorId && x.CompanyId == user.CompanyId, ct) : null;
        if (vendor is null)
        {
            v.Add("vendorId", "vendor_unknown", "vendorId must name a vendor of this company.");
        }
        else if (vendor.Status == VendorStatus.Blocked)
        {
            v.Add("vendorId", "vendor_blocked", $"{vendor.LegalName} is blocked and cannot be given offers.");
        }

        if (request.ItemId is not { } itemId || !await db.Items.AnyAsync(i => i.Id == itemId && i.CompanyId == user.CompanyId, ct))
        {
            v.Add("itemId", "item_unknown", "itemId must name an item of this company.");
        }

        if (!v.IsValid)
        {
            return Result<Action<Offer>>.Failure(v.Errors);
        }

        var period = validity.Value;
        var siblings = await db.Offers.AsNoTracking()
            .Where(o => o.ItemId == request.ItemId && o.VendorId == request.VendorId && o.Id != selfId)
            .Select(o => new { o.ValidFrom, o.ValidTo, o.ContractReference }).ToListAsync(ct);
        if (siblings.FirstOrDefault(o => new OfferValidity(o.ValidFrom, o.ValidTo).Overlaps(period)) is { } clash)
        {
            return Error.Conflict("offer.validity_overlap", $"This vendor already has an offer for this item valid {clash.ValidFrom:yyyy-MM-dd} to {clash.ValidTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "open end"}; validity periods may not overlap.", "validFrom");
        }

        return (Action<Offer>)(o =>
        {
            o.ItemId = request.ItemId!.Value;
            o.VendorId = request.VendorId!.Value;
            o.UnitPriceMicros = price!.Value.Micros;
            o.Currency = currency.Code;
            o.MinimumQuantityUnits = moq.Units;
            o.PackSizeUnits = pack.Units;
            o.LeadTimeDays = request.LeadTimeDays ?? 0;
            o.FreightMinor = freight?.Minor;
            o.ValidFrom = period.From;
            o.ValidTo = period.To;
            o.ContractReference = contract;
        });
    }
}
