using Tandem.Domain.Payments;
using Tandem.Domain.Vendors;

namespace Tandem.Domain.Tests.Payments;

public sealed class PaymentSelectionTests
{
    private static readonly Guid VendorA = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid VendorB = new("00000000-0000-0000-0000-00000000000b");
    private static int _next;

    private static PayCandidate Invoice(Guid vendor, long payable, string terms, string date = "2026-03-01", string currency = "USD", bool credit = false)
    {
        var invoiceDate = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        var schedule = PaymentSchedule.For(PaymentTerms.Parse(terms).Value, invoiceDate, payable, WeekendRule.Keep);
        return new PayCandidate(new Guid(++_next, 0, 0, new byte[8]), vendor, currency, credit, invoiceDate, payable, schedule);
    }

    private static SelectionRules Run(string payDate, string? dueBy = null, int costOfCapital = 800) => new(
        DateOnly.Parse(payDate, System.Globalization.CultureInfo.InvariantCulture),
        DateOnly.Parse(dueBy ?? payDate, System.Globalization.CultureInfo.InvariantCulture), costOfCapital);

    [Fact]
    public void Worked_example_discount_taken_on_the_tenth_not_on_the_twelfth()
    {
        var invoice = Invoice(VendorA, 1_000_000, "2/10 net 30");

        var early = Assert.Single(PaymentSelection.Select([invoice], Run("2026-03-10")));
        Assert.Equal(980_000, early.AmountMinor);
        Assert.Equal(20_000, early.DiscountMinor);
        Assert.Equal(PayReason.Discount, Assert.Single(early.Items).Reason);

        Assert.Empty(PaymentSelection.Select([invoice], Run("2026-03-12")));

        var due = Assert.Single(PaymentSelection.Select([invoice], Run("2026-03-31")));
        Assert.Equal(1_000_000, due.AmountMinor);
        Assert.Equal(PayReason.Due, Assert.Single(due.Items).Reason);
    }

    [Fact]
    public void A_discount_below_the_cost_of_capital_is_not_taken_early()
    {
        var invoice = Invoice(VendorA, 1_000_000, "0.5/10 net 30"); // ≈ 9.2 % a year

        Assert.Empty(PaymentSelection.Select([invoice], Run("2026-03-10", costOfCapital: 1000)));
        Assert.Single(PaymentSelection.Select([invoice], Run("2026-03-10", costOfCapital: 800)));
    }

    [Fact]
    public void A_due_invoice_whose_discount_is_still_available_and_worth_it_gets_the_discount()
    {
        var invoice = Invoice(VendorA, 50_000, "2/10 net 30");

        var payment = Assert.Single(PaymentSelection.Select([invoice], Run("2026-03-05", dueBy: "2026-04-30")));

        Assert.Equal(49_000, payment.AmountMinor);
    }

    [Fact]
    public void Credit_notes_net_against_the_same_vendor_and_currency_oldest_first_while_the_payment_stays_positive()
    {
        var invoice = Invoice(VendorA, 100_000, "net 10");
        var oldCredit = Invoice(VendorA, 30_000, "net 10", date: "2026-02-01", credit: true);
        var bigCredit = Invoice(VendorA, 80_000, "net 10", date: "2026-02-15", credit: true);
        var smallCredit = Invoice(VendorA, 20_000, "net 10", date: "2026-02-20", credit: true);
        var euroCredit = Invoice(VendorA, 5_000, "net 10", currency: "EUR", credit: true);
        var otherVendor = Invoice(VendorB, 40_000, "net 10");

        var payments = PaymentSelection.Select([invoice, oldCredit, bigCredit, smallCredit, euroCredit, otherVendor], Run("2026-03-31"));

        Assert.Equal(2, payments.Count);
        var a = payments.Single(p => p.VendorId == VendorA);
        Assert.Equal("USD", a.Currency);
        Assert.Equal(50_000, a.AmountMinor); // 100,000 − 30,000 − 20,000; the 80,000 credit waits
        Assert.DoesNotContain(a.Items, i => i.Invoice == bigCredit || i.Invoice == euroCredit);
        Assert.Equal(40_000, payments.Single(p => p.VendorId == VendorB).AmountMinor);
    }

    [Fact]
    public void Credits_alone_make_no_payment() =>
        Assert.Empty(PaymentSelection.Select([Invoice(VendorA, 10_000, "net 10", credit: true)], Run("2026-03-31")));

    [Fact]
    public void One_payment_per_vendor_per_currency()
    {
        var payments = PaymentSelection.Select(
            [Invoice(VendorA, 100, "net 1"), Invoice(VendorA, 200, "net 1"), Invoice(VendorA, 300, "net 1", currency: "EUR")], Run("2026-03-31"));

        Assert.Equal([("EUR", 300L), ("USD", 300L)], payments.Select(p => (p.Currency, p.AmountMinor)));
    }
}

public sealed class RunApprovalTests
{
    private static readonly Guid Preparer = Guid.NewGuid();
    private static readonly Guid Casey = Guid.NewGuid();
    private static readonly Guid Dana = Guid.NewGuid();

    [Fact]
    public void The_preparer_never_approves() =>
        Assert.Equal("payment_run.preparer_cannot_approve", RunApproval.Check(Preparer, null, false, Preparer).Errors[0].Code);

    [Fact]
    public void Below_the_threshold_one_other_person_approves() =>
        Assert.Equal(RunApprovalStep.Final, RunApproval.Check(Preparer, null, false, Casey).Value);

    [Fact]
    public void Above_the_threshold_two_different_people_approve()
    {
        Assert.Equal(RunApprovalStep.First, RunApproval.Check(Preparer, null, true, Casey).Value);
        Assert.Equal("payment_run.second_approver_must_differ", RunApproval.Check(Preparer, Casey, true, Casey).Errors[0].Code);
        Assert.Equal(RunApprovalStep.Final, RunApproval.Check(Preparer, Casey, true, Dana).Value);
        Assert.False(RunApproval.Check(Preparer, Casey, true, Preparer).IsSuccess);
    }
}
