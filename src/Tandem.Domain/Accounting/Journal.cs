namespace Tandem.Domain.Accounting;

/// <summary>Where an amount is charged: a GL account and, for expenses, the dimensions it was split by.</summary>
public sealed record Posting(Guid GlAccountId, Guid? DepartmentId = null, Guid? CostCenterId = null, Guid? ProjectId = null);

/// <summary>One side of a journal line (amounts in minor units of the entry's currency, never negative).</summary>
public sealed record JournalLineDraft(Posting Posting, long DebitMinor, long CreditMinor, string Memo);

/// <summary>A balanced journal entry in one currency, before it is stored.</summary>
public sealed record JournalDraft(DateOnly Date, string Currency, string Memo, IReadOnlyList<JournalLineDraft> Lines)
{
    public long Debits => Lines.Sum(l => l.DebitMinor);

    public long Credits => Lines.Sum(l => l.CreditMinor);

    public bool IsBalanced => Debits == Credits && Lines.All(l => l.DebitMinor >= 0 && l.CreditMinor >= 0);
}

/// <summary>An invoice's amounts as the books see them: each expense share, tax, and what is owed to the vendor.</summary>
/// <param name="Expenses">Net amounts by posting (lines split by their allocations), charges included.</param>
public sealed record InvoiceFacts(DateOnly Date, string Currency, string Number, string Vendor, bool IsCredit, IReadOnlyList<(Posting Posting, long AmountMinor)> Expenses, long TaxMinor);

/// <summary>A settled payment: what it cleared of the vendor's balance, the discount earned and the cash that left.</summary>
public sealed record PaymentFacts(DateOnly Date, string Currency, string Reference, string Vendor, long ClearedMinor, long DiscountMinor, long PaidMinor);

/// <summary>The accounts the company books payables with.</summary>
public sealed record LedgerAccounts(Guid Payables, Guid Tax, Guid Cash, Guid DiscountsReceived, Guid Accruals);

/// <summary>
/// The journal entries of procure-to-pay, balanced by construction: an invoice debits its expenses (by allocation) and
/// recoverable tax and credits accounts payable; a credit note the reverse; a payment debits payables for what it
/// cleared and credits cash and the discount earned; the received-not-invoiced accrual debits expenses and credits the
/// accrual account at period end, reversed on the first day of the next period.
/// </summary>
public static class Journals
{
    public static JournalDraft ForInvoice(InvoiceFacts invoice, LedgerAccounts accounts)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(accounts);
        var memo = $"{(invoice.IsCredit ? "Credit note" : "Invoice")} {invoice.Number} {invoice.Vendor}";
        var lines = new List<JournalLineDraft>();
        foreach (var (posting, amount) in invoice.Expenses.Where(e => e.AmountMinor != 0))
        {
            lines.Add(Side(posting, amount, debit: !invoice.IsCredit, memo));
        }

        if (invoice.TaxMinor != 0)
        {
            lines.Add(Side(new Posting(accounts.Tax), invoice.TaxMinor, debit: !invoice.IsCredit, memo));
        }

        var owed = invoice.Expenses.Sum(e => e.AmountMinor) + invoice.TaxMinor;
        lines.Add(Side(new Posting(accounts.Payables), owed, debit: invoice.IsCredit, memo));
        return new JournalDraft(invoice.Date, invoice.Currency, memo, lines);
    }

    public static JournalDraft ForPayment(PaymentFacts payment, LedgerAccounts accounts)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(accounts);
        var memo = $"Payment {payment.Reference} {payment.Vendor}";
        var lines = new List<JournalLineDraft> { new(new Posting(accounts.Payables), payment.ClearedMinor, 0, memo), new(new Posting(accounts.Cash), 0, payment.PaidMinor, memo) };
        if (payment.DiscountMinor > 0)
        {
            lines.Add(new JournalLineDraft(new Posting(accounts.DiscountsReceived), 0, payment.DiscountMinor, memo));
        }

        return new JournalDraft(payment.Date, payment.Currency, memo, lines);
    }

    /// <summary>The accrual at <paramref name="periodEnd"/> for goods received and not invoiced, and its reversal the next day (one currency).</summary>
    public static (JournalDraft Accrual, JournalDraft Reversal) ForAccrual(DateOnly periodEnd, string currency, IReadOnlyList<(Posting Posting, long AmountMinor)> received, LedgerAccounts accounts)
    {
        ArgumentNullException.ThrowIfNull(received);
        ArgumentNullException.ThrowIfNull(accounts);
        var memo = $"Received not invoiced at {periodEnd:yyyy-MM-dd}";
        var total = received.Sum(r => r.AmountMinor);
        List<JournalLineDraft> Lines(bool reverse) =>
        [
            .. received.Where(r => r.AmountMinor != 0).Select(r => Side(r.Posting, r.AmountMinor, debit: !reverse, memo)),
            Side(new Posting(accounts.Accruals), total, debit: reverse, memo),
        ];
        return (new JournalDraft(periodEnd, currency, memo, Lines(false)), new JournalDraft(periodEnd.AddDays(1), currency, "Reversal: " + memo, Lines(true)));
    }

    /// <summary>A debit or credit of <paramref name="amount"/>; a negative amount goes to the other side.</summary>
    private static JournalLineDraft Side(Posting posting, long amount, bool debit, string memo) =>
        (amount >= 0) == debit ? new JournalLineDraft(posting, Math.Abs(amount), 0, memo) : new JournalLineDraft(posting, 0, Math.Abs(amount), memo);
}

/// <summary>Accounting periods are calendar months, named "2026-11".</summary>
public static class Periods
{
    public static string Of(DateOnly date) => $"{date.Year:D4}-{date.Month:D2}";

    public static bool TryParse(string? text, out DateOnly first)
    {
        first = default;
        return text is { Length: 7 } && text[4] == '-'
            && int.TryParse(text.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
            && int.TryParse(text.AsSpan(5, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var month)
            && year is >= 2000 and <= 2200 && month is >= 1 and <= 12
            && (first = new DateOnly(year, month, 1)) != default;
    }

    public static DateOnly End(DateOnly first) => first.AddMonths(1).AddDays(-1);

    /// <summary>The first day of a period known to be well formed (a stored one).</summary>
    public static DateOnly FirstOf(string period) => TryParse(period, out var first) ? first : throw new ArgumentException($"Not a period: {period}", nameof(period));
}
