using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Analytics;
using Tandem.Domain.Invoicing;
using Tandem.Domain.Money;
using Tandem.Domain.Purchasing;
using Tandem.Web.Features.Invoices;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Analytics;

/// <summary>The KPIs computed from invoices, payments and receipts (definitions in <see cref="KpiDefinitions"/>).</summary>
public static class FinanceKpis
{
    public static async Task<IReadOnlyList<Kpi>> InvoicesAsync(TandemDb db, KpiWindow w, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(w);
        // Counted in SQL by outcome (a handful of combinations), then handed to the domain's rates.
        var received = await Invoices(db, w).Where(i => i.CreatedAtUtc >= w.StartUtc && i.CreatedAtUtc < w.EndUtc)
            .GroupBy(i => new { i.FirstPassMatched, i.Touched, i.Status, i.FirstExceptions })
            .Select(g => new { g.Key.FirstPassMatched, g.Key.Touched, g.Key.Status, g.Key.FirstExceptions, Count = g.Count() }).ToListAsync(ct);
        var rates = MatchRates.Of(received.SelectMany(r => Enumerable.Repeat(new InvoiceOutcome(Guid.Empty, r.FirstPassMatched, r.Touched, r.Status == InvoiceStatus.ReadyToPay,
            r.FirstExceptions.Split(',', StringSplitOptions.RemoveEmptyEntries)), r.Count)));
        var stopped = rates.Invoices - rates.FirstPassMatched;
        var basis = $"{rates.Invoices} invoices received";
        var ready = await Invoices(db, w).Where(i => i.ReadyAtUtc >= w.StartUtc && i.ReadyAtUtc < w.EndUtc)
            .Select(i => new { i.CreatedAtUtc, Ready = i.ReadyAtUtc!.Value }).ToListAsync(ct);
        var paid = await Invoices(db, w).Where(i => i.PaidOn >= w.From && i.PaidOn <= w.To && i.ReadyAtUtc != null && i.PaidAtUtc != null)
            .Select(i => new { Ready = i.ReadyAtUtc!.Value, Paid = i.PaidAtUtc!.Value }).ToListAsync(ct);
        var toReady = ready.Select(r => Statistics.Days(r.CreatedAtUtc, r.Ready)).ToList();
        var toPaid = paid.Select(p => Statistics.Days(p.Ready, p.Paid)).ToList();
        return
        [
            Kpi.Percent("firstPassMatchRate", rates.Invoices == 0 ? null : rates.FirstPassBasisPoints, basis, "/Invoices"),
            Kpi.Percent("touchlessRate", rates.Invoices == 0 ? null : rates.TouchlessBasisPoints, basis, "/Invoices"),
            Kpi.Percent("exceptionRate", Statistics.Rate(stopped, rates.Invoices), basis, "/Invoices",
                [.. rates.ExceptionsByReason.Select(r => new KpiPart(r.Key, Statistics.Rate(r.Value, rates.Invoices) / 100m,
                    $"{PercentText.Of(Statistics.Rate(r.Value, rates.Invoices) ?? 0)} % ({r.Value})", r.Value))]),
            Kpi.Days("invoiceCycleTime", Statistics.Median(toReady), $"{toReady.Count} became ready; ready to paid: median {Kpi.DaysText(Statistics.Median(toPaid))} over {toPaid.Count} paid", "/Invoices",
                [new KpiPart("Received → ready to pay", Statistics.Median(toReady), Kpi.DaysText(Statistics.Median(toReady)), toReady.Count),
                 new KpiPart("Ready to pay → paid", Statistics.Median(toPaid), Kpi.DaysText(Statistics.Median(toPaid)), toPaid.Count)]),
        ];
    }

    public static async Task<IReadOnlyList<Kpi>> PaymentsAsync(TandemDb db, KpiWindow w, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(w);
        var paid = await Invoices(db, w).Where(i => i.PaidOn >= w.From && i.PaidOn <= w.To).Select(i => new { i.PaidOn, i.DueDate }).ToListAsync(ct);
        var onTime = paid.Count(p => p.DueDate is null || p.PaidOn <= p.DueDate);

        // Owed at the end of the window: approved for payment by then and not paid by then; purchases: invoiced in the window.
        // Two index ranges (unpaid; paid after the window) rather than one scan of every invoice ever approved.
        var owedQuery = Invoices(db, w).Where(i => i.ReadyAtUtc < w.EndUtc && i.Status != InvoiceStatus.Rejected);
        var owed = await owedQuery.Where(i => i.PaidOn == null).Concat(owedQuery.Where(i => i.PaidOn > w.To))
            .Select(i => new { i.PayableMinor, i.Currency, i.RateUnits }).ToListAsync(ct);
        var purchased = await Invoices(db, w).Where(i => i.InvoiceDate >= w.From && i.InvoiceDate <= w.To && i.ReadyAtUtc != null)
            .Select(i => new { i.PayableMinor, i.Currency, i.RateUnits }).ToListAsync(ct);
        var outstanding = owed.Sum(o => w.ToCompany(o.PayableMinor, o.Currency, o.RateUnits));
        var purchases = purchased.Sum(o => w.ToCompany(o.PayableMinor, o.Currency, o.RateUnits));

        var discounts = await Invoices(db, w).Where(i => i.DiscountMinor > 0 && i.DiscountDate >= w.From && i.DiscountDate <= w.To)
            .Select(i => new { i.DiscountMinor, i.DiscountTakenMinor, i.DiscountDate, i.Currency, i.RateUnits }).ToListAsync(ct);
        var available = discounts.Sum(d => w.ToCompany(d.DiscountMinor, d.Currency, d.RateUnits));
        var missed = discounts.Where(d => d.DiscountTakenMinor == 0 && d.DiscountDate < w.Today).ToList();
        var missedAmount = w.Money(missed.Sum(d => w.ToCompany(d.DiscountMinor, d.Currency, d.RateUnits)));
        var captured = discounts.Sum(d => w.ToCompany(d.DiscountTakenMinor, d.Currency, d.RateUnits));
        return
        [
            Kpi.Percent("onTimePaymentRate", Statistics.Rate(onTime, paid.Count), $"{paid.Count} invoices paid, {onTime} on time", "/Payments"),
            Kpi.Days("daysPayableOutstanding", KpiMath.DaysPayableOutstanding(outstanding, purchases, w.Days),
                $"{w.Money(outstanding)} owed on {w.To:yyyy-MM-dd}; {w.Money(purchases)} invoiced over {w.Days} days", "/Payments"),
            Kpi.Amount("missedDiscounts", missedAmount,
                $"{missed.Count} of {discounts.Count} discounts missed; {w.Money(captured)} of {w.Money(available)} available captured", "/Payments",
                [new KpiPart("Available", w.Money(available).ToMajor(), w.Money(available).ToString(), discounts.Count),
                 new KpiPart("Captured", w.Money(captured).ToMajor(), w.Money(captured).ToString(), discounts.Count(d => d.DiscountTakenMinor > 0)),
                 new KpiPart("Missed", missedAmount.ToMajor(), missedAmount.ToString(), missed.Count)]),
        ];
    }

    public static async Task<IReadOnlyList<Kpi>> DeliveryAsync(TandemDb db, KpiWindow w, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(w);
        var facts = await Receiving.ReceiptQueries.DeliveryFacts(db,
            db.Receipts.Where(r => r.CompanyId == w.CompanyId && r.ReceivedOn >= w.From && r.ReceivedOn <= w.To), db.PurchaseOrders).ToListAsync(ct);
        var delivery = DeliveryPerformance.Of(facts);
        return
        [
            Kpi.Share("onTimeDelivery", delivery.OnTimePercent, $"{delivery.Receipts} receipt lines; average lead time {Kpi.DaysText(delivery.AverageLeadDays)}", "/Receiving",
                [new KpiPart("Average lead time", delivery.AverageLeadDays, Kpi.DaysText(delivery.AverageLeadDays), delivery.Receipts),
                 new KpiPart("Lead time, 90th percentile", delivery.P90LeadDays, Kpi.DaysText(delivery.P90LeadDays), delivery.Receipts)]),
        ];
    }

    public static async Task<IReadOnlyList<Kpi>> PriceVarianceAsync(TandemDb db, KpiWindow w, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(w);
        // Recorded on each invoice when it became ready to pay (PriceVariance): no line is read here.
        var billed = await Invoices(db, w).Where(i => i.ReadyAtUtc >= w.StartUtc && i.ReadyAtUtc < w.EndUtc && i.VarianceBasisMinor != 0)
            .Select(i => new { i.VarianceBasisMinor, i.VarianceBilledMinor, i.Currency, i.RateUnits }).ToListAsync(ct);
        var atOrderPrice = billed.Sum(b => w.ToCompany(b.VarianceBasisMinor, b.Currency, b.RateUnits));
        var atBilled = billed.Sum(b => w.ToCompany(b.VarianceBilledMinor, b.Currency, b.RateUnits));
        var variance = atBilled - atOrderPrice;
        return
        [
            Kpi.Percent("priceVariance", Statistics.Rate(variance, atOrderPrice),
                $"{w.Money(variance)} billed over the order prices of {w.Money(atOrderPrice)}", "/Invoices"),
        ];
    }

    private static IQueryable<Invoice> Invoices(TandemDb db, KpiWindow w) =>
        db.Invoices.AsNoTracking().Where(i => i.CompanyId == w.CompanyId && i.Kind == InvoiceKind.Invoice);
}
