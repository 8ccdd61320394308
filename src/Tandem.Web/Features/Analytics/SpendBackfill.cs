using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Purchasing;
using Tandem.Domain.Requisitions;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Features.Invoices;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Jobs;

namespace Tandem.Web.Features.Analytics;

/// <summary>
/// Rebuilds a company's spend facts from its documents, as the budget ledger would write them today: after the
/// upgrade that introduced them (the job below, once per company) and on an admin's request. Documents are read in
/// pages of <see cref="Page"/>; each page's facts are replaced in one transaction. A rebuild is idempotent.
/// </summary>
public static class SpendBackfill
{
    private const int Page = 200;

    public sealed record Rebuilt(int Documents, int Facts);

    public static async Task<Rebuilt> RebuildAsync(TandemDb db, Guid companyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var documents = 0;
        var facts = 0;
        async Task PageAsync(IReadOnlyList<LedgerDocument> page)
        {
            documents += page.Count;
            var built = new List<SpendFact>();
            foreach (var document in page.Where(d => d.Kind is not null))
            {
                var charges = await BudgetLedger.ChargesAsync(db, document, ct);
                if (charges.IsSuccess)
                {
                    built.AddRange(await SpendFacts.BuildAsync(db, document, document.Kind!.Value, charges.Value, ct));
                }
            }

            var ids = page.Select(d => d.Id).ToList();
            await Transactions.RunAsync<bool>(db, async () =>
            {
                await db.SpendFacts.Where(f => ids.Contains(f.DocumentId)).ExecuteDeleteAsync(ct);
                db.SpendFacts.AddRange(built);
                await db.SaveChangesAsync(ct);
                return true;
            }, ct);
            db.ChangeTracker.Clear();
            facts += built.Count;
        }

        Guid? after = null;
        while (true)
        {
            var page = await db.Requisitions.AsNoTracking().Include(r => r.Lines).Include(r => r.Splits).AsSplitQuery()
                .Where(r => r.CompanyId == companyId && (r.Status == RequisitionStatus.InApproval || r.Status == RequisitionStatus.Approved) && (after == null || r.Id.CompareTo(after.Value) > 0))
                .OrderBy(r => r.Id).Take(Page).ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }

            await PageAsync([.. page.Select(LedgerDocument.Of)]);
            after = page[^1].Id;
        }

        after = null;
        while (true)
        {
            var page = await db.PurchaseOrders.AsNoTracking().Include(p => p.Lines).ThenInclude(l => l.Splits).AsSplitQuery()
                .Where(p => p.CompanyId == companyId && p.Status != PurchaseOrderStatus.Closed && p.Status != PurchaseOrderStatus.Cancelled && (after == null || p.Id.CompareTo(after.Value) > 0))
                .OrderBy(p => p.Id).Take(Page).ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }

            await PageAsync([.. page.Select(LedgerDocument.Of)]);
            after = page[^1].Id;
        }

        after = null;
        while (true)
        {
            var page = await db.Invoices.AsNoTracking().Include(i => i.Lines)
                .Where(i => i.CompanyId == companyId && i.Kind == InvoiceKind.Invoice && i.Status == InvoiceStatus.ReadyToPay && (after == null || i.Id.CompareTo(after.Value) > 0))
                .OrderBy(i => i.Id).Take(Page).ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }

            var orderIds = page.Select(i => i.PurchaseOrderId).OfType<Guid>().Distinct().ToList();
            var orders = await db.PurchaseOrders.AsNoTracking().Include(p => p.Lines).ThenInclude(l => l.Splits).AsSplitQuery()
                .Where(p => orderIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            await PageAsync([.. page.Select(i => LedgerDocument.Of(i, i.PurchaseOrderId is { } o ? orders[o] : null))]);
            after = page[^1].Id;
        }

        var settings = await db.AnalyticsSettings.SingleOrDefaultAsync(s => s.CompanyId == companyId, ct);
        if (settings is null)
        {
            settings = AnalyticsSettings.Default(companyId);
            db.AnalyticsSettings.Add(settings);
        }

        settings.FactsBuiltAtUtc = db.Clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await SpendRollups.RebuildAllAsync(db, companyId, ct);
        return new Rebuilt(documents, facts);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/analytics/rebuild", async (TandemDb db, CurrentUser user, CancellationToken ct) =>
                Results.Ok(await RebuildAsync(db, user.CompanyId, ct)))
            .RequireRoles(Domain.Organization.Role.Admin);
}

/// <summary>Builds the spend history of every company that has none yet (the first run after the upgrade that added it).</summary>
public sealed class SpendBackfillJob : IScheduledJob
{
    public string Name => "spend-backfill";

    public TimeSpan Interval => TimeSpan.FromMinutes(5);

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<TandemDb>();
        var built = db.AnalyticsSettings.Where(s => s.FactsBuiltAtUtc != null).Select(s => s.CompanyId);
        var pending = await db.Companies.Where(c => !built.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        foreach (var company in pending)
        {
            await SpendBackfill.RebuildAsync(db, company, ct);
        }
    }
}
