using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

public sealed record GlAccountResponse(Guid Id, string Code, string Name, GlAccountType Type, bool IsActive, int Version) : IVersionedResponse
{
    public static GlAccountResponse From(GlAccount d) => new(d.Id, d.Code, d.Name, d.Type, d.IsActive, d.Version);
}

/// <summary>List and read the chart of accounts of the caller's company (any signed-in user: GL coding).</summary>
public static class GlAccountQueries
{
    public static Task<Result<Paged<GlAccountResponse>>> ListAsync(
        TandemDb db, CurrentUser user, string? q, bool? active, int? page, int? pageSize, CancellationToken ct) =>
        PageRequest.ListAsync(page, pageSize, OrgUnits.Filter(db.GlAccounts.AsNoTracking(), user.CompanyId, q, active), GlAccountResponse.From, ct);

    public static async Task<Result<GlAccountResponse>> GetAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
        await db.GlAccounts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.CompanyId == user.CompanyId, ct) is { } d
            ? GlAccountResponse.From(d)
            : OrgUnits.NotFound("gl_account");

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/gl-accounts", async (TandemDb db, CurrentUser user, HttpContext http, string? q, bool? active, int? page, int? pageSize, CancellationToken ct) =>
                (await ListAsync(db, user, q, active, page, pageSize, ct)).ToOk(http))
            .RequireSignedIn();
        api.MapGet("/gl-accounts/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireSignedIn();
    }
}
