using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Features.Invoices;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Analytics;

/// <summary>
/// The matching funnel of the invoices received in a window (<c>GET /api/v1/analytics/matching-funnel</c>): received →
/// matched at the first attempt → ready to pay → paid. One grouped query.
/// </summary>
public static class MatchingFunnel
{
    public sealed record Stage(string Key, string Label, int Count);

    public static async Task<IReadOnlyList<Stage>> GetAsync(TandemDb db, Guid companyId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var window = await Kpis.WindowAsync(db, companyId, from, to, to, ct);
        var (start, end) = (window.StartUtc, window.EndUtc);
        var rows = await db.Invoices.AsNoTracking()
            .Where(i => i.CompanyId == companyId && i.Kind == InvoiceKind.Invoice && i.CreatedAtUtc >= start && i.CreatedAtUtc < end)
            .GroupBy(i => new { i.FirstPassMatched, i.Status, Paid = i.PaidOn != null })
            .Select(g => new { g.Key.FirstPassMatched, g.Key.Status, g.Key.Paid, Count = g.Count() }).ToListAsync(ct);
        return
        [
            new("received", "Received", rows.Sum(r => r.Count)),
            new("firstPassMatched", "Matched first time", rows.Where(r => r.FirstPassMatched).Sum(r => r.Count)),
            new("readyToPay", "Ready to pay", rows.Where(r => r.Status == InvoiceStatus.ReadyToPay).Sum(r => r.Count)),
            new("paid", "Paid", rows.Where(r => r.Paid).Sum(r => r.Count)),
        ];
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/analytics/matching-funnel", async (TandemDb db, CurrentUser user, HttpContext http, CancellationToken ct) =>
            {
                var (filter, v) = await SpendFilter.ReadAsync(db, user, http.Request.Query, ct);
                return filter is null ? Result<bool>.Failure(v.Errors).ToOk(http) : Results.Ok(await GetAsync(db, user.CompanyId, filter.From, filter.To, ct));
            })
            .RequireRoles(SpendFilter.Readers);
}
