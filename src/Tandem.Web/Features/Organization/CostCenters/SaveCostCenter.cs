using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

/// <summary>Create a cost center or change one (admins, controllers). Codes are unique per company; an owning department is optional.</summary>
public static class SaveCostCenter
{
    public sealed record Request(string? Code, string? Name, Guid? DepartmentId, bool? IsActive);

    public static async Task<Result<CostCenterResponse>> CreateAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct) =>
        await OrgUnits.CreateAsync(
            db, await ValidateAsync(db, user, request, null, ct),
            new CostCenter { Id = Ids.New(db.Clock.GetUtcNow()), CompanyId = user.CompanyId }, Apply, CostCenterResponse.From, ct);

    public static async Task<Result<CostCenterResponse>> UpdateAsync(TandemDb db, CurrentUser user, Guid id, int expectedVersion, Request request, CancellationToken ct) =>
        await OrgUnits.UpdateAsync(
            db, await db.CostCenters.SingleOrDefaultAsync(x => x.Id == id && x.CompanyId == user.CompanyId, ct), expectedVersion, "cost_center",
            _ => ValidateAsync(db, user, request, id, ct), Apply, CostCenterResponse.From, ct);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/cost-centers", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await CreateAsync(db, user, request, ct)).ToCreated(http, d => $"/api/v1/cost-centers/{d.Id}"))
            .RequireRoles(Role.Admin, Role.Controller);
        api.MapPut("/cost-centers/{id:guid}", (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                ApiResults.UpdateAsync(http, version => UpdateAsync(db, user, id, version, request, ct)))
            .RequireRoles(Role.Admin, Role.Controller);
    }

    private sealed record Valid(string Code, string Name, Guid? DepartmentId, bool IsActive);

    private static async Task<Result<Valid>> ValidateAsync(TandemDb db, CurrentUser user, Request request, Guid? id, CancellationToken ct)
    {
        var v = new Validator();
        var code = v.Code(request.Code, "code");
        var name = v.Required(request.Name, "name", 200);
        if (request.DepartmentId is { } departmentId && !await db.Departments.AnyAsync(x => x.Id == departmentId && x.CompanyId == user.CompanyId, ct))
        {
            v.Add("departmentId", "department_unknown", "departmentId is not a department of this company.");
        }

        if (!v.IsValid)
        {
            return Result<Valid>.Failure(v.Errors);
        }

        return await OrgUnits.CodeTakenAsync(db.CostCenters, user.CompanyId, code, id, "cost_center", ct) is { } taken
            ? taken
            : new Valid(code, name, request.DepartmentId, request.IsActive ?? true);
    }

    private static void Apply(CostCenter d, Valid v)
    {
        d.Code = v.Code;
        d.Name = v.Name;
        d.DepartmentId = v.DepartmentId;
        d.IsActive = v.IsActive;
    }
}
