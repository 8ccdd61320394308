using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

/// <summary>Create a department or change one (admins). Codes are unique per company; the manager must be a user of the company.</summary>
public static class SaveDepartment
{
    public sealed record Request(string? Code, string? Name, Guid? ManagerId, bool? IsActive);

    public static async Task<Result<DepartmentResponse>> CreateAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct) =>
        await OrgUnits.CreateAsync(
            db, await ValidateAsync(db, user, request, null, ct),
            new Department { Id = Ids.New(db.Clock.GetUtcNow()), CompanyId = user.CompanyId }, Apply, DepartmentResponse.From, ct);

    public static async Task<Result<DepartmentResponse>> UpdateAsync(TandemDb db, CurrentUser user, Guid id, int expectedVersion, Request request, CancellationToken ct) =>
        await OrgUnits.UpdateAsync(
            db, await db.Departments.SingleOrDefaultAsync(x => x.Id == id && x.CompanyId == user.CompanyId, ct), expectedVersion, "department",
            _ => ValidateAsync(db, user, request, id, ct), Apply, DepartmentResponse.From, ct);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/departments", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await CreateAsync(db, user, request, ct)).ToCreated(http, d => $"/api/v1/departments/{d.Id}"))
            .RequireRoles(Role.Admin);
        api.MapPut("/departments/{id:guid}", (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                ApiResults.UpdateAsync(http, version => UpdateAsync(db, user, id, version, request, ct)))
            .RequireRoles(Role.Admin);
    }

    private sealed record Valid(string Code, string Name, Guid? ManagerId, bool IsActive);

    private static async Task<Result<Valid>> ValidateAsync(TandemDb db, CurrentUser user, Request request, Guid? id, CancellationToken ct)
    {
        var v = new Validator();
        var code = v.Code(request.Code, "code");
        var name = v.Required(request.Name, "name", 200);
        if (request.ManagerId is { } managerId && !await db.Users.AnyAsync(u => u.Id == managerId && u.CompanyId == user.CompanyId, ct))
        {
            v.Add("managerId", "user_unknown", "managerId is not a user of this company.");
        }

        if (!v.IsValid)
        {
            return Result<Valid>.Failure(v.Errors);
        }

        return await OrgUnits.CodeTakenAsync(db.Departments, user.CompanyId, code, id, "department", ct) is { } taken
            ? taken
            : new Valid(code, name, request.ManagerId, request.IsActive ?? true);
    }

    private static void Apply(Department d, Valid v)
    {
        d.Code = v.Code;
        d.Name = v.Name;
        d.ManagerId = v.ManagerId;
        d.IsActive = v.IsActive;
    }
}
