using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Billing;
using Tandem.Domain.Money;
using Tandem.Web.Features.Accounting;
using Tandem.Web.Features.Invoices;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Audit;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Jobs;

namespace Tandem.Web.Features.Billing;

/// <summary>
/// Builds a group's bill for a cycle: every ready-to-pay invoice and credit note in the group's scope dated in the
/// cycle and on no other bill (a unique index: an invoice is on one bill, ever). Rebuilding a draft takes the same
/// invoices plus any new ones and gives the same content for the same inputs (its hash is kept). The scheduled job
/// builds each active group's last completed cycle once.
/// </summary>
public static class BuildBill
{
    public sealed record Request(Guid? GroupId, string? PeriodContaining);

    public static async Task<Result<BillSummary>> HandleAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct)
    {
        var v = new Validator();
        var day = v.Date(request.PeriodContaining, "periodContaining");
        var group = await db.BillingGroups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == request.GroupId && g.CompanyId == user.CompanyId, ct);
        if (group is null)
        {
            v.Add("groupId", "not_found", "No such billing group.");
        }

        if (!v.IsValid)
        {
            return Result<BillSummary>.Failure(v.Errors);
        }

        var today = await CompanyClock.TodayAsync(db, user.CompanyId, ct);
        var (from, to) = day is { } d ? ConsolidatedBilling.PeriodOf(group!.Cycle, d) : ConsolidatedBilling.LastCompleted(group!.Cycle, today);
        return await Transactions.RunAsync(db, () => BuildAsync(db, group, from, to, ct), ct);
    }

    /// <summary>Builds (or rebuilds, while a draft) the group's bill for the cycle from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static async Task<Result<BillSummary>> BuildAsync(TandemDb db, BillingGroup group, DateOnly from, DateOnly to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(group);
        await Payments.PaymentLocks.LockCompanyAsync(db, group.CompanyId, ct);
        var bill = await db.ConsolidatedBills.SingleOrDefaultAsync(b => b.GroupId == group.Id && b.PeriodFrom == from, ct);
        if (bill is { Status: BillStatus.Approved })
        {
            return Error.Conflict("bill.approved", $"Bill {bill.Number} is approved; it no longer changes.");
        }

        var now = db.Clock.GetUtcNow();
        if (bill is null)
        {
            bill = new ConsolidatedBill
            {
                Id = Ids.New(now),
                CompanyId = group.CompanyId,
                GroupId = group.Id,
                PeriodFrom = from,
                PeriodTo = to,
                Status = BillStatus.Draft,
                Number = await DocumentNumbers.NextAsync(db, group.CompanyId, "BILL", to.Year, ct),
            };
            db.ConsolidatedBills.Add(bill);
        }

        var ids = await InScope(db, group, from, to).Where(i => !db.ConsolidatedBillItems.Any(b => b.InvoiceId == i.Id && b.BillId != bill.Id)).Select(i => i.Id).ToListAsync(ct);
        var already = (await db.ConsolidatedBillItems.Where(b => b.BillId == bill.Id).Select(b => b.InvoiceId).ToListAsync(ct)).ToHashSet();
        await db.SaveChangesAsync(ct);
        await BulkInsert.InsertAsync(db, [.. ids.Where(i => !already.Contains(i)).Select(i => new ConsolidatedBillItem { Id = Ids.New(now), BillId = bill.Id, InvoiceId = i })], ct);
        var content = await BillContents.LoadAsync(db, group.CompanyId, bill.Id, ct);
        (bill.InvoiceCount, bill.NetMinor, bill.TaxMinor, bill.BuiltAtUtc) = (content.Invoices.Count, content.NetMinor, content.TaxMinor, now.UtcDateTime);
        bill.ContentHash = Convert.ToHexStringLower(SHA256.HashData(BillFiles.Csv(content, await CompanyClock.CurrencyAsync(db, group.CompanyId, ct))));
        await db.SaveChangesAsync(ct);
        return await BillSummary.OfAsync(db, bill, ct);
    }

    /// <summary>Ready-to-pay invoices and credit notes of the group's scope dated in the cycle.</summary>
    private static IQueryable<Invoice> InScope(TandemDb db, BillingGroup group, DateOnly from, DateOnly to)
    {
        var invoices = db.Invoices.AsNoTracking().Where(i => i.CompanyId == group.CompanyId && i.Status == InvoiceStatus.ReadyToPay && i.InvoiceDate >= from && i.InvoiceDate <= to);
        var splits = db.Set<PurchaseOrderSplit>();
        return group.Scope switch
        {
            BillingScope.Location => invoices.Where(i => db.PurchaseOrders.Any(o => o.Id == i.PurchaseOrderId && o.ShipToLocationId == group.ScopeId)),
            BillingScope.Department => invoices.Where(i => i.DepartmentId == group.ScopeId // a non-PO invoice names its department
                || i.Lines.Any(l => splits.Any(s => s.PurchaseOrderLineId == l.PurchaseOrderLineId && s.DepartmentId == group.ScopeId))),
            BillingScope.CostCenter => invoices.Where(i => i.Lines.Any(l => l.CostCenterId == group.ScopeId
                || splits.Any(s => s.PurchaseOrderLineId == l.PurchaseOrderLineId && s.CostCenterId == group.ScopeId))),
            _ => invoices,
        };
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/consolidated-bills", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await HandleAsync(db, user, request, ct)).ToOk(http))
            .RequireRoles(AccountingSetup.Finance);
}

/// <summary>Builds every active group's last completed cycle once (a bill that exists is left alone; drafts are rebuilt on request).</summary>
public sealed class ConsolidatedBillJob : IScheduledJob
{
    public string Name => "consolidated-bills";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<TandemDb>();
        foreach (var group in await db.BillingGroups.AsNoTracking().Where(g => g.Active).OrderBy(g => g.CompanyId).ThenBy(g => g.Name).ToListAsync(ct))
        {
            var (from, to) = ConsolidatedBilling.LastCompleted(group.Cycle, await CompanyClock.TodayAsync(db, group.CompanyId, ct));
            if (!await db.ConsolidatedBills.AnyAsync(b => b.GroupId == group.Id && b.PeriodFrom == from, ct))
            {
                db.ChangeTracker.Clear();
                await Transactions.RunAsync(db, () => BuildAsync(db, group, from, to, ct), ct);
            }
        }
    }

    private static Task<Result<BillSummary>> BuildAsync(TandemDb db, BillingGroup group, DateOnly from, DateOnly to, CancellationToken ct) =>
        BuildBill.BuildAsync(db, group, from, to, ct);
}
