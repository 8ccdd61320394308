using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

public sealed record CompanyResponse(Guid Id, string Code, string Name, string BaseCurrency, string TimeZone, int FiscalYearStartMonth, int Version)
    : IVersionedResponse
{
    public static CompanyResponse From(Company c) => new(c.Id, c.Code, c.Name, c.BaseCurrency, c.TimeZone, c.FiscalYearStartMonth, c.Version);
}

/// <summary>Every signed-in user reads their own company; admins list all companies (multi-entity setups).</summary>
public static class CompanyQueries
{
    public static Task<Result<Paged<CompanyResponse>>> ListAsync(TandemDb db, int? page, int? pageSize, CancellationToken ct) =>
        PageRequest.ListAsync(page, pageSize, db.Companies.AsNoTracking().OrderBy(c => c.Code), CompanyResponse.From, ct);

    public static async Task<Result<CompanyResponse>> GetAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        if (id != user.CompanyId && !user.HasRole(Role.Admin))
        {
            return OrgUnits.NotFound("company");
        }

        return await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is { } c
            ? CompanyResponse.From(c)
            : OrgUnits.NotFound("company");
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/companies", async (TandemDb db, HttpContext http, int? page, int? pageSize, CancellationToken ct) =>
                (await ListAsync(db, page, pageSize, ct)).ToOk(http))
            .RequireRoles(Role.Admin);
        api.MapGet("/companies/current", async (TandemDb db, CurrentUser user, HttpContext http, CancellationToken ct) =>
                (await GetAsync(db, user, user.CompanyId, ct)).ToOk(http))
            .RequireSignedIn();
        api.MapGet("/companies/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireSignedIn();
    }
}
