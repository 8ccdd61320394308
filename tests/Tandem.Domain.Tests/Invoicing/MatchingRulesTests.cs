using Tandem.Domain.Invoicing;
using Tandem.Domain.Money;

namespace Tandem.Domain.Tests.Invoicing;

public class MatchingRulesTests
{
    private static readonly Currency Usd = Currency.Of("USD");

    private static long Units(decimal quantity) => Quantity.FromDecimal(quantity).Units;

    private static long Micros(decimal price) => UnitPrice.FromDecimal(price, Usd).Micros;

    private static LineFacts Facts(decimal ordered, decimal orderPrice, decimal received, decimal invoiced, decimal invoicePrice, decimal invoicedBefore = 0) =>
        new(Units(ordered), Micros(orderPrice), Units(received), Units(invoicedBefore), Units(invoiced), Micros(invoicePrice), Usd);

    [Fact]
    public void Worked_example_quantity_over_received_until_the_rest_arrives()
    {
        var short2 = LineMatch.Match(Facts(10, 5.00m, 8, 10, 5.00m), MatchMethod.ThreeWay, MatchTolerance.Exact);
        Assert.Equal(MatchStatus.Exception, short2.Status);
        Assert.Equal([MatchException.QuantityOverReceived], short2.Exceptions);
        Assert.Equal(Units(2), short2.QuantityOverUnits);
        Assert.Contains("(2 more)", short2.Explanation);

        var rematched = LineMatch.Match(Facts(10, 5.00m, 10, 10, 5.00m), MatchMethod.ThreeWay, MatchTolerance.Exact);
        Assert.Equal(MatchStatus.Matched, rematched.Status);
        Assert.Equal("matched", rematched.Explanation);

        // Two-way ignores receipts (services): the same invoice matches the order.
        Assert.Equal(MatchStatus.Matched, LineMatch.Match(Facts(10, 5.00m, 0, 10, 5.00m), MatchMethod.TwoWay, MatchTolerance.Exact).Status);
        Assert.Equal([MatchException.NoReceiptYet], LineMatch.Match(Facts(10, 5.00m, 0, 10, 5.00m), MatchMethod.ThreeWay, MatchTolerance.Exact).Exceptions);
    }

    [Fact]
    public void Worked_example_price_variance_with_percent_or_per_unit_tolerance()
    {
        var onePercent = MatchTolerance.Exact with { Price = new Limit(100, null), Amount = new Limit(100, null) };
        var over = LineMatch.Match(Facts(100, 2.00m, 100, 100, 2.03m), MatchMethod.ThreeWay, onePercent); // +1.5 %
        Assert.Equal([MatchException.PriceOverTolerance], over.Exceptions);

        var percentOrFiveCents = new MatchTolerance(new Limit(100, Micros(0.05m)), Limit.None, new Limit(100, 500));
        var within = LineMatch.Match(Facts(100, 2.00m, 100, 100, 2.04m), MatchMethod.ThreeWay, percentOrFiveCents);
        Assert.Equal(MatchStatus.WithinTolerance, within.Status);
        Assert.Equal(400, within.PriceVarianceMinor); // 4.00 recorded
        Assert.Equal("within tolerance: price variance 4.00", within.Explanation);

        var both = new MatchTolerance(new Limit(100, Micros(0.05m), ToleranceCombination.Both), Limit.None, new Limit(null, 500));
        Assert.Equal([MatchException.PriceOverTolerance], LineMatch.Match(Facts(100, 2.00m, 100, 100, 2.04m), MatchMethod.ThreeWay, both).Exceptions);
    }

    [Theory]
    [InlineData(200, null, ToleranceCombination.Either, 10_000, 10_200, true)]
    [InlineData(200, null, ToleranceCombination.Either, 10_000, 10_201, false)]
    [InlineData(null, 50L, ToleranceCombination.Either, 10_000, 10_050, true)]
    [InlineData(100, 50L, ToleranceCombination.Either, 10_000, 10_100, true)]   // 1 % = 100 allows it
    [InlineData(100, 50L, ToleranceCombination.Both, 10_000, 10_100, false)]    // 50 does not
    [InlineData(null, null, ToleranceCombination.Either, 10_000, 10_001, false)] // nothing tolerated
    [InlineData(null, null, ToleranceCombination.Either, 10_000, 9_000, true)]   // paying less is never an exception
    public void Limits_combine_percent_and_absolute(int? basisPoints, long? absolute, ToleranceCombination combination, long reference, long actual, bool allowed) =>
        Assert.Equal(allowed, new Limit(basisPoints, absolute, combination).Allows(reference, actual));

    [Fact]
    public void Earlier_invoices_reduce_what_is_left_to_invoice()
    {
        var second = LineMatch.Match(Facts(10, 5.00m, 10, 6, 5.00m, invoicedBefore: 6), MatchMethod.ThreeWay, MatchTolerance.Exact);
        Assert.Equal([MatchException.QuantityOverOrdered, MatchException.QuantityOverReceived], second.Exceptions);
        Assert.Equal(MatchStatus.Matched, LineMatch.Match(Facts(10, 5.00m, 10, 4, 5.00m, invoicedBefore: 6), MatchMethod.ThreeWay, MatchTolerance.Exact).Status);
    }

    [Theory]
    [InlineData("INV-00123", "inv 123", true)]
    [InlineData("Invoice #123", "123", true)]
    [InlineData("INV-00123", "INV-1230", false)]
    [InlineData("A-0042", "a0042", true)]
    [InlineData("RE-7", "Rechnung 7", false)]
    [InlineData("---", "", false)]
    public void Invoice_numbers_written_differently_are_the_same_number(string a, string b, bool same) =>
        Assert.Equal(same, InvoiceNumbers.SameNumber(a, b));
}
