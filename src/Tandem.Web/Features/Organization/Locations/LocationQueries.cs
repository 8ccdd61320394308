using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

public sealed record LocationResponse(Guid Id, string Code, string Name, string? AddressLine, string? City, string? PostalCode, string Country, bool IsActive, int Version) : IVersionedResponse
{
    public static LocationResponse From(Location d) => new(d.Id, d.Code, d.Name, d.AddressLine, d.City, d.PostalCode, d.Country, d.IsActive, d.Version);
}

/// <summary>List and read locations of the caller's company (any signed-in user: ship-to on requisitions).</summary>
public static class LocationQueries
{
    public static Task<Result<Paged<LocationResponse>>> ListAsync(
        TandemDb db, CurrentUser user, string? q, bool? active, int? page, int? pageSize, CancellationToken ct) =>
        PageRequest.ListAsync(page, pageSize, OrgUnits.Filter(db.Locations.AsNoTracking(), user.CompanyId, q, active), LocationResponse.From, ct);

    public static async Task<Result<LocationResponse>> GetAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
        await db.Locations.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.CompanyId == user.CompanyId, ct) is { } d
            ? LocationResponse.From(d)
            : OrgUnits.NotFound("location");

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/locations", async (TandemDb db, CurrentUser user, HttpContext http, string? q, bool? active, int? page, int? pageSize, CancellationToken ct) =>
                (await ListAsync(db, user, q, active, page, pageSize, ct)).ToOk(http))
            .RequireSignedIn();
        api.MapGet("/locations/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireSignedIn();
    }
}
