using Tandem.Domain.Money;
using Tandem.Domain.Vendors;

namespace Tandem.Domain.Tests.Vendors;

public class VendorRulesTests
{
    private static readonly Guid Requester = Guid.NewGuid();
    private static readonly Guid Ana = Guid.NewGuid();
    private static readonly Guid Ben = Guid.NewGuid();

    [Theory]
    [InlineData(VendorStatus.Prospect, VendorStatus.InReview, true)]
    [InlineData(VendorStatus.InReview, VendorStatus.Prospect, true)]
    [InlineData(VendorStatus.Active, VendorStatus.OnHold, true)]
    [InlineData(VendorStatus.OnHold, VendorStatus.Active, true)]
    [InlineData(VendorStatus.Active, VendorStatus.Blocked, true)]
    [InlineData(VendorStatus.Blocked, VendorStatus.InReview, true)]
    [InlineData(VendorStatus.Prospect, VendorStatus.Active, false)]
    [InlineData(VendorStatus.InReview, VendorStatus.Active, false)]
    [InlineData(VendorStatus.Blocked, VendorStatus.Active, false)]
    [InlineData(VendorStatus.OnHold, VendorStatus.Prospect, false)]
    public void Transitions_follow_the_lifecycle(VendorStatus from, VendorStatus to, bool allowed)
    {
        var result = VendorLifecycle.Transition(from, to, "because");
        Assert.Equal(allowed, result.IsSuccess);
    }

    [Fact]
    public void A_transition_needs_a_reason()
    {
        var result = VendorLifecycle.Transition(VendorStatus.Active, VendorStatus.OnHold, "  ");
        Assert.Equal("reason", result.FirstError.Field);
    }

    [Fact]
    public void Status_decides_orders_and_payments()
    {
        Assert.True(VendorLifecycle.CanReceiveNewOrders(VendorStatus.Active));
        Assert.False(VendorLifecycle.CanReceiveNewOrders(VendorStatus.OnHold));
        Assert.True(VendorLifecycle.KeepsOpenOrders(VendorStatus.OnHold));
        Assert.False(VendorLifecycle.KeepsOpenOrders(VendorStatus.Blocked));
        Assert.False(VendorLifecycle.CanBePaid(VendorStatus.Blocked));
        Assert.True(VendorLifecycle.CanBePaid(VendorStatus.OnHold));
    }

    [Fact]
    public void Approval_needs_a_buyer_and_a_controller_who_are_two_people_other_than_the_requester()
    {
        Assert.Equal("vendor.self_approval", VendorApprovalRule.CanSignOff(Requester, [], Requester, "buyer")?.Code);
        var afterBuyer = new List<VendorSignOff> { new(Ana, "buyer") };
        Assert.False(VendorApprovalRule.IsSatisfied(afterBuyer));
        Assert.Equal("vendor.second_person_required", VendorApprovalRule.CanSignOff(Requester, afterBuyer, Ana, "controller")?.Code);
        Assert.Equal("vendor.already_signed", VendorApprovalRule.CanSignOff(Requester, afterBuyer, Ben, "buyer")?.Code);
        Assert.Null(VendorApprovalRule.CanSignOff(Requester, afterBuyer, Ben, "controller"));
        Assert.True(VendorApprovalRule.IsSatisfied([.. afterBuyer, new(Ben, "controller")]));
        Assert.False(VendorApprovalRule.IsSatisfied([new(Ana, "buyer"), new(Ana, "controller")]));
    }

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00", true)]
    [InlineData("GB82 WEST 1234 5698 7654 32", true)]
    [InlineData("fr14 2004 1010 0505 0001 3m02 606", true)]
    [InlineData("NL91ABNA0417164300", true)]
    [InlineData("DE89 3704 0044 0532 0130 01", false)]
    [InlineData("DE89 3704 0044 0532 0130", false)]
    [InlineData("XX00", false)]
    [InlineData("", false)]
    public void Iban_checksum_and_length_are_checked(string iban, bool valid) =>
        Assert.Equal(valid, BankAccountRules.IsValidIban(iban));

    [Theory]
    [InlineData("011000015", true)]
    [InlineData("021000021", true)]
    [InlineData("021000022", false)]
    [InlineData("12345678", false)]
    public void Aba_routing_numbers_are_checked(string routing, bool valid) =>
        Assert.Equal(valid, BankAccountRules.IsValidAbaRouting(routing));

    [Theory]
    [InlineData("DEUTDEFF", true)]
    [InlineData("DEUTDEFF500", true)]
    [InlineData("DEUT1EFF", false)]
    public void Bic_shape_is_checked(string bic, bool valid) => Assert.Equal(valid, BankAccountRules.IsValidBic(bic));

    [Fact]
    public void Masking_keeps_only_the_last_four() =>
        Assert.Equal("•••• 3000", BankAccountRules.Mask("DE89 3704 0044 0532 0130 00"));

    [Fact]
    public void Payment_terms_compute_due_date_and_exact_discount()
    {
        var terms = PaymentTerms.Create(30, 2.5m, 10).Value;
        var invoiceDate = new DateOnly(2026, 11, 22);
        Assert.Equal(new DateOnly(2026, 12, 22), terms.DueDate(invoiceDate));
        Assert.Equal(new DateOnly(2026, 12, 2), terms.DiscountDeadline(invoiceDate));
        Assert.Equal(new Domain.Money.Money(3086, Currency.Usd), terms.Discount(new Domain.Money.Money(123_450, Currency.Usd)));
        Assert.Equal("2.5/10 net 30", terms.ToString());
        Assert.Equal("net 45", PaymentTerms.Create(45, null, null).Value.ToString());
    }

    [Theory]
    [InlineData(-1, null, null, "paymentTerms.netDays")]
    [InlineData(30, 0.0, 10, "paymentTerms.discountPercent")]
    [InlineData(30, 2.0, 30, "paymentTerms.discountDays")]
    [InlineData(30, 2.123, 10, "paymentTerms.discountPercent")]
    [InlineData(30, null, 10, "paymentTerms.discountPercent")]
    public void Bad_payment_terms_name_the_field(int net, double? pct, int? days, string field) =>
        Assert.Contains(PaymentTerms.Create(net, (decimal?)pct, days).Errors, e => e.Field == field);

    [Theory]
    [InlineData("Acme Inc.", "ACME, Incorporated", true)]
    [InlineData("Acme Industrial Supply LLC", "Acme Industrial Supplies", true)]
    [InlineData("Müller GmbH", "Mueller AG", false)]
    [InlineData("Acme", "Globex", false)]
    public void Similar_names_are_detected(string a, string b, bool similar) =>
        Assert.Equal(similar, VendorNames.AreSimilar(a, b));

    [Fact]
    public void Tax_ids_compare_without_punctuation() =>
        Assert.Equal(VendorNames.NormalizeTaxId("de 123.456-789"), VendorNames.NormalizeTaxId("DE123456789"));
}
