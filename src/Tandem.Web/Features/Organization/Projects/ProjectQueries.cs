using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

public sealed record ProjectResponse(Guid Id, string Code, string Name, DateOnly? StartsOn, DateOnly? EndsOn, bool IsActive, int Version) : IVersionedResponse
{
    public static ProjectResponse From(Project d) => new(d.Id, d.Code, d.Name, d.StartsOn, d.EndsOn, d.IsActive, d.Version);
}

/// <summary>List and read projects of the caller's company (any signed-in user: cost allocation on requisitions).</summary>
public static class ProjectQueries
{
    public static Task<Result<Paged<ProjectResponse>>> ListAsync(
        TandemDb db, CurrentUser user, string? q, bool? active, int? page, int? pageSize, CancellationToken ct) =>
        PageRequest.ListAsync(page, pageSize, OrgUnits.Filter(db.Projects.AsNoTracking(), user.CompanyId, q, active), ProjectResponse.From, ct);

    public static async Task<Result<ProjectResponse>> GetAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
        await db.Projects.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.CompanyId == user.CompanyId, ct) is { } d
            ? ProjectResponse.From(d)
            : OrgUnits.NotFound("project");

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/projects", async (TandemDb db, CurrentUser user, HttpContext http, string? q, bool? active, int? page, int? pageSize, CancellationToken ct) =>
                (await ListAsync(db, user, q, active, page, pageSize, ct)).ToOk(http))
            .RequireSignedIn();
        api.MapGet("/projects/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireSignedIn();
    }
}
