using Tandem.Domain.Payments;
using Tandem.Domain.Vendors;

namespace Tandem.Domain.Tests.Payments;

public sealed class PaymentTermsTests
{
    private static readonly DateOnly March1 = new(2026, 3, 1);

    [Fact]
    public void Worked_example_two_ten_net_thirty()
    {
        var terms = PaymentTerms.Parse("2/10 net 30").Value;
        var schedule = PaymentSchedule.For(terms, March1, 1_000_000, WeekendRule.Keep);

        Assert.Equal(new DateOnly(2026, 3, 31), schedule.DueDate);
        Assert.Equal(new DateOnly(2026, 3, 11), schedule.DiscountDate);
        Assert.Equal(20_000, schedule.DiscountMinor);
        Assert.Equal(3724, schedule.AnnualizedBasisPoints);
        Assert.True(schedule.WorthTaking(800));
        Assert.False(schedule.WorthTaking(4000));
        Assert.True(schedule.DiscountAvailable(new DateOnly(2026, 3, 11)));
        Assert.False(schedule.DiscountAvailable(new DateOnly(2026, 3, 12)));
    }

    [Theory]
    [InlineData("2026-01-15", 30, "2026-03-02")] // end of January + 30 days
    [InlineData("2027-02-10", 30, "2027-03-30")] // 28 February + 30
    [InlineData("2028-02-10", 30, "2028-03-30")] // leap year: 29 February + 30
    [InlineData("2026-12-31", 0, "2026-12-31")]
    [InlineData("2026-11-01", 45, "2027-01-14")]
    public void End_of_month_terms_count_from_the_last_day_of_the_invoice_month(string invoiceDate, int net, string due)
    {
        var terms = new PaymentTerms(net, EndOfMonth: true);

        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), terms.DueDate(DateOnly.Parse(invoiceDate, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2028-02-14", 15, "2028-02-29")]
    [InlineData("2028-02-15", 15, "2028-03-01")]
    [InlineData("2027-02-14", 15, "2027-03-01")]
    public void Net_days_run_through_leap_days(string invoiceDate, int net, string due) =>
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), new PaymentTerms(net).DueDate(DateOnly.Parse(invoiceDate, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(WeekendRule.Keep, "2026-03-01")]
    [InlineData(WeekendRule.NextBusinessDay, "2026-03-02")]
    [InlineData(WeekendRule.PreviousBusinessDay, "2026-02-27")]
    public void A_due_date_on_a_sunday_moves_as_configured(WeekendRule rule, string expected)
    {
        var schedule = PaymentSchedule.For(new PaymentTerms(30), new DateOnly(2026, 1, 30), 100, rule);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), schedule.DueDate);
    }

    [Fact]
    public void Saturdays_move_too() =>
        Assert.Equal(new DateOnly(2026, 3, 2), PaymentSchedule.Adjust(new DateOnly(2026, 2, 28), WeekendRule.NextBusinessDay));

    [Theory]
    [InlineData("net 30", 30, 0, 0, false)]
    [InlineData("Net 45", 45, 0, 0, false)]
    [InlineData("N30", 30, 0, 0, false)]
    [InlineData("2/10 net 30", 30, 200, 10, false)]
    [InlineData("2% / 10, net 30", 30, 200, 10, false)]
    [InlineData("1.5/15 net 60 EOM", 60, 150, 15, true)]
    [InlineData("net 30 end of month", 30, 0, 0, true)]
    public void Terms_are_read_as_people_write_them(string text, int net, int bp, int days, bool eom) =>
        Assert.Equal(new PaymentTerms(net, bp, days, eom), PaymentTerms.Parse(text).Value);

    [Theory]
    [InlineData("")]
    [InlineData("thirty days")]
    [InlineData("2/40 net 30")]
    [InlineData("net 400")]
    public void Unreadable_or_impossible_terms_are_refused_on_the_field(string text) =>
        Assert.Contains(PaymentTerms.Parse(text, "terms").Errors, e => e.Field == "terms");

    [Fact]
    public void Terms_print_back_as_they_parse()
    {
        foreach (var text in new[] { "net 30", "2/10 net 30", "1.5/15 net 60 EOM" })
        {
            Assert.Equal(text, PaymentTerms.Parse(text).Value.ToString());
        }
    }

    [Fact]
    public void Terms_without_a_discount_earn_nothing() => Assert.Equal(0, new PaymentTerms(30).AnnualizedDiscountBasisPoints);
}
