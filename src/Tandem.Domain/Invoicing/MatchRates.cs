namespace Tandem.Domain.Invoicing;

/// <summary>One invoice's processing record: did its first match pass, did anyone have to touch it, why it stopped.</summary>
public sealed record InvoiceOutcome(Guid VendorId, bool FirstPassMatched, bool Touched, bool ReadyToPay, IReadOnlyList<string> FirstExceptions);

/// <summary>
/// First-pass match rate: share of invoices whose first match found no exception (invoice accuracy). Touchless rate:
/// share that reached "ready to pay" without anyone keying, adjusting, resolving or assigning them. Exceptions by
/// reason: how many invoices stopped on each reason at their first match. Rates are in basis points (of 10,000).
/// Invoices without a purchase order are approved, not matched, and are left out of all three.
/// </summary>
public sealed record MatchRates(int Invoices, int FirstPassMatched, int Touchless, int FirstPassBasisPoints, int TouchlessBasisPoints, IReadOnlyDictionary<string, int> ExceptionsByReason)
{
    /// <summary>The reason a non-PO invoice stops with (<see cref="HeaderException.NoPurchaseOrder"/>, as recorded).</summary>
    public const string NoPurchaseOrder = "noPurchaseOrder";

    /// <summary>The invoice had an order to be matched against (a non-PO invoice first stops for want of one).</summary>
    private static bool Matchable(IEnumerable<string> firstExceptions) => !firstExceptions.Contains(NoPurchaseOrder, StringComparer.Ordinal);

    public static MatchRates Of(IEnumerable<InvoiceOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var list = outcomes.Where(o => Matchable(o.FirstExceptions)).ToList();
        var firstPass = list.Count(o => o.FirstPassMatched);
        var touchless = list.Count(o => o.ReadyToPay && !o.Touched);
        int Rate(int part) => list.Count == 0 ? 0 : (int)Math.Round(part * 10_000m / list.Count, MidpointRounding.AwayFromZero);
        var reasons = list.SelectMany(o => o.FirstExceptions.Distinct()).GroupBy(r => r, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new MatchRates(list.Count, firstPass, touchless, Rate(firstPass), Rate(touchless), reasons);
    }

    /// <summary>The rates overall and per vendor.</summary>
    public static (MatchRates Overall, IReadOnlyDictionary<Guid, MatchRates> ByVendor) OverallAndByVendor(IReadOnlyCollection<InvoiceOutcome> outcomes) =>
        (Of(outcomes), outcomes.GroupBy(o => o.VendorId).ToDictionary(g => g.Key, g => Of(g)));
}
