using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

public sealed record DepartmentResponse(Guid Id, string Code, string Name, Guid? ManagerId, bool IsActive, int Version) : IVersionedResponse
{
    public static DepartmentResponse From(Department d) => new(d.Id, d.Code, d.Name, d.ManagerId, d.IsActive, d.Version);
}

/// <summary>List and read departments of the caller's company (any signed-in user: requesters pick them on requisitions).</summary>
public static class DepartmentQueries
{
    public static Task<Result<Paged<DepartmentResponse>>> ListAsync(
        TandemDb db, CurrentUser user, string? q, bool? active, int? page, int? pageSize, CancellationToken ct) =>
        PageRequest.ListAsync(page, pageSize, OrgUnits.Filter(db.Departments.AsNoTracking(), user.CompanyId, q, active), DepartmentResponse.From, ct);

    public static async Task<Result<DepartmentResponse>> GetAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
        await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.CompanyId == user.CompanyId, ct) is { } d
            ? DepartmentResponse.From(d)
            : OrgUnits.NotFound("department");

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/departments", async (TandemDb db, CurrentUser user, HttpContext http, string? q, bool? active, int? page, int? pageSize, CancellationToken ct) =>
                (await ListAsync(db, user, q, active, page, pageSize, ct)).ToOk(http))
            .RequireSignedIn();
        api.MapGet("/departments/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireSignedIn();
    }
}
