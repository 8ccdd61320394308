using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

/// <summary>Read one item as the caller may see it (curated visibility applies), or list items for catalog admin.</summary>
public static class ItemQueries
{
    public static async Task<Result<ItemResponse>> GetAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var source = CatalogVisibility.SeesEverything(user) ? db.Items.Where(i => i.CompanyId == user.CompanyId) : CatalogVisibility.VisibleItems(db, user);
        var item = await source.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return CatalogAccess.NotFound("item");
        }

        var tree = await CatalogAccess.TreeAsync(db, user.CompanyId, ct);
        return ItemResponse.From(item, tree.TryGetValue(item.CategoryId, out var c) ? c.Path : "");
    }

    public static async Task<Result<Paged<ItemResponse>>> ListAsync(TandemDb db, CurrentUser user, string? q, Guid? categoryId, int? page, int? pageSize, CancellationToken ct)
    {
        var query = db.Items.AsNoTracking().Where(i => i.CompanyId == user.CompanyId);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToUpperInvariant();
            query = query.Where(i => i.Sku.Contains(term) || i.Name.ToUpper().Contains(term));
        }

        if (categoryId is not null)
        {
            query = query.Where(i => i.CategoryId == categoryId);
        }

        var tree = await CatalogAccess.TreeAsync(db, user.CompanyId, ct);
        return await PageRequest.ListAsync(page, pageSize, query.OrderBy(i => i.Sku), i => ItemResponse.From(i, tree.TryGetValue(i.CategoryId, out var c) ? c.Path : ""), ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/catalog/items", async (TandemDb db, CurrentUser user, HttpContext http, string? q, Guid? categoryId, int? page, int? pageSize, CancellationToken ct) =>
                (await ListAsync(db, user, q, categoryId, page, pageSize, ct)).ToOk(http))
            .RequireRoles(CatalogAccess.Editors);
        api.MapGet("/catalog/items/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireSignedIn();
    }
}
