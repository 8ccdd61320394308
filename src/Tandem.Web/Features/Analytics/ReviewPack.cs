using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Budgets;
using Tandem.Domain.Purchasing;
using Tandem.Domain.Requisitions;
using Tandem.Web.Features.Approvals;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Features.Invoices;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Analytics;

/// <summary>
/// The weekly procurement–finance review pack (<c>GET /api/v1/review-pack</c>, the page, the PDF, the Monday e-mail):
/// what to decide (large purchases waiting for approval or expected soon, budgets forecast over), where work is stuck
/// (approvals and invoice exceptions past their deadline), what cash goes out (payments due, discounts at stake), the
/// savings to date by type, and every KPI this week against the four weeks before. Lists are capped at
/// <see cref="Rows"/> rows, largest or oldest first; totals count everything.
/// </summary>
public static class ReviewPack
{
    public const int Rows = 25;

    public sealed record Item(string Number, string Title, string Detail, long AmountMinor, DateOnly? Date, string Link);

    public sealed record Section(string Key, string Title, string Explanation, int Count, long TotalMinor, IReadOnlyList<Item> Items);

    public sealed record Week(DateOnly From, DateOnly To, decimal? Value, string Display);

    public sealed record Trend(string Key, string Name, string Unit, string Definition, IReadOnlyList<Week> Weeks, string? Link);

    public sealed record Pack(string Company, string Currency, DateOnly Today, DateOnly WeekFrom, DateOnly WeekTo, long ThresholdMinor,
        IReadOnlyList<Section> Sections, IReadOnlyList<Kpi> SavingsToDate, IReadOnlyList<Trend> Kpis);

    public static async Task<Pack> BuildAsync(TandemDb db, IServiceScopeFactory scopes, Guid companyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var settings = await AnalyticsSettings.ForAsync(db, companyId, ct);
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.Name).SingleAsync(ct);
        var today = await CompanyClock.TodayAsync(db, companyId, ct);
        var w = await Kpis.WindowAsync(db, companyId, today.AddDays(-6), today, today, ct);
        var threshold = settings.ReviewThresholdMinor;
        var horizon = today.AddDays(7 * settings.ReviewWeeksAhead);

        var waiting = await db.Requisitions.AsNoTracking()
            .Where(r => r.CompanyId == companyId && r.Status == RequisitionStatus.InApproval && r.CompanyTotalMinor >= threshold)
            .OrderByDescending(r => r.CompanyTotalMinor).Select(r => new { r.Id, r.Number, r.Title, Amount = r.CompanyTotalMinor!.Value, r.SubmittedAtUtc }).ToListAsync(ct);
        var expected = await db.PurchaseOrderLines.AsNoTracking().Where(l => l.NeedBy >= today && l.NeedBy <= horizon)
            .Join(db.PurchaseOrders.Where(p => p.CompanyId == companyId && (p.Status == PurchaseOrderStatus.Issued || p.Status == PurchaseOrderStatus.Acknowledged || p.Status == PurchaseOrderStatus.PartiallyReceived)),
                l => l.PurchaseOrderId, p => p.Id, (l, p) => new { p.Id, p.Number, p.VendorId, p.TotalMinor, p.Currency, p.RateUnits, l.NeedBy })
            .ToListAsync(ct);
        var orders = expected.GroupBy(e => e.Id).Select(g => (Order: g.First(), NeedBy: g.Min(e => e.NeedBy)!.Value, Amount: w.ToCompany(g.First().TotalMinor, g.First().Currency, g.First().RateUnits)))
            .Where(o => o.Amount >= threshold).OrderBy(o => o.NeedBy).ToList();
        var vendorNames = await SpendFilter.LabelsAsync(db, SpendDimension.Vendor, [.. orders.Select(o => o.Order.VendorId).Distinct()], ct);

        var overdueSteps = await ProcurementKpis.OverdueApprovalsAsync(db, companyId, w.NowUtc, ct);
        var exceptionCutoff = w.NowUtc.AddDays(-settings.ReviewExceptionDays);
        var oldExceptions = await db.Invoices.AsNoTracking().Where(i => i.CompanyId == companyId && i.Status == InvoiceStatus.Exception && i.CreatedAtUtc < exceptionCutoff)
            .Select(i => new
            {
                i.Id,
                i.Number,
                i.FirstExceptions,
                i.HeaderExceptions,
                i.CreatedAtUtc,
                i.PayableMinor,
                i.Currency,
                i.RateUnits,
                Order = db.PurchaseOrders.Where(p => p.Id == i.PurchaseOrderId).Select(p => p.Number).FirstOrDefault() ?? "no PO",
            })
            .OrderBy(x => x.CreatedAtUtc).ToListAsync(ct);
        var unpaid = await db.Invoices.AsNoTracking()
            .Where(i => i.CompanyId == companyId && i.Kind == InvoiceKind.Invoice && i.Status == InvoiceStatus.ReadyToPay && i.PaidOn == null
                && (i.DueDate <= horizon || (i.DiscountDate >= today && i.DiscountDate <= horizon)))
            .Select(i => new { i.Id, i.Number, i.VendorId, i.DueDate, i.DiscountDate, i.DiscountMinor, i.PayableMinor, i.Currency, i.RateUnits })
            .ToListAsync(ct);
        var payees = await SpendFilter.LabelsAsync(db, SpendDimension.Vendor, [.. unpaid.Select(u => u.VendorId).Distinct()], ct);
        var due = unpaid.Where(u => u.DueDate <= horizon).OrderBy(u => u.DueDate).ToList();
        var stake = unpaid.Where(u => u.DiscountMinor > 0 && u.DiscountDate >= today && u.DiscountDate <= horizon).OrderBy(u => u.DiscountDate).ToList();

        Section Make<T>(string key, string title, string explanation, IReadOnlyList<T> all, Func<T, long> amount, Func<T, Item> item) =>
            new(key, title, explanation, all.Count, all.Sum(amount), [.. all.Take(Rows).Select(item)]);
        var money = w.Money;
        Section[] sections =
        [
            Make("awaitingApproval", "Purchases waiting for approval", $"Requisitions in approval of {money(threshold)} or more.", waiting, x => x.Amount,
                x => new Item(x.Number, x.Title, $"submitted {x.SubmittedAtUtc:yyyy-MM-dd}", x.Amount, null, $"/Requisitions/Detail?id={x.Id}")),
            Make("expectedSoon", "Purchases expected soon", $"Open orders of {money(threshold)} or more with a line needed by {horizon:yyyy-MM-dd}.", orders, x => x.Amount,
                x => new Item(x.Order.Number, vendorNames.GetValueOrDefault(x.Order.VendorId, ""), $"needed by {x.NeedBy:yyyy-MM-dd}", x.Amount, x.NeedBy, $"/PurchaseOrders/Detail?id={x.Order.Id}")),
            await BudgetsAtRiskAsync(db, companyId, today, w, ct),
            Make("overdueApprovals", "Approvals past their deadline", "Approval steps still waiting after their deadline: the bottlenecks.", overdueSteps, x => x.CompanyTotalMinor ?? 0,
                x => new Item(x.Number, x.Title, $"{x.RuleName}; due {x.DueAtUtc:yyyy-MM-dd HH:mm} UTC", x.CompanyTotalMinor ?? 0, null, x.Link)),
            Make("overdueExceptions", "Invoice exceptions past their deadline", $"Invoices in exception for more than {settings.ReviewExceptionDays} days.", oldExceptions, x => w.ToCompany(x.PayableMinor, x.Currency, x.RateUnits),
                x => new Item(x.Number, x.Order, string.Join(", ", (x.HeaderExceptions + "," + x.FirstExceptions).Split(',', StringSplitOptions.RemoveEmptyEntries).Distinct()) + $"; since {x.CreatedAtUtc:yyyy-MM-dd}",
                    w.ToCompany(x.PayableMinor, x.Currency, x.RateUnits), null, $"/Invoices/Detail?id={x.Id}")),
            Make("paymentsDue", "Payments due", $"Invoices approved for payment and due by {horizon:yyyy-MM-dd} (overdue first).", due, x => w.ToCompany(x.PayableMinor, x.Currency, x.RateUnits),
                x => new Item(x.Number, payees.GetValueOrDefault(x.VendorId, ""), $"due {x.DueDate:yyyy-MM-dd}", w.ToCompany(x.PayableMinor, x.Currency, x.RateUnits), x.DueDate, $"/Invoices/Detail?id={x.Id}")),
            Make("discountsAtStake", "Discounts at stake", $"Early-payment discounts still available, ending by {horizon:yyyy-MM-dd}.", stake, x => w.ToCompany(x.DiscountMinor, x.Currency, x.RateUnits),
                x => new Item(x.Number, payees.GetValueOrDefault(x.VendorId, ""), $"pay by {x.DiscountDate:yyyy-MM-dd}", w.ToCompany(x.DiscountMinor, x.Currency, x.RateUnits), x.DiscountDate, $"/Invoices/Detail?id={x.Id}")),
        ];

        var yearToDate = await Kpis.WindowAsync(db, companyId, new DateOnly(today.Year, 1, 1), today, today, ct);
        var savings = new List<Kpi>(await ProcurementKpis.SavingsAsync(db, yearToDate, ct));
        savings.Add((await ProcurementKpis.SpendAsync(db, yearToDate, ct)).Single(k => k.Key == "yearOverYearChange"));
        var weeks = await Kpis.TrendAsync(db, scopes, companyId, today, today, 4, ct);
        var trends = weeks[^1].Kpis.Select(k => new Trend(k.Key, k.Name, k.Unit, k.Definition,
            [.. weeks.Select(wk => wk.Kpis.Single(x => x.Key == k.Key)).Select((x, i) => new Week(weeks[i].From, weeks[i].To, x.Value, x.Display))], k.Link)).ToList();
        return new Pack(company, w.Currency.Code, today, w.From, w.To, threshold, sections, savings, trends);
    }

    private static async Task<Section> BudgetsAtRiskAsync(TandemDb db, Guid companyId, DateOnly today, KpiWindow w, CancellationToken ct)
    {
        var lines = await db.BudgetLines.AsNoTracking().Where(b => b.CompanyId == companyId && b.PeriodStart <= today && b.PeriodEnd >= today).ToListAsync(ct);
        var sums = await BudgetLedger.ConsumptionAsync(db, [.. lines.Select(l => l.Id)], null, ct);
        var atRisk = lines.Select(l => (Line: l, State: BudgetLedger.State(l, sums)))
            .Select(x => (x.Line, Forecast: BudgetForecast.Of(x.Line.AmountMinor, x.State.CommittedMinor, x.State.ActualMinor, x.Line.Period, today)))
            .Where(x => x.Forecast.AtRisk).OrderByDescending(x => x.Forecast.ForecastMinor - x.Line.AmountMinor).ToList();
        return new Section("budgetsAtRisk", "Budgets at risk", "Budget lines running now whose run-rate forecast passes their amount.", atRisk.Count,
            atRisk.Sum(x => x.Forecast.ForecastMinor - x.Line.AmountMinor),
            [.. atRisk.Take(Rows).Select(x => new Item(x.Line.Name, $"budget {w.Money(x.Line.AmountMinor)}", $"forecast {w.Money(x.Forecast.ForecastMinor)}",
                x.Forecast.ForecastMinor - x.Line.AmountMinor, x.Line.PeriodEnd, $"/Budgets/Line?id={x.Line.Id}"))]);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/review-pack", async (TandemDb db, IServiceScopeFactory scopes, CurrentUser user, CancellationToken ct) => Results.Ok(await BuildAsync(db, scopes, user.CompanyId, ct)))
            .RequireRoles(SpendFilter.Readers);
}
