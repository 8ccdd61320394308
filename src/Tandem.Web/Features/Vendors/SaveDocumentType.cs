using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Vendors;

public sealed record DocumentTypeResponse(Guid Id, string Code, string Name, bool IsRequired, bool RequiresExpiry, bool IsActive, int Version) : IVersionedResponse
{
    public static DocumentTypeResponse From(VendorDocumentType t) => new(t.Id, t.Code, t.Name, t.IsRequired, t.RequiresExpiry, t.IsActive, t.Version);
}

/// <summary>Configure the onboarding checklist: which documents vendors must provide, and which expire.</summary>
public static class SaveDocumentType
{
    public sealed record Request(string? Code, string? Name, bool? IsRequired, bool? RequiresExpiry, bool? IsActive);

    public static async Task<Result<DocumentTypeResponse>> CreateAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct) =>
        await OrgUnits.CreateAsync(
            db, await ValidateAsync(db, user, request, null, ct),
            new VendorDocumentType { Id = Ids.New(db.Clock.GetUtcNow()), CompanyId = user.CompanyId }, Apply, DocumentTypeResponse.From, ct);

    public static async Task<Result<DocumentTypeResponse>> UpdateAsync(TandemDb db, CurrentUser user, Guid id, int expectedVersion, Request request, CancellationToken ct) =>
        await OrgUnits.UpdateAsync(
            db, await db.VendorDocumentTypes.SingleOrDefaultAsync(x => x.Id == id && x.CompanyId == user.CompanyId, ct), expectedVersion, "document_type",
            _ => ValidateAsync(db, user, request, id, ct), Apply, DocumentTypeResponse.From, ct);

    public static async Task<IReadOnlyList<DocumentTypeResponse>> ListAsync(TandemDb db, CurrentUser user, CancellationToken ct) =>
        [.. (await db.VendorDocumentTypes.AsNoTracking().Where(t => t.CompanyId == user.CompanyId).OrderBy(t => t.Code).ToListAsync(ct)).Select(DocumentTypeResponse.From)];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/vendors/document-types", async (TandemDb db, CurrentUser user, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, user, ct)))
            .RequireRoles(VendorAccess.Readers);
        api.MapPost("/vendors/document-types", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await CreateAsync(db, user, request, ct)).ToCreated(http, t => $"/api/v1/vendors/document-types/{t.Id}"))
            .RequireRoles(Role.Admin, Role.Controller, Role.Buyer);
        api.MapPut("/vendors/document-types/{id:guid}", (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                ApiResults.UpdateAsync(http, version => UpdateAsync(db, user, id, version, request, ct)))
            .RequireRoles(Role.Admin, Role.Controller, Role.Buyer);
    }

    private sealed record Valid(string Code, string Name, bool IsRequired, bool RequiresExpiry, bool IsActive);

    private static async Task<Result<Valid>> ValidateAsync(TandemDb db, CurrentUser user, Request request, Guid? id, CancellationToken ct)
    {
        var v = new Validator();
        var code = v.Code(request.Code, "code");
        var name = v.Required(request.Name, "name", 200);
        if (!v.IsValid)
        {
            return Result<Valid>.Failure(v.Errors);
        }

        return await OrgUnits.CodeTakenAsync(db.VendorDocumentTypes, user.CompanyId, code, id, "document_type", ct) is { } taken
            ? taken
            : new Valid(code, name, request.IsRequired ?? false, request.RequiresExpiry ?? false, request.IsActive ?? true);
    }

    private static void Apply(VendorDocumentType t, Valid v)
    {
        t.Code = v.Code;
        t.Name = v.Name;
        t.IsRequired = v.IsRequired;
        t.RequiresExpiry = v.RequiresExpiry;
        t.IsActive = v.IsActive;
    }
}
