using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Invoicing;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices;

/// <summary>
/// First-pass match rate and touchless rate (<see cref="MatchRates"/>), overall and per vendor, over the invoices
/// received in a period (default: the last 90 days), with the reasons invoices stopped at their first match.
/// </summary>
public static class InvoiceMatchRates
{
    public sealed record Rates(int Invoices, int FirstPassMatched, int Touchless, string FirstPassRate, string TouchlessRate, IReadOnlyDictionary<string, int> ExceptionsByReason)
    {
        public static Rates From(MatchRates r)
        {
            ArgumentNullException.ThrowIfNull(r);
            return new(r.Invoices, r.FirstPassMatched, r.Touchless, PercentText.Of(r.FirstPassBasisPoints), PercentText.Of(r.TouchlessBasisPoints), r.ExceptionsByReason);
        }
    }

    public sealed record VendorRates(Guid VendorId, string Vendor, Rates Rates);

    public sealed record Response(DateOnly From, DateOnly To, Rates Overall, IReadOnlyList<VendorRates> Vendors);

    public static async Task<Domain.Result<Response>> GetAsync(TandemDb db, CurrentUser user, string? from, string? to, CancellationToken ct)
    {
        var v = new Validator();
        var today = await CompanyClock.TodayAsync(db, user.CompanyId, ct);
        var until = v.Date(to, "to") ?? today;
        var since = v.Date(from, "from") ?? until.AddDays(-90);
        if (!v.IsValid)
        {
            return Domain.Result<Response>.Failure(v.Errors);
        }

        var start = since.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = until.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var rows = await db.Invoices.AsNoTracking()
            .Where(i => i.CompanyId == user.CompanyId && i.Kind == InvoiceKind.Invoice && i.CreatedAtUtc >= start && i.CreatedAtUtc < end)
            .Select(i => new { i.VendorId, i.FirstPassMatched, i.Touched, i.Status, i.FirstExceptions }).ToListAsync(ct);
        var outcomes = rows.Select(r => new InvoiceOutcome(r.VendorId, r.FirstPassMatched, r.Touched, r.Status == InvoiceStatus.ReadyToPay,
            r.FirstExceptions.Split(',', StringSplitOptions.RemoveEmptyEntries))).ToList();
        var (overall, byVendor) = MatchRates.OverallAndByVendor(outcomes);
        var ids = byVendor.Keys.ToList();
        var names = await db.Vendors.AsNoTracking().Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.TradingName ?? x.LegalName, ct);
        return new Response(since, until, Rates.From(overall),
            [.. byVendor.OrderByDescending(x => x.Value.Invoices).ThenBy(x => names[x.Key], StringComparer.Ordinal).Select(x => new VendorRates(x.Key, names[x.Key], Rates.From(x.Value)))]);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/invoices/match-rates", async (TandemDb db, CurrentUser user, HttpContext http, string? from, string? to, CancellationToken ct) =>
                (await GetAsync(db, user, from, to, ct)).ToOk(http))
            .RequireRoles(CreateInvoice.Clerks);
}
