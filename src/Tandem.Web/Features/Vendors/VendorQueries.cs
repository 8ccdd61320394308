using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Vendors;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Vendors;

/// <summary>List, read and duplicate-check vendors.</summary>
public static class VendorQueries
{
    public static Task<Result<Paged<VendorSummary>>> ListAsync(
        TandemDb db, CurrentUser user, string? q, VendorStatus? status, Guid? categoryId, int? page, int? pageSize, CancellationToken ct)
    {
        var query = db.Vendors.AsNoTracking().Where(v => v.CompanyId == user.CompanyId);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToUpperInvariant();
            query = query.Where(v => v.Code.ToUpper().Contains(term) || v.LegalName.ToUpper().Contains(term)
                || (v.TradingName != null && v.TradingName.ToUpper().Contains(term)) || (v.TaxIdKey != null && v.TaxIdKey.Contains(term)));
        }

        if (status is not null)
        {
            query = query.Where(v => v.Status == status);
        }

        if (categoryId is not null)
        {
            query = query.Where(v => v.Categories.Any(c => c.CategoryId == categoryId));
        }

        return PageRequest.ListAsync(page, pageSize, query.OrderBy(v => v.LegalName),
            v => new VendorSummary(v.Id, v.Code, v.LegalName, v.TradingName, v.Country, v.Status, v.DefaultCurrency, v.TaxId), ct);
    }

    public static async Task<Result<VendorResponse>> GetAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
        await VendorAccess.LoadAsync(db, user, id, ct) is { } v
            ? VendorResponse.From(v, VendorAccess.SeesFullBank(user))
            : VendorAccess.NotFound();

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/vendors", async (TandemDb db, CurrentUser user, HttpContext http, string? q, VendorStatus? status, Guid? categoryId, int? page, int? pageSize, CancellationToken ct) =>
                (await ListAsync(db, user, q, status, categoryId, page, pageSize, ct)).ToOk(http))
            .RequireRoles(VendorAccess.Readers);
        api.MapGet("/vendors/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireRoles(VendorAccess.Readers);
        api.MapGet("/vendors/duplicates", async (TandemDb db, CurrentUser user, string? legalName, string? country, string? taxId, CancellationToken ct) =>
                TypedResults.Ok(await VendorAccess.PossibleDuplicatesAsync(db, user.CompanyId, legalName, country?.ToUpperInvariant(), taxId, null, ct)))
            .RequireRoles(VendorAccess.Editors);
    }
}
