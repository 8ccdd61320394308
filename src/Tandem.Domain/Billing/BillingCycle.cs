namespace Tandem.Domain.Billing;

public enum BillingCycle
{
    /// <summary>Monday to Sunday.</summary>
    Weekly,

    /// <summary>A calendar month.</summary>
    Monthly,
}

/// <summary>One invoice or credit note on a consolidated bill, in the company currency (at its order's rate).</summary>
public sealed record BillInvoice(Guid InvoiceId, string Number, DateOnly InvoiceDate, Guid VendorId, string Vendor, bool IsCredit, long NetMinor, long TaxMinor,
    IReadOnlyList<(string GlAccount, string CostCenter, long AmountMinor)> Shares, bool Paid);

/// <summary>A line of a bill's totals: a key (vendor, GL account, cost center) and its net, tax and total.</summary>
public sealed record BillTotal(string Key, long NetMinor, long TaxMinor)
{
    public long TotalMinor => NetMinor + TaxMinor;
}

/// <summary>What a consolidated bill says: its invoices in a fixed order and the totals by vendor, GL account and cost center.</summary>
public sealed record BillContent(IReadOnlyList<BillInvoice> Invoices, IReadOnlyList<BillTotal> ByVendor, IReadOnlyList<BillTotal> ByGlAccount, IReadOnlyList<BillTotal> ByCostCenter,
    long NetMinor, long TaxMinor)
{
    public long TotalMinor => NetMinor + TaxMinor;
}

/// <summary>
/// Consolidated billing: the cycle a date falls in, and a bill's content built deterministically from its invoices
/// (same invoices in any order → the same bill). Credit notes count negative.
/// </summary>
public static class ConsolidatedBilling
{
    public static (DateOnly From, DateOnly To) PeriodOf(BillingCycle cycle, DateOnly date) => cycle switch
    {
        BillingCycle.Weekly => (date.AddDays(-(((int)date.DayOfWeek + 6) % 7)), date.AddDays(-(((int)date.DayOfWeek + 6) % 7) + 6)),
        _ => (new DateOnly(date.Year, date.Month, 1), new DateOnly(date.Year, date.Month, 1).AddMonths(1).AddDays(-1)),
    };

    /// <summary>The last cycle that ended before <paramref name="today"/>.</summary>
    public static (DateOnly From, DateOnly To) LastCompleted(BillingCycle cycle, DateOnly today) => PeriodOf(cycle, PeriodOf(cycle, today).From.AddDays(-1));

    public static BillContent Build(IEnumerable<BillInvoice> invoices)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        var ordered = invoices.OrderBy(i => i.Vendor, StringComparer.Ordinal).ThenBy(i => i.InvoiceDate).ThenBy(i => i.Number, StringComparer.Ordinal).ThenBy(i => i.InvoiceId).ToList();
        static long Sign(BillInvoice i, long amount) => i.IsCredit ? -amount : amount;
        var byVendor = ordered.GroupBy(i => i.Vendor, StringComparer.Ordinal).Select(g => new BillTotal(g.Key, g.Sum(i => Sign(i, i.NetMinor)), g.Sum(i => Sign(i, i.TaxMinor))));
        var shares = ordered.SelectMany(i => i.Shares.Select(s => (i, s))).ToList();
        var byGl = shares.GroupBy(x => x.s.GlAccount, StringComparer.Ordinal).Select(g => new BillTotal(g.Key, g.Sum(x => Sign(x.i, x.s.AmountMinor)), 0));
        var byCostCenter = shares.GroupBy(x => x.s.CostCenter, StringComparer.Ordinal).Select(g => new BillTotal(g.Key, g.Sum(x => Sign(x.i, x.s.AmountMinor)), 0));
        return new BillContent(ordered, Sorted(byVendor), Sorted(byGl), Sorted(byCostCenter), ordered.Sum(i => Sign(i, i.NetMinor)), ordered.Sum(i => Sign(i, i.TaxMinor)));
    }

    private static List<BillTotal> Sorted(IEnumerable<BillTotal> totals) => [.. totals.OrderBy(t => t.Key, StringComparer.Ordinal)];
}
