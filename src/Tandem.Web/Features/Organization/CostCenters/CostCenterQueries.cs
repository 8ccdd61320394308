using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

public sealed record CostCenterResponse(Guid Id, string Code, string Name, Guid? DepartmentId, bool IsActive, int Version) : IVersionedResponse
{
    public static CostCenterResponse From(CostCenter d) => new(d.Id, d.Code, d.Name, d.DepartmentId, d.IsActive, d.Version);
}

/// <summary>List and read cost centers of the caller's company (any signed-in user: cost allocation on requisitions).</summary>
public static class CostCenterQueries
{
    public static Task<Result<Paged<CostCenterResponse>>> ListAsync(
        TandemDb db, CurrentUser user, string? q, bool? active, int? page, int? pageSize, CancellationToken ct) =>
        PageRequest.ListAsync(page, pageSize, OrgUnits.Filter(db.CostCenters.AsNoTracking(), user.CompanyId, q, active), CostCenterResponse.From, ct);

    public static async Task<Result<CostCenterResponse>> GetAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
        await db.CostCenters.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.CompanyId == user.CompanyId, ct) is { } d
            ? CostCenterResponse.From(d)
            : OrgUnits.NotFound("cost_center");

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/cost-centers", async (TandemDb db, CurrentUser user, HttpContext http, string? q, bool? active, int? page, int? pageSize, CancellationToken ct) =>
                (await ListAsync(db, user, q, active, page, pageSize, ct)).ToOk(http))
            .RequireSignedIn();
        api.MapGet("/cost-centers/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireSignedIn();
    }
}
