using Tandem.Domain.Money;

namespace Tandem.Domain.Invoicing;

/// <summary>Two-way matches an invoice against the order; three-way also against what was received (services are often two-way).</summary>
public enum MatchMethod
{
    TwoWay,
    ThreeWay,
}

/// <summary>Why a line does not match.</summary>
public enum MatchException
{
    PriceOverTolerance,
    QuantityOverOrdered,
    QuantityOverReceived,
    NoReceiptYet,
    AmountOverTolerance,
}

public enum MatchStatus
{
    Matched,
    WithinTolerance,
    Exception,
}

/// <summary>
/// One invoice line against its order line: quantities in <see cref="Quantity"/> units, prices in micros, amounts in
/// minor units, all in the order's currency. <paramref name="ReceivedNet"/> is what arrived net of returns;
/// <paramref name="InvoicedBefore"/> what earlier invoices already billed of the line.
/// </summary>
public sealed record LineFacts(long OrderedUnits, long OrderPriceMicros, long ReceivedNet, long InvoicedBefore, long InvoicedUnits, long InvoicePriceMicros, Currency Currency);

/// <summary>The outcome for a line: status, every exception with what it is about, and the variance accepted or found (in minor units).</summary>
public sealed record LineMatchResult(MatchStatus Status, IReadOnlyList<MatchException> Exceptions, long PriceVarianceMinor, long QuantityOverUnits, string Explanation);

/// <summary>
/// Matches an invoice line: price against the order's unit price within the price tolerance;
/// quantity against what remains to invoice of the order (two-way) or of what was received net of returns (three-way)
/// within the quantity tolerance; the line amount against the order's price × quantity within the amount tolerance.
/// Matched: no variance; within tolerance: variance recorded; otherwise an exception per reason.
/// </summary>
public static class LineMatch
{
    public static LineMatchResult Match(LineFacts facts, MatchMethod method, MatchTolerance tolerance)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(tolerance);
        var exceptions = new List<MatchException>();
        var notes = new List<string>();
        var price = (Quantity q, long micros) => LineAmount.Of(q, new UnitPrice(micros, facts.Currency));
        var invoiced = new Quantity(facts.InvoicedUnits);

        if (!tolerance.Price.Allows(facts.OrderPriceMicros, facts.InvoicePriceMicros))
        {
            exceptions.Add(MatchException.PriceOverTolerance);
            notes.Add($"price {Price(facts.InvoicePriceMicros, facts.Currency)} over the order's {Price(facts.OrderPriceMicros, facts.Currency)}");
        }

        var orderedLeft = facts.OrderedUnits - facts.InvoicedBefore;
        if (!tolerance.Quantity.Allows(orderedLeft, facts.InvoicedUnits))
        {
            exceptions.Add(MatchException.QuantityOverOrdered);
            notes.Add($"quantity {invoiced} over the {new Quantity(orderedLeft)} left to invoice of the order");
        }

        var receivedLeft = facts.ReceivedNet - facts.InvoicedBefore;
        if (method == MatchMethod.ThreeWay)
        {
            if (facts.ReceivedNet == 0)
            {
                exceptions.Add(MatchException.NoReceiptYet);
                notes.Add("nothing received yet");
            }
            else if (!tolerance.Quantity.Allows(receivedLeft, facts.InvoicedUnits))
            {
                exceptions.Add(MatchException.QuantityOverReceived);
                notes.Add($"quantity {invoiced} over the {new Quantity(Math.Max(0, receivedLeft))} received and not yet invoiced ({new Quantity(facts.InvoicedUnits - Math.Max(0, receivedLeft))} more)");
            }
        }

        var expected = price(invoiced, facts.OrderPriceMicros).Minor;
        var billed = price(invoiced, facts.InvoicePriceMicros).Minor;
        if (!exceptions.Contains(MatchException.PriceOverTolerance) && !tolerance.Amount.Allows(expected, billed))
        {
            exceptions.Add(MatchException.AmountOverTolerance);
            notes.Add($"line amount {new Money.Money(billed, facts.Currency).ToAmountString()} over the expected {new Money.Money(expected, facts.Currency).ToAmountString()}");
        }

        var limitUnits = method == MatchMethod.ThreeWay ? Math.Min(orderedLeft, receivedLeft) : orderedLeft;
        var quantityOver = Math.Max(0, facts.InvoicedUnits - limitUnits);
        var variance = billed - expected;
        var status = exceptions.Count > 0 ? MatchStatus.Exception : variance != 0 || quantityOver != 0 ? MatchStatus.WithinTolerance : MatchStatus.Matched;
        var explanation = status switch
        {
            MatchStatus.Matched => "matched",
            MatchStatus.WithinTolerance => $"within tolerance: price variance {new Money.Money(variance, facts.Currency).ToAmountString()}" + (quantityOver > 0 ? $", {new Quantity(quantityOver)} over" : ""),
            _ => string.Join("; ", notes),
        };
        return new LineMatchResult(status, exceptions, variance, quantityOver, explanation);
    }

    private static string Price(long micros, Currency currency) => new UnitPrice(micros, currency).ToDecimal().ToString("0.00####", System.Globalization.CultureInfo.InvariantCulture);
}
