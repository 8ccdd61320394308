using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

public sealed record ItemResponse(
    Guid Id, string Sku, string Name, string? Description, string Unit, Guid CategoryId, string CategoryPath,
    IReadOnlyDictionary<string, string> Attributes, string? ImageUrl, bool IsActive, int Version) : IVersionedResponse
{
    public static ItemResponse From(Item i, string categoryPath) => new(
        i.Id, i.Sku, i.Name, i.Description, i.Unit, i.CategoryId, categoryPath,
        i.AttributesJson is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(i.AttributesJson) ?? [],
        i.ImageUrl, i.IsActive, i.Version);
}

/// <summary>Create or change a catalog item. SKUs are unique per company; the search index follows every change.</summary>
public static class SaveItem
{
    public sealed record Request(string? Sku, string? Name, string? Description, string? Unit, Guid? CategoryId, Dictionary<string, string>? Attributes, string? ImageUrl, bool? IsActive);

    public static async Task<Result<ItemResponse>> CreateAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct)
    {
        var valid = await ValidateAsync(db, user, request, null, ct);
        if (!valid.IsSuccess)
        {
            return Result<ItemResponse>.Failure(valid.Errors);
        }

        var item = new Item { Id = Ids.New(db.Clock.GetUtcNow()), CompanyId = user.CompanyId };
        Apply(item, valid.Value);
        db.Items.Add(item);
        await db.SaveChangesAsync(ct);
        await SearchIndex.RefreshAsync(db, user.CompanyId, [item.Id], ct);
        return await ItemQueries.GetAsync(db, user, item.Id, ct);
    }

    public static async Task<Result<ItemResponse>> UpdateAsync(TandemDb db, CurrentUser user, Guid id, int expectedVersion, Request request, CancellationToken ct)
    {
        var item = await db.Items.SingleOrDefaultAsync(i => i.Id == id && i.CompanyId == user.CompanyId, ct);
        if (item is null)
        {
            return CatalogAccess.NotFound("item");
        }

        if (OrgUnits.Stale(item, expectedVersion, "item") is { } stale)
        {
            return stale;
        }

        var valid = await ValidateAsync(db, user, request, id, ct);
        if (!valid.IsSuccess)
        {
            return Result<ItemResponse>.Failure(valid.Errors);
        }

        Apply(item, valid.Value);
        await db.SaveChangesAsync(ct);
        await SearchIndex.RefreshAsync(db, user.CompanyId, [item.Id], ct);
        return await ItemQueries.GetAsync(db, user, item.Id, ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/catalog/items", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await CreateAsync(db, user, request, ct)).ToCreated(http, i => $"/api/v1/catalog/items/{i.Id}"))
            .RequireRoles(CatalogAccess.Editors);
        api.MapPut("/catalog/items/{id:guid}", (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                ApiResults.UpdateAsync(http, version => UpdateAsync(db, user, id, version, request, ct)))
            .RequireRoles(CatalogAccess.Editors);
    }

    internal sealed record Valid(string Sku, string Name, string? Description, string Unit, Guid CategoryId, string? AttributesJson, string? ImageUrl, bool IsActive);

    internal static async Task<Result<Valid>> ValidateAsync(TandemDb db, CurrentUser user, Request request, Guid? id, CancellationToken ct)
    {
        var v = new Validator();
        var sku = v.Code(request.Sku, "sku", 40);
        var name = v.Required(request.Name, "name", 200);
        var description = v.Optional(request.Description, "description", 2000);
        var unit = string.IsNullOrWhiteSpace(request.Unit) ? "EA" : v.Code(request.Unit, "unit", 10);
        var imageUrl = v.Optional(request.ImageUrl, "imageUrl", 500);
        if (imageUrl is not null && !(Uri.TryCreate(imageUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            v.Add("imageUrl", "url_invalid", "imageUrl must be an absolute https:// address.");
        }

        var attributes = request.Attributes ?? [];
        if (attributes.Count > 30 || attributes.Any(a => a.Key.Length is 0 or > 50 || a.Value.Length > 200))
        {
            v.Add("attributes", "attributes_invalid", "attributes: at most 30, names 1–50 characters, values up to 200.");
        }

        if (request.CategoryId is not { } categoryId || !await db.Categories.AnyAsync(c => c.Id == categoryId && c.CompanyId == user.CompanyId, ct))
        {
            v.Add("categoryId", "category_unknown", "categoryId must name a category of this company.");
        }

        if (!v.IsValid)
        {
            return Result<Valid>.Failure(v.Errors);
        }

        if (await db.Items.AnyAsync(i => i.CompanyId == user.CompanyId && i.Sku == sku && i.Id != id, ct))
        {
            return Error.Conflict("item.sku_taken", $"An item with SKU {sku} already exists.", "sku");
        }

        return new Valid(sku, name, description, unit, request.CategoryId!.Value, attributes.Count == 0 ? null : JsonSerializer.Serialize(attributes), imageUrl, request.IsActive ?? true);
    }

    internal static void Apply(Item item, Valid v)
    {
        item.Sku = v.Sku;
        item.Name = v.Name;
        item.Description = v.Description;
        item.Unit = v.Unit;
        item.CategoryId = v.CategoryId;
        item.AttributesJson = v.AttributesJson;
        item.ImageUrl = v.ImageUrl;
        item.IsActive = v.IsActive;
    }
}
