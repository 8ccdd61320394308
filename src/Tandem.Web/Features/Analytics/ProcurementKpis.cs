using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Analytics;
using Tandem.Domain.Budgets;
using Tandem.Domain.Money;
using Tandem.Web.Features.Approvals;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Analytics;

/// <summary>The KPIs computed from spend, orders, savings records and approvals (definitions in <see cref="KpiDefinitions"/>).</summary>
public static class ProcurementKpis
{
    public static async Task<IReadOnlyList<Kpi>> SpendAsync(TandemDb db, KpiWindow w, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(w);
        var rows = await Actual(db, w.CompanyId, w.From, w.To)
            .GroupBy(f => new { f.OnPurchaseOrder, f.Catalog, f.Preferred })
            .Select(g => new { g.Key.OnPurchaseOrder, g.Key.Catalog, g.Key.Preferred, Amount = g.Sum(f => f.AmountMinor) }).ToListAsync(ct);
        var total = rows.Sum(r => r.Amount);
        var managed = rows.Where(r => r.OnPurchaseOrder || r.Catalog).Sum(r => r.Amount);
        var nonPo = rows.Where(r => !r.OnPurchaseOrder).Sum(r => r.Amount);
        var nonCatalog = rows.Where(r => !r.Catalog).Sum(r => r.Amount);
        var nonPreferred = rows.Where(r => !r.Preferred).Sum(r => r.Amount);
        KpiPart Part(string label, long amount) => new(label, w.Money(amount).ToMajor(),
            $"{w.Money(amount)} ({(Statistics.Rate(amount, total) is { } bp ? Platform.Api.PercentText.Of(bp) + " %" : "—")})", 0);
        var lastYear = SpendPeriod.YearBefore(w.From, w.To);
        var before = await Actual(db, w.CompanyId, lastYear.From, lastYear.To).SumAsync(f => f.AmountMinor, ct);
        var basis = $"{w.Money(total)} actual spend";
        return
        [
            Kpi.Percent("spendUnderManagement", Statistics.Rate(managed, total), basis, w.SpendLink(),
                [Part("Through a purchase order or catalog", managed), Part("Neither", total - managed)]),
            Kpi.Amount("maverickSpend", w.Money(rows.Where(r => !r.OnPurchaseOrder || !r.Catalog || !r.Preferred).Sum(r => r.Amount)), basis, w.SpendLink(),
                [Part("Without a purchase order", nonPo), Part("Not from a catalog", nonCatalog), Part("Vendor not preferred for the category", nonPreferred)]),
            Kpi.Amount("yearOverYearChange", w.Money(KpiMath.YearOverYearDecrease(total, before)),
                $"{w.Money(before)} from {lastYear.From:yyyy-MM-dd} to {lastYear.To:yyyy-MM-dd}, {w.Money(total)} now",
                $"/Analytics/Documents?from={lastYear.From:yyyy-MM-dd}&to={lastYear.To:yyyy-MM-dd}"),
        ];
    }

    public static async Task<IReadOnlyList<Kpi>> SavingsAsync(TandemDb db, KpiWindow w, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(w);
        var lines = await db.PurchaseOrderLines.AsNoTracking()
            .Join(db.PurchaseOrders.Where(p => p.CompanyId == w.CompanyId && p.IssuedOn >= w.From && p.IssuedOn <= w.To), l => l.PurchaseOrderId, p => p.Id,
                (l, p) => new { l.ItemId, l.QuantityUnits, l.UnitPriceMicros, p.Currency, p.RateUnits })
            .Where(l => l.ItemId != null).ToListAsync(ct);
        var items = lines.Select(l => l.ItemId!.Value).Distinct().ToList();
        var firstOffers = (await db.Offers.AsNoTracking().Where(o => items.Contains(o.ItemId))
                .Select(o => new { o.ItemId, o.Currency, o.ValidFrom, o.Id, o.UnitPriceMicros }).ToListAsync(ct))
            .GroupBy(o => (o.ItemId, o.Currency)).ToDictionary(g => g.Key, g => g.OrderBy(o => o.ValidFrom).ThenBy(o => o.Id).First().UnitPriceMicros);
        long negotiated = 0;
        var counted = 0;
        foreach (var l in lines)
        {
            if (firstOffers.TryGetValue((l.ItemId!.Value, l.Currency), out var baseline))
            {
                var currency = Currency.Of(l.Currency);
                var saved = KpiMath.Negotiated(new Quantity(l.QuantityUnits), new UnitPrice(baseline, currency), new UnitPrice(l.UnitPriceMicros, currency));
                negotiated += w.ToCompany(saved.Minor, l.Currency, l.RateUnits);
                counted++;
            }
        }

        var discounts = await db.Invoices.AsNoTracking().Where(i => i.CompanyId == w.CompanyId && i.PaidOn >= w.From && i.PaidOn <= w.To && i.DiscountTakenMinor > 0)
            .Select(i => new { i.DiscountTakenMinor, i.Currency, i.RateUnits }).ToListAsync(ct);
        var avoidance = await db.SavingsRecords.AsNoTracking().Where(s => s.CompanyId == w.CompanyId && s.RecordedOn >= w.From && s.RecordedOn <= w.To)
            .Select(s => new { s.Reason, s.AmountMinor }).ToListAsync(ct);
        return
        [
            Kpi.Amount("negotiatedSavings", w.Money(negotiated), $"{counted} catalog order lines with a first-quoted price"),
            Kpi.Amount("discountsCaptured", w.Money(discounts.Sum(d => w.ToCompany(d.DiscountTakenMinor, d.Currency, d.RateUnits))), $"{discounts.Count} invoices paid early", "/Payments"),
            Kpi.Amount("costAvoidance", w.Money(avoidance.Sum(a => a.AmountMinor)), $"{avoidance.Count} recorded by buyers", "/Analytics/Kpis#savings",
                [.. avoidance.GroupBy(a => a.Reason).OrderByDescending(g => g.Sum(a => a.AmountMinor)).Take(10)
                    .Select(g => new KpiPart(g.Key, w.Money(g.Sum(a => a.AmountMinor)).ToMajor(), w.Money(g.Sum(a => a.AmountMinor)).ToString(), g.Count()))]),
        ];
    }

    public static async Task<Kpi> PoCycleTimeAsync(TandemDb db, KpiWindow w, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(w);
        var pairs = await db.PurchaseOrderLines.AsNoTracking().Where(l => l.RequisitionId != null)
            .Join(db.PurchaseOrders.Where(p => p.CompanyId == w.CompanyId && p.IssuedAtUtc >= w.StartUtc && p.IssuedAtUtc < w.EndUtc), l => l.PurchaseOrderId, p => p.Id,
                (l, p) => new { RequisitionId = l.RequisitionId!.Value, IssuedAtUtc = p.IssuedAtUtc!.Value })
            .Distinct().ToListAsync(ct);
        var ids = pairs.Select(p => p.RequisitionId).Distinct().ToList();
        var requisitions = await db.Requisitions.AsNoTracking().Where(r => ids.Contains(r.Id) && r.SubmittedAtUtc != null)
            .Select(r => new { r.Id, r.SubmittedAtUtc, r.Round }).ToDictionaryAsync(r => r.Id, ct);
        var departments = (await db.RequisitionSplits.AsNoTracking().Where(s => ids.Contains(s.RequisitionId))
                .Select(s => new { s.RequisitionId, s.DepartmentId, s.LineId, s.Position }).ToListAsync(ct))
            .GroupBy(s => s.RequisitionId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.LineId != null).ThenBy(s => s.Position).First().DepartmentId);
        var levels = (await db.ApprovalSteps.AsNoTracking().Where(s => s.RequisitionId != null && ids.Contains(s.RequisitionId.Value))
                .Select(s => new { RequisitionId = s.RequisitionId!.Value, s.Round, s.Level }).ToListAsync(ct))
            .Where(s => requisitions.TryGetValue(s.RequisitionId, out var r) && r.Round == s.Round)
            .GroupBy(s => s.RequisitionId).ToDictionary(g => g.Key, g => g.Select(s => s.Level).Distinct().Count());
        var names = await SpendFilter.LabelsAsync(db, SpendDimension.Department, [.. departments.Values.Distinct()], ct);
        var cycles = pairs.Where(p => requisitions.ContainsKey(p.RequisitionId))
            .Select(p => (p.RequisitionId, Days: Statistics.Days(requisitions[p.RequisitionId].SubmittedAtUtc!.Value, p.IssuedAtUtc))).ToList();
        static string Stats(IEnumerable<decimal> days)
        {
            var list = days.ToList();
            return $"median {Kpi.DaysText(Statistics.Median(list))}, p90 {Kpi.DaysText(Statistics.Percentile(list, 90))}";
        }

        var byDepartment = cycles.GroupBy(c => departments.TryGetValue(c.RequisitionId, out var d) ? names.GetValueOrDefault(d, "(none)") : "(none)")
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new KpiPart(g.Key, Statistics.Median(g.Select(c => c.Days)), Stats(g.Select(c => c.Days)), g.Count()));
        var byLevels = cycles.GroupBy(c => levels.GetValueOrDefault(c.RequisitionId)).OrderBy(g => g.Key)
            .Select(g => new KpiPart(g.Key == 0 ? "Auto-approved" : $"{g.Key} approval level{(g.Key == 1 ? "" : "s")}", Statistics.Median(g.Select(c => c.Days)), Stats(g.Select(c => c.Days)), g.Count()));
        var all = cycles.Select(c => c.Days).ToList();
        return Kpi.Days("poCycleTime", Statistics.Median(all), $"{all.Count} requisition–order pairs; p90 {Kpi.DaysText(Statistics.Percentile(all, 90))}", "/PurchaseOrders",
            [.. byDepartment, .. byLevels]);
    }

    public static async Task<IReadOnlyList<Kpi>> ApprovalsAsync(TandemDb db, KpiWindow w, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(w);
        var steps = await db.ApprovalSteps.AsNoTracking()
            .Where(s => s.CompanyId == w.CompanyId && s.CompletedAtUtc >= w.StartUtc && s.CompletedAtUtc < w.EndUtc && s.ActivatedAtUtc != null
                && (s.Status == StepStatus.Approved || s.Status == StepStatus.Rejected || s.Status == StepStatus.Returned))
            .Select(s => new { s.Id, s.Level, Activated = s.ActivatedAtUtc!.Value, Completed = s.CompletedAtUtc!.Value }).ToListAsync(ct);
        var stepIds = steps.Select(s => s.Id).ToList();
        var decisions = await db.ApprovalAssignments.AsNoTracking().Where(a => stepIds.Contains(a.StepId) && a.DecidedAtUtc != null && a.DecidedById != null)
            .Join(db.Users, a => a.DecidedById, u => u.Id, (a, u) => new { a.StepId, u.DisplayName, Decided = a.DecidedAtUtc!.Value }).ToListAsync(ct);
        var activated = steps.ToDictionary(s => s.Id, s => s.Activated);
        var hours = steps.Select(s => Statistics.Hours(s.Activated, s.Completed)).ToList();
        static string Stats(IEnumerable<decimal> values)
        {
            var list = values.ToList();
            return $"median {Kpi.HoursText(Statistics.Median(list))}, p90 {Kpi.HoursText(Statistics.Percentile(list, 90))}";
        }

        var byLevel = steps.GroupBy(s => s.Level).OrderBy(g => g.Key)
            .Select(g => new KpiPart($"Level {g.Key}", Statistics.Median(g.Select(s => Statistics.Hours(s.Activated, s.Completed))), Stats(g.Select(s => Statistics.Hours(s.Activated, s.Completed))), g.Count()));
        var byApprover = decisions.GroupBy(d => d.DisplayName).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new KpiPart(g.Key, Statistics.Median(g.Select(d => Statistics.Hours(activated[d.StepId], d.Decided))), Stats(g.Select(d => Statistics.Hours(activated[d.StepId], d.Decided))), g.Count()));
        var overdue = await OverdueApprovalsAsync(db, w.CompanyId, w.NowUtc, ct);
        var median = Statistics.Median(hours);
        return
        [
            Kpi.Hours("approvalTime", median, $"{steps.Count} steps decided; p90 {Kpi.HoursText(Statistics.Percentile(hours, 90))}", "/Approvals", [.. byLevel, .. byApprover]),
            Kpi.Count("approvalsOverdue", overdue.Count, "steps", overdue.Count == 0 ? "None waiting past their deadline" : $"Oldest due {overdue[0].DueAtUtc:yyyy-MM-dd HH:mm} UTC", "/Approvals",
                [.. overdue.Take(20).Select(o => new KpiPart(o.Number, null, $"due {o.DueAtUtc:yyyy-MM-dd HH:mm} UTC", 1, o.Link))]),
        ];
    }

    /// <summary>A pending approval step past its deadline, with its requisition or non-PO invoice (the KPI and the review pack).</summary>
    public sealed record OverdueApproval(string Link, string Number, string Title, string RuleName, DateTime DueAtUtc, long? CompanyTotalMinor);

    /// <summary>Approval steps still pending after their deadline, oldest first: requisitions' and non-PO invoices'.</summary>
    public static async Task<List<OverdueApproval>> OverdueApprovalsAsync(TandemDb db, Guid companyId, DateTime nowUtc, CancellationToken ct)
    {
        var overdue = db.ApprovalSteps.AsNoTracking().Where(s => s.CompanyId == companyId && s.Status == StepStatus.Pending && s.DueAtUtc < nowUtc);
        var requisitions = (await overdue.Join(db.Requisitions, s => s.RequisitionId, r => r.Id, (s, r) => new { r.Id, r.Number, r.Title, s.RuleName, s.DueAtUtc, r.CompanyTotalMinor })
                .ToListAsync(ct))
            .Select(x => new OverdueApproval($"/Requisitions/Detail?id={x.Id}", x.Number, x.Title, x.RuleName, x.DueAtUtc!.Value, x.CompanyTotalMinor));
        var company = await CompanyClock.CurrencyAsync(db, companyId, ct);
        var invoices = (await overdue.Join(db.Invoices, s => s.InvoiceId, i => i.Id, (s, i) => new { i.Id, i.Number, i.VendorId, i.TotalMinor, i.Currency, i.RateUnits, s.RuleName, s.DueAtUtc })
                .ToListAsync(ct))
            .Select(x => new OverdueApproval($"/Invoices/Detail?id={x.Id}", $"Invoice {x.Number}", "Invoice without a purchase order", x.RuleName, x.DueAtUtc!.Value,
                Conversion.Convert(new Money(x.TotalMinor, Currency.Of(x.Currency)), x.RateUnits, Organization.ExchangeRate.Scale, company).Minor));
        return [.. requisitions.Concat(invoices).OrderBy(x => x.DueAtUtc)];
    }

    private static IQueryable<SpendFact> Actual(TandemDb db, Guid companyId, DateOnly from, DateOnly to) =>
        db.SpendFacts.AsNoTracking().Where(f => f.CompanyId == companyId && f.Kind == ConsumptionKind.Actual && f.Day >= from && f.Day <= to);
}
