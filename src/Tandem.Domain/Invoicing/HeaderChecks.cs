namespace Tandem.Domain.Invoicing;

/// <summary>Why an invoice as a whole does not match, whatever its lines say.</summary>
public enum HeaderException
{
    /// <summary>Same vendor, same total, invoice dates close together: a person confirms it is not billed twice.</summary>
    PossibleDuplicate,

    CurrencyMismatch,

    /// <summary>The invoice charges more tax than the order lines' tax rates give on what it bills.</summary>
    TaxMismatch,

    /// <summary>The order was closed or cancelled: nothing more should be billed against it.</summary>
    OrderClosed,

    /// <summary>The vendor is blocked: its invoices cannot be paid.</summary>
    BlockedVendor,

    /// <summary>A non-PO invoice: nothing to match it against, so the people its approval policy names decide.</summary>
    NoPurchaseOrder,
}

/// <summary>What the header checks look at. Amounts in minor units of the invoice currency.</summary>
public sealed record HeaderFacts(
    string InvoiceCurrency,
    string OrderCurrency,
    bool OrderOpen,
    bool VendorBlocked,
    long TaxMinor,
    long ExpectedTaxMinor,
    int Lines,
    Limit AmountTolerance,
    string? PossibleDuplicateOf);

public sealed record HeaderResult(IReadOnlyList<HeaderException> Exceptions, string Explanation);

/// <summary>
/// The invoice-level checks of matching: currency, vendor, order still open, tax against the order's rates, and the
/// soft duplicate rule. Tax may differ by one minor unit per line (rounding) or within the amount tolerance.
/// </summary>
public static class HeaderChecks
{
    /// <summary>Invoices of one vendor with the same total this many days apart or closer are possible duplicates.</summary>
    public const int DuplicateWindowDays = 10;

    public static HeaderResult Check(HeaderFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var found = new List<(HeaderException Exception, string Why)>();
        Duplicate(found, facts.PossibleDuplicateOf);
        if (facts.InvoiceCurrency != facts.OrderCurrency)
        {
            found.Add((HeaderException.CurrencyMismatch, $"billed in {facts.InvoiceCurrency}, ordered in {facts.OrderCurrency}"));
        }

        if (!facts.OrderOpen)
        {
            found.Add((HeaderException.OrderClosed, "the order is closed or cancelled"));
        }

        Blocked(found, facts.VendorBlocked);
        var over = facts.TaxMinor - facts.ExpectedTaxMinor;
        if (over > Math.Max(1, facts.Lines) && !facts.AmountTolerance.Allows(facts.ExpectedTaxMinor, facts.TaxMinor))
        {
            found.Add((HeaderException.TaxMismatch, $"tax {facts.TaxMinor} is over the {facts.ExpectedTaxMinor} the order's rates give (minor units)"));
        }

        return Result(found);
    }

    /// <summary>
    /// The checks of an invoice without an order: it waits for its approval route (<paramref name="waitingFor"/> says
    /// for whom; null once approved), and the vendor and duplicate checks apply as to any invoice.
    /// </summary>
    public static HeaderResult CheckWithoutOrder(string? waitingFor, bool vendorBlocked, string? possibleDuplicateOf)
    {
        var found = new List<(HeaderException Exception, string Why)>();
        if (waitingFor is not null)
        {
            found.Add((HeaderException.NoPurchaseOrder, $"no purchase order: waits for approval by {waitingFor}"));
        }

        Duplicate(found, possibleDuplicateOf);
        Blocked(found, vendorBlocked);

        return Result(found);
    }

    private static void Duplicate(List<(HeaderException, string)> found, string? earlier)
    {
        if (earlier is not null)
        {
            found.Add((HeaderException.PossibleDuplicate, $"possible duplicate of {earlier} (same vendor and total, dated within {DuplicateWindowDays} days)"));
        }
    }

    private static void Blocked(List<(HeaderException, string)> found, bool vendorBlocked)
    {
        if (vendorBlocked)
        {
            found.Add((HeaderException.BlockedVendor, "the vendor is blocked"));
        }
    }

    private static HeaderResult Result(List<(HeaderException Exception, string Why)> found) =>
        new([.. found.Select(f => f.Exception)], string.Join("; ", found.Select(f => f.Why)));

    /// <summary>The soft duplicate rule on dates: within <see cref="DuplicateWindowDays"/> of each other, either way.</summary>
    public static bool CloseDates(DateOnly a, DateOnly b) => Math.Abs(a.DayNumber - b.DayNumber) <= DuplicateWindowDays;
}
