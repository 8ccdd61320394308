using Tandem.Domain.Billing;

namespace Tandem.Domain.Tests.Accounting;

public sealed class ConsolidatedBillingTests
{
    [Theory]
    [InlineData(BillingCycle.Weekly, "2026-11-30", "2026-11-23", "2026-11-29")]
    [InlineData(BillingCycle.Weekly, "2026-11-29", "2026-11-16", "2026-11-22")]
    [InlineData(BillingCycle.Monthly, "2026-11-30", "2026-10-01", "2026-10-31")]
    [InlineData(BillingCycle.Monthly, "2028-03-01", "2028-02-01", "2028-02-29")]
    public void The_last_completed_cycle(BillingCycle cycle, string today, string from, string to)
    {
        var (f, t) = ConsolidatedBilling.LastCompleted(cycle, D(today));
        Assert.Equal((D(from), D(to)), (f, t));
    }

    [Fact]
    public void A_bill_is_the_same_whatever_order_its_invoices_come_in_and_credits_count_negative()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        BillInvoice[] invoices =
        [
            new(Guid.NewGuid(), "A-1", D("2026-11-03"), a, "Acme", false, 10_000, 1_000, [("6100", "CC-100", 6_000), ("6200", "CC-200", 4_000)], false),
            new(Guid.NewGuid(), "B-1", D("2026-11-04"), b, "Beta", false, 5_000, 0, [("6100", "CC-100", 5_000)], true),
            new(Guid.NewGuid(), "A-1C", D("2026-11-10"), a, "Acme", true, 2_000, 200, [("6100", "CC-100", 2_000)], false),
        ];

        var one = ConsolidatedBilling.Build(invoices);
        var two = ConsolidatedBilling.Build(invoices.Reverse());

        Assert.Equal(one.Invoices, two.Invoices);
        Assert.Equal(one.ByVendor, two.ByVendor);
        Assert.Equal(13_000, one.NetMinor);
        Assert.Equal(800, one.TaxMinor);
        Assert.Equal(new BillTotal("Acme", 8_000, 800), one.ByVendor[0]);
        Assert.Equal(new BillTotal("6100", 9_000, 0), one.ByGlAccount[0]);
        Assert.Equal(new BillTotal("CC-200", 4_000, 0), one.ByCostCenter[1]);
    }

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
