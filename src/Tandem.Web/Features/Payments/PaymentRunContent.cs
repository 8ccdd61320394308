using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Money;
using Tandem.Domain.Organization;
using Tandem.Domain.Payments;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Payments;

/// <summary>Writes what a run pays (payments and their items) and keeps its counts and company-currency totals.</summary>
public static class PaymentRunContent
{
    /// <summary>The payments of a new (saved) run, written in bulk: tens of thousands of invoices in a few statements.</summary>
    public static async Task ReplaceAsync(TandemDb db, PaymentRun run, IReadOnlyList<PaymentGroup> groups, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(groups);
        var now = db.Clock.GetUtcNow();
        var names = await VendorNamesAsync(db, run.CompanyId, groups.Select(g => g.VendorId), ct);
        var payments = new List<Payment>(groups.Count);
        var items = new List<PaymentRunItem>();
        var sequence = 0;
        foreach (var group in groups)
        {
            var payment = NewPayment(run, group.VendorId, group.Currency, names[group.VendorId], ++sequence, now);
            Apply(payment, group);
            payments.Add(payment);
            items.AddRange(group.Items.Select(i => Item(run, payment, i, now)));
        }

        await BulkInsert.InsertAsync(db, payments, ct);
        await BulkInsert.InsertAsync(db, items, ct);
        await RecountAsync(db, run, [.. payments.Select(p => (p.Currency, p.AmountMinor, p.DiscountMinor))], items.Count, ct);
    }

    public static Payment NewPayment(PaymentRun run, Guid vendorId, string currency, string payee, int sequence, DateTimeOffset now) => new()
    {
        Id = Ids.New(now),
        CompanyId = run.CompanyId,
        PaymentRunId = run.Id,
        VendorId = vendorId,
        Currency = currency,
        EndToEndId = $"{run.Number}-{sequence:D5}",
        Status = PaymentStatus.Pending,
        PayeeName = payee,
    };

    public static void Apply(Payment payment, PaymentGroup group)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(group);
        payment.AmountMinor = group.AmountMinor;
        payment.DiscountMinor = group.DiscountMinor;
    }

    public static PaymentRunItem Item(PaymentRun run, Payment payment, PayItem item, DateTimeOffset now) => new()
    {
        Id = Ids.New(now),
        PaymentRunId = run.Id,
        PaymentId = payment.Id,
        InvoiceId = item.Invoice.InvoiceId,
        Reason = JsonNames.Camel(item.Reason.ToString()),
        PayableMinor = item.Invoice.PayableMinor,
        DiscountMinor = item.DiscountMinor,
        PaidMinor = item.PaidMinor,
    };

    /// <summary>A payment's invoices as its reference lists them ("1001, 1002, credit CN-7"), oldest first, at most 4,000 characters.</summary>
    public static string InvoiceList(IEnumerable<(string Number, bool IsCredit, DateOnly InvoiceDate)> invoices)
    {
        var list = string.Join(", ", invoices.OrderBy(i => i.InvoiceDate).ThenBy(i => i.Number, StringComparer.Ordinal).Select(i => i.IsCredit ? $"credit {i.Number}" : i.Number));
        return list.Length <= 4000 ? list : list[..3997] + "...";
    }

    public static async Task<Dictionary<Guid, string>> VendorNamesAsync(TandemDb db, Guid companyId, IEnumerable<Guid> vendorIds, CancellationToken ct)
    {
        var ids = vendorIds.Distinct().ToList();
        return await db.Vendors.AsNoTracking().Where(v => v.CompanyId == companyId && ids.Contains(v.Id)).Select(v => new { v.Id, v.LegalName }).ToDictionaryAsync(v => v.Id, v => v.LegalName, ct);
    }

    /// <summary>
    /// Counts and company-currency totals from the run's payments (at the latest rates on the pay date), and whether
    /// it needs a second approver: at or above the threshold, or when an amount cannot be converted.
    /// </summary>
    public static async Task RecountAsync(TandemDb db, PaymentRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(run);
        var payments = await db.Payments.AsNoTracking().Where(p => p.PaymentRunId == run.Id && p.Status != PaymentStatus.Rejected)
            .Select(p => new { p.Currency, p.AmountMinor, p.DiscountMinor }).ToListAsync(ct);
        var invoices = await db.PaymentRunItems.CountAsync(i => i.PaymentRunId == run.Id, ct);
        await RecountAsync(db, run, [.. payments.Select(p => (p.Currency, p.AmountMinor, p.DiscountMinor))], invoices, ct);
    }

    private static async Task RecountAsync(TandemDb db, PaymentRun run, List<(string Currency, long Amount, long Discount)> payments, int invoices, CancellationToken ct)
    {
        run.PaymentCount = payments.Count;
        run.InvoiceCount = invoices;
        var company = await CompanyClock.CurrencyAsync(db, run.CompanyId, ct);
        var rates = await Rates.LatestAsync(db, run.CompanyId, run.PayDate, ct);
        var unconverted = false;
        long Convert(long minor, string currency)
        {
            var converted = Rates.ToCompany(new Money(minor, Currency.Of(currency)), company, rates);
            unconverted |= converted is null;
            return converted?.Minor ?? 0;
        }

        var byCurrency = payments.GroupBy(p => p.Currency).ToList();
        run.TotalCompanyMinor = byCurrency.Sum(c => Convert(c.Sum(p => p.Amount), c.Key));
        run.DiscountCompanyMinor = byCurrency.Sum(c => Convert(c.Sum(p => p.Discount), c.Key));
        var settings = await PaymentSettings.ForAsync(db, run.CompanyId, ct);
        run.NeedsSecondApproval = unconverted || run.TotalCompanyMinor >= settings.SecondApprovalMinor;
    }
}

/// <summary>Who prepares, approves and reads payment runs.</summary>
public static class PaymentRunAccess
{
    public static readonly string[] Preparers = [Role.ApClerk, Role.Controller];

    public static readonly string[] Approvers = [Role.Controller];

    public static readonly string[] Readers = [Role.ApClerk, Role.Controller, Role.Admin];
}
