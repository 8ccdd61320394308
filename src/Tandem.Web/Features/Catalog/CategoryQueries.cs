using Tandem.Domain;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

/// <summary>The category tree, flattened in path order (any signed-in user: requesters filter search by category).</summary>
public static class CategoryQueries
{
    public static async Task<IReadOnlyList<CategoryResponse>> ListAsync(TandemDb db, CurrentUser user, CancellationToken ct) =>
        [.. (await CatalogAccess.TreeAsync(db, user.CompanyId, ct)).Values.OrderBy(t => t.Path, StringComparer.OrdinalIgnoreCase).Select(t => From(t.Category, t.Path))];

    public static async Task<Result<CategoryResponse>> GetAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
        (await CatalogAccess.TreeAsync(db, user.CompanyId, ct)).TryGetValue(id, out var t) ? From(t.Category, t.Path) : CatalogAccess.NotFound("category");

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/catalog/categories", async (TandemDb db, CurrentUser user, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, user, ct)))
            .RequireSignedIn();
        api.MapGet("/catalog/categories/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireSignedIn();
    }

    private static CategoryResponse From(Category c, string path) => new(c.Id, c.Code, c.Name, c.ParentId, path, c.DefaultGlAccountId, c.IsActive, c.Version);
}
