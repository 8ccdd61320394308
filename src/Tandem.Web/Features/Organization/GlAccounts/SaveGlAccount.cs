using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

/// <summary>Create a GL account or change one (admins, controllers). Codes are unique per company; type defaults to expense.</summary>
public static class SaveGlAccount
{
    public sealed record Request(string? Code, string? Name, string? Type, bool? IsActive);

    public static async Task<Result<GlAccountResponse>> CreateAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct) =>
        await OrgUnits.CreateAsync(
            db, await ValidateAsync(db, user, request, null, ct),
            new GlAccount { Id = Ids.New(db.Clock.GetUtcNow()), CompanyId = user.CompanyId }, Apply, GlAccountResponse.From, ct);

    public static async Task<Result<GlAccountResponse>> UpdateAsync(TandemDb db, CurrentUser user, Guid id, int expectedVersion, Request request, CancellationToken ct) =>
        await OrgUnits.UpdateAsync(
            db, await db.GlAccounts.SingleOrDefaultAsync(x => x.Id == id && x.CompanyId == user.CompanyId, ct), expectedVersion, "gl_account",
            _ => ValidateAsync(db, user, request, id, ct), Apply, GlAccountResponse.From, ct);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/gl-accounts", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await CreateAsync(db, user, request, ct)).ToCreated(http, d => $"/api/v1/gl-accounts/{d.Id}"))
            .RequireRoles(Role.Admin, Role.Controller);
        api.MapPut("/gl-accounts/{id:guid}", (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                ApiResults.UpdateAsync(http, version => UpdateAsync(db, user, id, version, request, ct)))
            .RequireRoles(Role.Admin, Role.Controller);
    }

    private sealed record Valid(string Code, string Name, GlAccountType Type, bool IsActive);

    private static async Task<Result<Valid>> ValidateAsync(TandemDb db, CurrentUser user, Request request, Guid? id, CancellationToken ct)
    {
        var v = new Validator();
        var code = v.Code(request.Code, "code");
        var name = v.Required(request.Name, "name", 200);
        var type = request.Type is null ? GlAccountType.Expense : v.Enum<GlAccountType>(request.Type, "type");

        if (!v.IsValid)
        {
            return Result<Valid>.Failure(v.Errors);
        }

        return await OrgUnits.CodeTakenAsync(db.GlAccounts, user.CompanyId, code, id, "gl_account", ct) is { } taken
            ? taken
            : new Valid(code, name, type, request.IsActive ?? true);
    }

    private static void Apply(GlAccount d, Valid v)
    {
        d.Code = v.Code;
        d.Name = v.Name;
        d.Type = v.Type;
        d.IsActive = v.IsActive;
    }
}
