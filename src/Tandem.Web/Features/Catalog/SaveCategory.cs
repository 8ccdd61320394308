using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

public sealed record CategoryResponse(Guid Id, string Code, string Name, Guid? ParentId, string Path, Guid? DefaultGlAccountId, bool IsActive, int Version) : IVersionedResponse;

/// <summary>Create or change a category of the tree. A parent must exist and may not be the category itself or below it.</summary>
public static class SaveCategory
{
    public sealed record Request(string? Code, string? Name, Guid? ParentId, Guid? DefaultGlAccountId, bool? IsActive);

    public static async Task<Result<CategoryResponse>> CreateAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct)
    {
        var saved = await OrgUnits.CreateAsync(
            db, await ValidateAsync(db, user, request, null, ct),
            new Category { Id = Ids.New(db.Clock.GetUtcNow()), CompanyId = user.CompanyId }, Apply, c => c.Id, ct);
        return saved.IsSuccess ? await CategoryQueries.GetAsync(db, user, saved.Value, ct) : Result<CategoryResponse>.Failure(saved.Errors);
    }

    public static async Task<Result<CategoryResponse>> UpdateAsync(TandemDb db, CurrentUser user, Guid id, int expectedVersion, Request request, CancellationToken ct)
    {
        var saved = await OrgUnits.UpdateAsync(
            db, await db.Categories.SingleOrDefaultAsync(x => x.Id == id && x.CompanyId == user.CompanyId, ct), expectedVersion, "category",
            _ => ValidateAsync(db, user, request, id, ct), Apply, c => c.Id, ct);
        if (!saved.IsSuccess)
        {
            return Result<CategoryResponse>.Failure(saved.Errors);
        }

        // The category path is part of every item's search text below it.
        var tree = await CatalogAccess.TreeAsync(db, user.CompanyId, ct);
        var below = CatalogAccess.WithDescendants(tree.Values.Select(t => t.Category), id);
        await SearchIndex.RefreshAsync(db, user.CompanyId, await db.Items.Where(i => below.Contains(i.CategoryId)).Select(i => i.Id).ToListAsync(ct), ct);
        return await CategoryQueries.GetAsync(db, user, id, ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/catalog/categories", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await CreateAsync(db, user, request, ct)).ToCreated(http, c => $"/api/v1/catalog/categories/{c.Id}"))
            .RequireRoles(CatalogAccess.Editors);
        api.MapPut("/catalog/categories/{id:guid}", (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                ApiResults.UpdateAsync(http, version => UpdateAsync(db, user, id, version, request, ct)))
            .RequireRoles(CatalogAccess.Editors);
    }

    private sealed record Valid(string Code, string Name, Guid? ParentId, Guid? GlAccountId, bool IsActive);

    private static async Task<Result<Valid>> ValidateAsync(TandemDb db, CurrentUser user, Request request, Guid? id, CancellationToken ct)
    {
        var v = new Validator();
        var code = v.Code(request.Code, "code");
        var name = v.Required(request.Name, "name", 200);
        if (request.ParentId is { } parentId)
        {
            var tree = await CatalogAccess.TreeAsync(db, user.CompanyId, ct);
            if (!tree.ContainsKey(parentId))
            {
                v.Add("parentId", "category_unknown", "parentId is not a category of this company.");
            }
            else if (id is { } self && CatalogAccess.WithDescendants(tree.Values.Select(t => t.Category), self).Contains(parentId))
            {
                v.Add("parentId", "category_cycle", "parentId may not be the category itself or one of its subcategories.");
            }
        }

        if (request.DefaultGlAccountId is { } gl && !await db.GlAccounts.AnyAsync(a => a.Id == gl && a.CompanyId == user.CompanyId, ct))
        {
            v.Add("defaultGlAccountId", "gl_account_unknown", "defaultGlAccountId is not a GL account of this company.");
        }

        if (!v.IsValid)
        {
            return Result<Valid>.Failure(v.Errors);
        }

        return await OrgUnits.CodeTakenAsync(db.Categories, user.CompanyId, code, id, "category", ct) is { } taken
            ? taken
            : new Valid(code, name, request.ParentId, request.DefaultGlAccountId, request.IsActive ?? true);
    }

    private static void Apply(Category c, Valid v)
    {
        c.Code = v.Code;
        c.Name = v.Name;
        c.ParentId = v.ParentId;
        c.DefaultGlAccountId = v.GlAccountId;
        c.IsActive = v.IsActive;
    }
}
