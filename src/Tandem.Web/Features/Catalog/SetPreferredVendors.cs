using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Vendors;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

public sealed record PreferredVendorView(int Rank, Guid VendorId, string VendorCode, string VendorName, VendorStatus Status);

/// <summary>The ranked preferred vendors of a category: the request carries the whole list, first = rank 1. Blocked vendors cannot be preferred.</summary>
public static class SetPreferredVendors
{
    public sealed record Request(List<Guid>? VendorIds);

    public static async Task<Result<IReadOnlyList<PreferredVendorView>>> SetAsync(TandemDb db, CurrentUser user, Guid categoryId, Request request, CancellationToken ct)
    {
        if (!await db.Categories.AnyAsync(c => c.Id == categoryId && c.CompanyId == user.CompanyId, ct))
        {
            return CatalogAccess.NotFound("category");
        }

        var ids = request.VendorIds ?? [];
        if (ids.Distinct().Count() != ids.Count)
        {
            return Error.Validation("duplicate", "vendorIds lists a vendor twice.", "vendorIds");
        }

        var vendors = await db.Vendors.Where(v => ids.Contains(v.Id) && v.CompanyId == user.CompanyId).ToDictionaryAsync(v => v.Id, ct);
        if (vendors.Count != ids.Count)
        {
            return Error.Validation("vendor_unknown", "vendorIds names a vendor that does not exist.", "vendorIds");
        }

        if (vendors.Values.FirstOrDefault(v => v.Status == VendorStatus.Blocked) is { } blocked)
        {
            return Error.Validation("vendor_blocked", $"{blocked.LegalName} is blocked and cannot be preferred.", "vendorIds");
        }

        var current = await db.PreferredVendors.Where(p => p.CategoryId == categoryId).ToListAsync(ct);
        db.PreferredVendors.RemoveRange(current.Where(p => !ids.Contains(p.VendorId)));
        for (var i = 0; i < ids.Count; i++)
        {
            var row = current.FirstOrDefault(p => p.VendorId == ids[i]);
            if (row is null)
            {
                db.PreferredVendors.Add(new PreferredVendor { Id = Ids.New(), CompanyId = user.CompanyId, CategoryId = categoryId, VendorId = ids[i], Rank = i + 1 });
            }
            else
            {
                row.Rank = i + 1;
            }
        }

        await db.SaveChangesAsync(ct);
        return await ListAsync(db, user, categoryId, ct);
    }

    public static async Task<Result<IReadOnlyList<PreferredVendorView>>> ListAsync(TandemDb db, CurrentUser user, Guid categoryId, CancellationToken ct)
    {
        if (!await db.Categories.AnyAsync(c => c.Id == categoryId && c.CompanyId == user.CompanyId, ct))
        {
            return CatalogAccess.NotFound("category");
        }

        var ranked = await ByCategoryAsync(db, db.PreferredVendors.Where(p => p.CategoryId == categoryId), ct);
        return Result<IReadOnlyList<PreferredVendorView>>.Success(ranked.GetValueOrDefault(categoryId) ?? []);
    }

    /// <summary>The ranked preferred vendors of every category of the company, in one query.</summary>
    public static Task<Dictionary<Guid, IReadOnlyList<PreferredVendorView>>> AllAsync(TandemDb db, CurrentUser user, CancellationToken ct) =>
        ByCategoryAsync(db, db.PreferredVendors.Where(p => p.CompanyId == user.CompanyId), ct);

    private static async Task<Dictionary<Guid, IReadOnlyList<PreferredVendorView>>> ByCategoryAsync(TandemDb db, IQueryable<PreferredVendor> rows, CancellationToken ct) =>
        (await rows.AsNoTracking().OrderBy(p => p.Rank)
            .Join(db.Vendors, p => p.VendorId, v => v.Id, (p, v) => new { p.CategoryId, View = new PreferredVendorView(p.Rank, v.Id, v.Code, v.LegalName, v.Status) })
            .ToListAsync(ct))
        .GroupBy(x => x.CategoryId)
        .ToDictionary(g => g.Key, g => (IReadOnlyList<PreferredVendorView>)[.. g.Select(x => x.View)]);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/catalog/categories/{id:guid}/preferred-vendors", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await ListAsync(db, user, id, ct)).ToOk(http))
            .RequireSignedIn();
        api.MapPut("/catalog/categories/{id:guid}/preferred-vendors", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                (await SetAsync(db, user, id, request, ct)).ToOk(http))
            .RequireRoles(CatalogAccess.Editors);
    }
}
