using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Budgets;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Analytics;

/// <summary>
/// The documents behind a spend number (<c>GET /api/v1/analytics/spend/documents</c>, same window and filters as the
/// spend view): each requisition, order or invoice with what it adds to the figure, largest first, with a link.
/// </summary>
public static class SpendDocuments
{
    public const int Limit = 500;

    public sealed record Document(string Type, Guid Id, string Number, string Kind, DateOnly FirstDay, DateOnly LastDay, long AmountMinor, string Link);

    public sealed record Response(string Currency, DateOnly From, DateOnly To, long CommittedMinor, long ActualMinor, int Count, IReadOnlyList<Document> Documents);

    public static async Task<Result<Response>> GetAsync(TandemDb db, CurrentUser user, IQueryCollection query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var (filter, v) = await SpendFilter.ReadAsync(db, user, query, ct);
        if (filter is null)
        {
            return Result<Response>.Failure(v.Errors);
        }

        var rows = await filter.Apply(db.SpendFacts.AsNoTracking(), user.CompanyId)
            .GroupBy(f => new { f.DocumentType, f.DocumentId, f.DocumentNumber, f.Kind })
            .Select(g => new { g.Key.DocumentType, g.Key.DocumentId, g.Key.DocumentNumber, g.Key.Kind, First = g.Min(f => f.Day), Last = g.Max(f => f.Day), Amount = g.Sum(f => f.AmountMinor) })
            .ToListAsync(ct);
        var documents = rows.OrderByDescending(r => r.Amount).ThenBy(r => r.DocumentNumber, StringComparer.Ordinal).Take(Limit)
            .Select(r => new Document(r.DocumentType, r.DocumentId, r.DocumentNumber, JsonNames.Camel(r.Kind.ToString()), r.First, r.Last, r.Amount, Link(r.DocumentType, r.DocumentId)))
            .ToList();
        return new Response((await CompanyClock.CurrencyAsync(db, user.CompanyId, ct)).Code, filter.From, filter.To,
            rows.Where(r => r.Kind == ConsumptionKind.Committed).Sum(r => r.Amount), rows.Where(r => r.Kind == ConsumptionKind.Actual).Sum(r => r.Amount), rows.Count, documents);
    }

    /// <summary>The page of a document.</summary>
    public static string Link(string type, Guid id) => type switch
    {
        BudgetLedger.RequisitionDocument => $"/Requisitions/Detail?id={id}",
        BudgetLedger.PurchaseOrderDocument => $"/PurchaseOrders/Detail?id={id}",
        _ => $"/Invoices/Detail?id={id}",
    };

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/analytics/spend/documents", async (TandemDb db, CurrentUser user, HttpContext http, CancellationToken ct) =>
                (await GetAsync(db, user, http.Request.Query, ct)).ToOk(http))
            .RequireRoles(SpendFilter.Readers);
}
