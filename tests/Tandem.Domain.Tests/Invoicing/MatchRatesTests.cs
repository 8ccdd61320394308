using Tandem.Domain.Invoicing;

namespace Tandem.Domain.Tests.Invoicing;

public class MatchRatesTests
{
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();

    [Fact]
    public void Rates_count_first_pass_touchless_and_reasons_overall_and_per_vendor()
    {
        var (overall, byVendor) = MatchRates.OverallAndByVendor(
        [
            new(A, FirstPassMatched: true, Touched: false, ReadyToPay: true, []),
            new(A, FirstPassMatched: true, Touched: true, ReadyToPay: true, []),
            new(A, FirstPassMatched: false, Touched: false, ReadyToPay: true, ["noReceiptYet"]),
            new(B, FirstPassMatched: false, Touched: true, ReadyToPay: false, ["priceOverTolerance", "possibleDuplicate"]),
        ]);
        Assert.Equal(4, overall.Invoices);
        Assert.Equal(5_000, overall.FirstPassBasisPoints);
        Assert.Equal(5_000, overall.TouchlessBasisPoints);
        Assert.Equal(6_667, byVendor[A].FirstPassBasisPoints);
        Assert.Equal(0, byVendor[B].TouchlessBasisPoints);
        Assert.Equal(1, overall.ExceptionsByReason["priceOverTolerance"]);
        Assert.Equal(3, overall.ExceptionsByReason.Count);
    }

    [Fact]
    public void Invoices_without_a_purchase_order_are_approved_not_matched_and_left_out()
    {
        var rates = MatchRates.Of(
        [
            new(A, FirstPassMatched: true, Touched: false, ReadyToPay: true, []),
            new(A, FirstPassMatched: false, Touched: true, ReadyToPay: true, [MatchRates.NoPurchaseOrder]),
            new(A, FirstPassMatched: false, Touched: true, ReadyToPay: false, [MatchRates.NoPurchaseOrder, "possibleDuplicate"]),
        ]);
        Assert.Equal((1, 10_000, 10_000), (rates.Invoices, rates.FirstPassBasisPoints, rates.TouchlessBasisPoints));
        Assert.Empty(rates.ExceptionsByReason);
    }

    [Fact]
    public void No_invoices_gives_zero_rates_not_a_division_by_zero() => Assert.Equal(0, MatchRates.Of([]).FirstPassBasisPoints);
}
