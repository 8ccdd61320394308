using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Accounting;
using Tandem.Domain.Money;
using Tandem.Web.Features.Invoices;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Accounting;

public sealed record AccrualLine(Guid PurchaseOrderId, string OrderNumber, int LineNo, string Vendor, string Description, string Received, string Invoiced,
    string NotInvoiced, string UnitPrice, MoneyDto Amount);

public sealed record AccrualReport(string Period, DateOnly PeriodEnd, IReadOnlyList<AccrualLine> Lines, IReadOnlyList<MoneyDto> Totals, bool Posted);

/// <summary>
/// Received, not invoiced: at a period's end, what was received by then (net of returns) beyond what was invoiced by
/// then (invoices less credit notes, ready to pay), valued at the order price without tax. Posted as an accrual on
/// the last day of the period and reversed on the first day of the next, one pair per currency.
/// </summary>
public static class Accruals
{
    public static async Task<Result<AccrualReport>> ReportAsync(TandemDb db, Guid companyId, string? period, CancellationToken ct)
    {
        var computed = await ComputeAsync(db, companyId, period, create: false, ct);
        return computed.IsSuccess ? computed.Value.Report : Result<AccrualReport>.Failure(computed.Errors);
    }

    /// <summary>Posts the period's accrual and its reversal (again, replacing unexported ones, when the period is closed anew).</summary>
    public static async Task<Result<AccrualReport>> PostAsync(TandemDb db, Guid companyId, string? period, CancellationToken ct)
    {
        var computed = await ComputeAsync(db, companyId, period, create: true, ct);
        if (!computed.IsSuccess)
        {
            return Result<AccrualReport>.Failure(computed.Errors);
        }

        var (report, postings, row) = computed.Value;
        var periodRow = row!;
        var accounts = await AccountingSetup.LedgerAccountsAsync(db, companyId, ct);
        if (!accounts.IsSuccess)
        {
            return Result<AccrualReport>.Failure(accounts.Errors);
        }

        var existing = db.JournalEntries.Where(e => e.CompanyId == companyId && e.SourceId == periodRow.Id);
        if (await existing.AnyAsync(e => e.ExportId != null, ct))
        {
            return report with { Posted = true };
        }

        await db.JournalLines.Where(l => existing.Select(e => e.Id).Contains(l.EntryId)).ExecuteDeleteAsync(ct);
        await existing.ExecuteDeleteAsync(ct);
        var now = db.Clock.GetUtcNow();
        var entries = new List<JournalEntry>();
        foreach (var currency in postings.GroupBy(p => p.Currency))
        {
            var (accrual, reversal) = Journals.ForAccrual(report.PeriodEnd, currency.Key, [.. currency.Select(p => (p.Posting, p.AmountMinor))], accounts.Value);
            entries.Add(PostJournals.Entry(companyId, accrual, $"accrual-{currency.Key}", periodRow.Id, report.Period, now));
            entries.Add(PostJournals.Entry(companyId, reversal, $"reversal-{currency.Key}", periodRow.Id, report.Period, now));
        }

        await PostJournals.StoreAsync(db, entries, ct);
        return report with { Posted = entries.Count > 0 };
    }

    private sealed record Posted(string Currency, Posting Posting, long AmountMinor);

    private static async Task<Result<(AccrualReport Report, List<Posted> Postings, AccountingPeriod? Period)>> ComputeAsync(TandemDb db, Guid companyId, string? period, bool create, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!Periods.TryParse(period, out var first))
        {
            return Error.Validation("invalid_period", "period must be a month like 2026-11.", "period");
        }

        var end = Periods.End(first);
        var received = await db.ReceiptLines.AsNoTracking().Join(db.Receipts, l => l.ReceiptId, r => r.Id, (l, r) => new { l.PurchaseOrderLineId, l.Accepted, r.CompanyId, r.ReceivedOn })
            .Where(x => x.CompanyId == companyId && x.ReceivedOn <= end).GroupBy(x => x.PurchaseOrderLineId)
            .Select(g => new { g.Key, Units = g.Sum(x => x.Accepted) }).ToDictionaryAsync(x => x.Key, x => x.Units, ct);
        var returned = await db.VendorReturns.AsNoTracking().Where(r => r.CompanyId == companyId && r.ReturnedOn <= end)
            .Join(db.ReceiptLines, r => r.ReceiptLineId, l => l.Id, (r, l) => new { l.PurchaseOrderLineId, r.Quantity })
            .GroupBy(x => x.PurchaseOrderLineId).Select(g => new { g.Key, Units = g.Sum(x => x.Quantity) }).ToDictionaryAsync(x => x.Key, x => x.Units, ct);
        var invoiced = await db.Invoices.AsNoTracking().Where(i => i.CompanyId == companyId && i.Status == InvoiceStatus.ReadyToPay && i.InvoiceDate <= end)
            .Join(db.Set<InvoiceLine>(), i => i.Id, l => l.InvoiceId, (i, l) => new { l.PurchaseOrderLineId, Units = i.Kind == InvoiceKind.CreditNote ? -l.QuantityUnits : l.QuantityUnits })
            .Where(x => x.PurchaseOrderLineId != null).GroupBy(x => x.PurchaseOrderLineId!.Value)
            .Select(g => new { g.Key, Units = g.Sum(x => x.Units) }).ToDictionaryAsync(x => x.Key, x => x.Units, ct);
        var open = received.Select(r => (Line: r.Key, Units: r.Value - returned.GetValueOrDefault(r.Key) - invoiced.GetValueOrDefault(r.Key))).Where(x => x.Units > 0).ToDictionary(x => x.Line, x => x.Units);
        var ids = open.Keys.ToList();
        var lines = await db.PurchaseOrderLines.AsNoTracking().Include(l => l.Splits).Where(l => ids.Contains(l.Id))
            .Join(db.PurchaseOrders, l => l.PurchaseOrderId, o => o.Id, (l, o) => new { Line = l, o.Number, o.Currency, o.VendorId })
            .Join(db.Vendors, x => x.VendorId, v => v.Id, (x, v) => new { x.Line, x.Number, x.Currency, Vendor = v.LegalName })
            .AsSplitQuery().ToListAsync(ct);
        var report = new List<AccrualLine>();
        var postings = new List<Posted>();
        foreach (var x in lines.OrderBy(l => l.Number, StringComparer.Ordinal).ThenBy(l => l.Line.LineNo))
        {
            var currency = Currency.Of(x.Currency);
            var units = open[x.Line.Id];
            var amount = (long)Math.Round((decimal)units / Quantity.Scale * x.Line.UnitPriceMicros / UnitPrice.Scale * currency.MinorPerMajor, MidpointRounding.AwayFromZero);
            report.Add(new AccrualLine(x.Line.PurchaseOrderId, x.Number, x.Line.LineNo, x.Vendor, x.Line.Description,
                new Quantity(received[x.Line.Id] - returned.GetValueOrDefault(x.Line.Id)).ToString(), new Quantity(invoiced.GetValueOrDefault(x.Line.Id)).ToString(),
                new Quantity(units).ToString(), new UnitPrice(x.Line.UnitPriceMicros, currency).ToDecimal().ToString("0.00####", System.Globalization.CultureInfo.InvariantCulture),
                MoneyDto.From(new Money(amount, currency))));
            var split = AccountingSetup.Postings(amount, x.Currency, x.Line, null, null);
            if (split is not null)
            {
                postings.AddRange(split.Select(s => new Posted(x.Currency, s.Posting, s.AmountMinor)));
            }
        }

        var name = Periods.Of(first);
        var periodRow = create ? await PeriodRowAsync(db, companyId, name, ct)
            : await db.AccountingPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.CompanyId == companyId && p.Period == name, ct);
        var posted = periodRow is not null && await db.JournalEntries.AnyAsync(e => e.CompanyId == companyId && e.SourceId == periodRow.Id, ct);
        var totals = postings.GroupBy(p => p.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => MoneyDto.From(new Money(g.Sum(p => p.AmountMinor), Currency.Of(g.Key)))).ToList();
        return (new AccrualReport(Periods.Of(first), end, report, totals, posted), postings, periodRow);
    }

    /// <summary>The period's row (created open when the month has none yet): accruals hang off it.</summary>
    public static async Task<AccountingPeriod> PeriodRowAsync(TandemDb db, Guid companyId, string period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await db.AccountingPeriods.SingleOrDefaultAsync(p => p.CompanyId == companyId && p.Period == period, ct);
        if (row is null)
        {
            row = new AccountingPeriod { Id = Ids.New(db.Clock.GetUtcNow()), CompanyId = companyId, Period = period, Status = PeriodStatus.Open };
            db.AccountingPeriods.Add(row);
            await db.SaveChangesAsync(ct);
        }

        return row;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/accruals", async (TandemDb db, CurrentUser user, HttpContext http, string? period, CancellationToken ct) =>
                (await ReportAsync(db, user.CompanyId, period, ct)).ToOk(http))
            .RequireRoles(AccountingSetup.Finance);
        api.MapPost("/accruals", async (TandemDb db, CurrentUser user, HttpContext http, PeriodRequest request, CancellationToken ct) =>
                (await Transactions.RunAsync(db, () => PostAsync(db, user.CompanyId, request.Period, ct), ct)).ToOk(http))
            .RequireRoles(Domain.Organization.Role.Controller);
    }
}

public sealed record PeriodRequest(string? Period, string? Reason = null);
