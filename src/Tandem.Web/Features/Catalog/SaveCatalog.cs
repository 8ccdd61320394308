using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

public sealed record AudienceDto(AudienceKind? Kind, Guid? DepartmentId, Guid? LocationId, string? Role);

public sealed record CatalogResponse(Guid Id, string Code, string Name, string? Description, bool IsActive, IReadOnlyList<AudienceDto> Audience, IReadOnlyList<Guid> ItemIds, int Version) : IVersionedResponse
{
    public static CatalogResponse From(CuratedCatalog c) => new(
        c.Id, c.Code, c.Name, c.Description, c.IsActive,
        [.. c.Audience.Select(a => new AudienceDto(a.Kind, a.DepartmentId, a.LocationId, a.Role))], [.. c.Items.Select(i => i.ItemId)], c.Version);
}

/// <summary>Create or change a curated catalog: its audience and its items (the request carries the whole set of each).</summary>
public static class SaveCatalog
{
    public sealed record Request(string? Code, string? Name, string? Description, bool? IsActive, List<AudienceDto>? Audience, List<Guid>? ItemIds);

    public static async Task<Result<CatalogResponse>> CreateAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct)
    {
        var catalog = new CuratedCatalog { Id = Ids.New(db.Clock.GetUtcNow()), CompanyId = user.CompanyId };
        var saved = await OrgUnits.CreateAsync(db, await ValidateAsync(db, user, request, null, ct), catalog, Apply, CatalogResponse.From, ct);
        if (saved.IsSuccess)
        {
            await SearchIndex.RefreshAsync(db, user.CompanyId, saved.Value.ItemIds, ct);
        }

        return saved;
    }

    public static async Task<Result<CatalogResponse>> UpdateAsync(TandemDb db, CurrentUser user, Guid id, int expectedVersion, Request request, CancellationToken ct)
    {
        var catalog = await db.Catalogs.Include(c => c.Audience).Include(c => c.Items).AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id && c.CompanyId == user.CompanyId, ct);
        var before = catalog?.Items.Select(i => i.ItemId).ToList() ?? [];
        var saved = await OrgUnits.UpdateAsync(db, catalog, expectedVersion, "catalog", _ => ValidateAsync(db, user, request, id, ct), (c, valid) =>
        {
            db.RemoveRange(c.Audience);
            db.RemoveRange(c.Items);
            c.Audience.Clear();
            c.Items.Clear();
            Apply(c, valid);
            db.Entry(c).Property(x => x.Version).IsModified = true;
        }, CatalogResponse.From, ct);
        if (saved.IsSuccess)
        {
            // Visibility is part of the search index: re-tag the items that left, stayed or joined.
            await SearchIndex.RefreshAsync(db, user.CompanyId, [.. before.Union(saved.Value.ItemIds)], ct);
        }

        return saved;
    }

    public static async Task<Result<CatalogResponse>> GetAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
        await db.Catalogs.AsNoTracking().Include(c => c.Audience).Include(c => c.Items).AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id && c.CompanyId == user.CompanyId, ct) is { } c
            ? CatalogResponse.From(c)
            : CatalogAccess.NotFound("catalog");

    public static async Task<IReadOnlyList<CatalogResponse>> ListAsync(TandemDb db, CurrentUser user, CancellationToken ct) =>
        [.. (await db.Catalogs.AsNoTracking().Include(c => c.Audience).Include(c => c.Items).AsSplitQuery()
            .Where(c => c.CompanyId == user.CompanyId).OrderBy(c => c.Code).ToListAsync(ct)).Select(CatalogResponse.From)];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/catalog/catalogs", async (TandemDb db, CurrentUser user, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, user, ct)))
            .RequireRoles(CatalogAccess.Editors);
        api.MapGet("/catalog/catalogs/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireRoles(CatalogAccess.Editors);
        api.MapPost("/catalog/catalogs", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await CreateAsync(db, user, request, ct)).ToCreated(http, c => $"/api/v1/catalog/catalogs/{c.Id}"))
            .RequireRoles(CatalogAccess.Editors);
        api.MapPut("/catalog/catalogs/{id:guid}", (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                ApiResults.UpdateAsync(http, version => UpdateAsync(db, user, id, version, request, ct)))
            .RequireRoles(CatalogAccess.Editors);
    }

    private sealed record Valid(string Code, string Name, string? Description, bool IsActive, List<AudienceDto> Audience, List<Guid> ItemIds);

    private static async Task<Result<Valid>> ValidateAsync(TandemDb db, CurrentUser user, Request request, Guid? id, CancellationToken ct)
    {
        var v = new Validator();
        var code = v.Code(request.Code, "code");
        var name = v.Required(request.Name, "name", 200);
        var description = v.Optional(request.Description, "description", 2000);
        var audience = request.Audience ?? [];
        var departments = await db.Departments.Where(d => d.CompanyId == user.CompanyId).Select(d => d.Id).ToListAsync(ct);
        var locations = await db.Locations.Where(l => l.CompanyId == user.CompanyId).Select(l => l.Id).ToListAsync(ct);
        for (var i = 0; i < audience.Count; i++)
        {
            var a = audience[i];
            var ok = a.Kind switch
            {
                AudienceKind.Everyone => true,
                AudienceKind.Department => a.DepartmentId is { } d && departments.Contains(d),
                AudienceKind.Location => a.LocationId is { } l && locations.Contains(l),
                AudienceKind.Role => a.Role is not null && Role.All.Contains(a.Role),
                _ => false,
            };
            if (!ok)
            {
                v.Add($"audience[{i}]", "audience_invalid", $"audience[{i}] must be everyone, or a department, location or role of this company.");
            }
        }

        var itemIds = (request.ItemIds ?? []).Distinct().ToList();
        if (itemIds.Count > 0 && await db.Items.CountAsync(i => itemIds.Contains(i.Id) && i.CompanyId == user.CompanyId, ct) != itemIds.Count)
        {
            v.Add("itemIds", "item_unknown", "itemIds names an item that does not exist.");
        }

        if (!v.IsValid)
        {
            return Result<Valid>.Failure(v.Errors);
        }

        return await OrgUnits.CodeTakenAsync(db.Catalogs, user.CompanyId, code, id, "catalog", ct) is { } taken
            ? taken
            : new Valid(code, name, description, request.IsActive ?? true, audience, itemIds);
    }

    private static void Apply(CuratedCatalog c, Valid v)
    {
        c.Code = v.Code;
        c.Name = v.Name;
        c.Description = v.Description;
        c.IsActive = v.IsActive;
        c.Audience.AddRange(v.Audience.Select(a => new CatalogAudience
        {
            Id = Ids.New(),
            CatalogId = c.Id,
            Kind = a.Kind!.Value,
            DepartmentId = a.Kind == AudienceKind.Department ? a.DepartmentId : null,
            LocationId = a.Kind == AudienceKind.Location ? a.LocationId : null,
            Role = a.Kind == AudienceKind.Role ? a.Role : null,
        }));
        c.Items.AddRange(v.ItemIds.Select(i => new CatalogItem { CatalogId = c.Id, ItemId = i }));
    }
}
