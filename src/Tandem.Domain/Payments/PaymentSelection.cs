namespace Tandem.Domain.Payments;

/// <summary>A ready-to-pay invoice or credit note not yet paid nor in another run.</summary>
/// <param name="PayableMinor">What it is for (positive for invoices and credit notes alike).</param>
public sealed record PayCandidate(
    Guid InvoiceId, Guid VendorId, string Currency, bool IsCredit, DateOnly InvoiceDate, long PayableMinor, InvoiceSchedule Schedule);

/// <summary>The run's dates and the company's cost of capital.</summary>
/// <param name="DueBy">Invoices due on or before this date are paid in full.</param>
public sealed record SelectionRules(DateOnly PayDate, DateOnly DueBy, int CostOfCapitalBasisPoints);

public enum PayReason
{
    /// <summary>Due by the run's due-by date: paid in full.</summary>
    Due,

    /// <summary>Its discount is worth taking and still available on the pay date: paid early, less the discount.</summary>
    Discount,

    /// <summary>A credit note netted against the vendor's invoices in the same payment.</summary>
    Credit,
}

/// <summary>One invoice in a payment: what it is for, the discount taken and what it adds to the payment (negative for a credit).</summary>
public sealed record PayItem(PayCandidate Invoice, PayReason Reason, long DiscountMinor)
{
    public long PaidMinor => Invoice.IsCredit ? -Invoice.PayableMinor : Invoice.PayableMinor - DiscountMinor;
}

/// <summary>One payment: a vendor, a currency, its invoices net of its credit notes.</summary>
public sealed record PaymentGroup(Guid VendorId, string Currency, IReadOnlyList<PayItem> Items)
{
    public long AmountMinor => Items.Sum(i => i.PaidMinor);

    public long DiscountMinor => Items.Sum(i => i.DiscountMinor);
}

/// <summary>
/// Chooses what a payment run pays: invoices due by the due-by date in full, and invoices whose discount is worth
/// taking (it earns more a year than the cost of capital) and still available on the pay date, less the discount.
/// Each vendor's open credit notes are netted against its invoices in the same currency, oldest first, as long as the
/// payment stays above zero; one payment per vendor per currency. Who may be paid at all (vendor status, bank
/// details) is decided before: candidates are what may be paid.
/// </summary>
public static class PaymentSelection
{
    /// <summary>Why an invoice would be in a run with these rules, or null when it would not.</summary>
    public static PayItem? Decide(PayCandidate candidate, SelectionRules rules)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(rules);
        if (candidate.IsCredit)
        {
            return new PayItem(candidate, PayReason.Credit, 0);
        }

        var schedule = candidate.Schedule;
        if (schedule.DiscountAvailable(rules.PayDate) && schedule.WorthTaking(rules.CostOfCapitalBasisPoints))
        {
            return new PayItem(candidate, PayReason.Discount, schedule.DiscountMinor);
        }

        return schedule.DueDate <= rules.DueBy ? new PayItem(candidate, PayReason.Due, 0) : null;
    }

    public static IReadOnlyList<PaymentGroup> Select(IEnumerable<PayCandidate> candidates, SelectionRules rules)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var chosen = new List<PayItem>();
        foreach (var c in candidates)
        {
            if (Decide(c, rules) is { } item)
            {
                chosen.Add(item);
            }
        }

        return Group(chosen);
    }

    /// <summary>
    /// Groups items into payments (vendor, currency). Credits are kept oldest first while the payment stays above zero;
    /// the rest wait for the vendor's next invoices. A group with no invoice is dropped.
    /// </summary>
    public static IReadOnlyList<PaymentGroup> Group(IEnumerable<PayItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var payments = new List<PaymentGroup>();
        foreach (var group in items.GroupBy(i => (i.Invoice.VendorId, i.Invoice.Currency)).OrderBy(g => g.Key.VendorId).ThenBy(g => g.Key.Currency, StringComparer.Ordinal))
        {
            var invoices = group.Where(i => !i.Invoice.IsCredit).OrderBy(i => i.Invoice.InvoiceDate).ThenBy(i => i.Invoice.InvoiceId).ToList();
            if (invoices.Count == 0)
            {
                continue;
            }

            var total = invoices.Sum(i => i.PaidMinor);
            var kept = new List<PayItem>(invoices);
            foreach (var credit in group.Where(i => i.Invoice.IsCredit).OrderBy(i => i.Invoice.InvoiceDate).ThenBy(i => i.Invoice.InvoiceId))
            {
                if (total + credit.PaidMinor > 0)
                {
                    total += credit.PaidMinor;
                    kept.Add(credit);
                }
            }

            payments.Add(new PaymentGroup(group.Key.VendorId, group.Key.Currency, kept));
        }

        return payments;
    }
}
