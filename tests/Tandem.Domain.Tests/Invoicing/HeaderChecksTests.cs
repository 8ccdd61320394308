using Tandem.Domain.Invoicing;

namespace Tandem.Domain.Tests.Invoicing;

public class HeaderChecksTests
{
    private static HeaderFacts Clean => new("USD", "USD", OrderOpen: true, VendorBlocked: false, TaxMinor: 500, ExpectedTaxMinor: 500, Lines: 1, Limit.None, PossibleDuplicateOf: null);

    [Fact]
    public void A_clean_invoice_has_no_header_exception() => Assert.Empty(HeaderChecks.Check(Clean).Exceptions);

    [Fact]
    public void Each_header_problem_is_named_and_explained()
    {
        var result = HeaderChecks.Check(Clean with { InvoiceCurrency = "EUR", OrderOpen = false, VendorBlocked = true, TaxMinor = 900, PossibleDuplicateOf = "INV-7" });
        Assert.Equal([HeaderException.PossibleDuplicate, HeaderException.CurrencyMismatch, HeaderException.OrderClosed, HeaderException.BlockedVendor, HeaderException.TaxMismatch], result.Exceptions);
        Assert.Contains("possible duplicate of INV-7", result.Explanation);
        Assert.Contains("billed in EUR, ordered in USD", result.Explanation);
    }

    [Theory]
    [InlineData(501, 1, false)] // a cent of rounding on one line
    [InlineData(503, 3, false)] // a cent per line
    [InlineData(510, 1, true)]
    [InlineData(100, 1, false)] // less tax than the order estimated: self-assessed or exempt, not an exception
    public void Tax_is_an_exception_only_above_the_order_rates_beyond_rounding(long tax, int lines, bool mismatch) =>
        Assert.Equal(mismatch, HeaderChecks.Check(Clean with { TaxMinor = tax, Lines = lines }).Exceptions.Contains(HeaderException.TaxMismatch));

    [Fact]
    public void The_amount_tolerance_also_covers_tax() =>
        Assert.Empty(HeaderChecks.Check(Clean with { TaxMinor = 520, AmountTolerance = new Limit(500, null) }).Exceptions); // 5 % of 5.00 = 0.25

    [Theory]
    [InlineData("2026-12-01", "2026-12-11", true)]
    [InlineData("2026-12-01", "2026-12-12", false)]
    [InlineData("2026-12-11", "2026-12-01", true)]
    public void Duplicate_dates_are_close_within_ten_days_either_way(string a, string b, bool close) =>
        Assert.Equal(close, HeaderChecks.CloseDates(DateOnly.Parse(a, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(b, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Exceptions_go_to_who_can_answer_them()
    {
        Assert.Equal(ExceptionOwner.Buyer, ExceptionRouting.OwnerOf(MatchException.PriceOverTolerance));
        Assert.Equal(ExceptionOwner.Buyer, ExceptionRouting.OwnerOf(MatchException.QuantityOverOrdered));
        Assert.Equal(ExceptionOwner.Requester, ExceptionRouting.OwnerOf(MatchException.NoReceiptYet));
        Assert.Equal(ExceptionOwner.Requester, ExceptionRouting.OwnerOf(MatchException.QuantityOverReceived));
        Assert.Equal(ExceptionOwner.AccountsPayable, ExceptionRouting.OwnerOf(HeaderException.PossibleDuplicate));
        Assert.Equal(ExceptionOwner.Controller, ExceptionRouting.OwnerOf(HeaderException.BlockedVendor));
    }
}
