using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.BlanketOrders;

/// <summary>Reading vendor agreements: one with its draw-down, or all of the company (buyers, controllers, AP clerks, admins).</summary>
public static class BlanketOrderQueries
{
    public static readonly string[] Readers = [Role.Buyer, Role.Controller, Role.ApClerk, Role.Admin];

    public static Error NotFound() => Error.NotFound("blanket.not_found", "No such vendor agreement.");

    public static async Task<Result<BlanketOrderResponse>> GetAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
        await db.BlanketOrders.AsNoTracking().Include(b => b.Lines).SingleOrDefaultAsync(b => b.Id == id && b.CompanyId == user.CompanyId, ct) is { } b
            ? await BlanketOrderResponse.BuildAsync(db, b, ct) : NotFound();

    public static async Task<IReadOnlyList<BlanketOrderResponse>> ListAsync(TandemDb db, CurrentUser user, CancellationToken ct)
    {
        var all = await db.BlanketOrders.AsNoTracking().Include(b => b.Lines).Where(b => b.CompanyId == user.CompanyId).OrderByDescending(b => b.CreatedAtUtc).Take(200).ToListAsync(ct);
        var built = new List<BlanketOrderResponse>();
        foreach (var b in all)
        {
            built.Add(await BlanketOrderResponse.BuildAsync(db, b, ct));
        }

        return built;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/blanket-orders/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireRoles(Readers);
        api.MapGet("/blanket-orders", async (TandemDb db, CurrentUser user, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, user, ct)))
            .RequireRoles(Readers);
    }
}
