using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

public sealed record ComparisonResponse(ItemResponse Item, string Quantity, string Currency, IReadOnlyList<OfferLine> Offers);

/// <summary>
/// Every offer for an item valid today, side by side, priced for a quantity (minimum order and pack size applied,
/// plus freight). The cheapest landed total from an active vendor, in the company currency, is marked.
/// </summary>
public static class CompareOffers
{
    public static async Task<Result<ComparisonResponse>> HandleAsync(TandemDb db, CurrentUser user, Guid itemId, string? quantity, CancellationToken ct)
    {
        var item = await ItemQueries.GetAsync(db, user, itemId, ct);
        if (!item.IsSuccess)
        {
            return Result<ComparisonResponse>.Failure(item.Errors);
        }

        var v = new Validator();
        var wanted = OfferInput.Quantity(v, quantity, "quantity", Quantity.FromDecimal(1));
        if (!v.IsValid)
        {
            return Result<ComparisonResponse>.Failure(v.Errors);
        }

        var currency = await CompanyClock.CurrencyAsync(db, user.CompanyId, ct);
        var today = await CompanyClock.TodayAsync(db, user.CompanyId, ct);
        var lines = await SearchCatalog.OfferLinesAsync(db, [itemId], today, wanted, currency, ct, activeVendorsOnly: false);
        return new ComparisonResponse(item.Value, wanted.ToString(), currency.Code, [.. lines[itemId]]);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/catalog/items/{id:guid}/comparison", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, string? quantity, CancellationToken ct) =>
                (await HandleAsync(db, user, id, quantity, ct)).ToOk(http))
            .RequireSignedIn();
}
