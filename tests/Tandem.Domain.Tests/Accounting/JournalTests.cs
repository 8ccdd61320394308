using Tandem.Domain.Accounting;

namespace Tandem.Domain.Tests.Accounting;

public sealed class JournalTests
{
    private static readonly LedgerAccounts Accounts = new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
    private static readonly Posting Software = new(Guid.NewGuid(), Guid.NewGuid());
    private static readonly Posting Lab = new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

    [Fact]
    public void An_invoice_debits_expenses_and_tax_and_credits_payables()
    {
        var entry = Journals.ForInvoice(new InvoiceFacts(new DateOnly(2026, 11, 3), "USD", "INV-1", "Contoso", false, [(Software, 60_000), (Lab, 40_000)], 10_000), Accounts);

        Assert.True(entry.IsBalanced);
        Assert.Equal(110_000, entry.Debits);
        Assert.Equal(110_000, entry.Lines.Single(l => l.Posting.GlAccountId == Accounts.Payables).CreditMinor);
        Assert.Equal(10_000, entry.Lines.Single(l => l.Posting.GlAccountId == Accounts.Tax).DebitMinor);
        Assert.Equal(Lab, entry.Lines.Single(l => l.DebitMinor == 40_000).Posting);
    }

    [Fact]
    public void A_credit_note_is_the_mirror_image()
    {
        var entry = Journals.ForInvoice(new InvoiceFacts(new DateOnly(2026, 11, 3), "EUR", "CN-1", "Contoso", true, [(Software, 5_000)], 500), Accounts);

        Assert.True(entry.IsBalanced);
        Assert.Equal(5_500, entry.Lines.Single(l => l.Posting.GlAccountId == Accounts.Payables).DebitMinor);
        Assert.Equal(5_000, entry.Lines.Single(l => l.Posting == Software).CreditMinor);
    }

    [Fact]
    public void A_payment_with_a_discount_clears_the_gross_and_books_the_discount_as_earned()
    {
        var entry = Journals.ForPayment(new PaymentFacts(new DateOnly(2027, 3, 10), "USD", "PAY-1-00001", "Contoso", 1_000_000, 20_000, 980_000), Accounts);

        Assert.True(entry.IsBalanced);
        Assert.Equal(1_000_000, entry.Debits);
        Assert.Equal(980_000, entry.Lines.Single(l => l.Posting.GlAccountId == Accounts.Cash).CreditMinor);
        Assert.Equal(20_000, entry.Lines.Single(l => l.Posting.GlAccountId == Accounts.DiscountsReceived).CreditMinor);
    }

    [Fact]
    public void The_accrual_is_reversed_on_the_first_day_of_the_next_period()
    {
        var (accrual, reversal) = Journals.ForAccrual(new DateOnly(2026, 11, 30), "USD", [(Software, 30_000), (Lab, 12_345)], Accounts);

        Assert.True(accrual.IsBalanced);
        Assert.True(reversal.IsBalanced);
        Assert.Equal(new DateOnly(2026, 12, 1), reversal.Date);
        Assert.Equal(42_345, accrual.Lines.Single(l => l.Posting.GlAccountId == Accounts.Accruals).CreditMinor);
        Assert.Equal(42_345, reversal.Lines.Single(l => l.Posting.GlAccountId == Accounts.Accruals).DebitMinor);
    }

    [Theory]
    [InlineData("2026-11", true)]
    [InlineData("2026-13", false)]
    [InlineData("26-11", false)]
    [InlineData("2026/11", false)]
    [InlineData(null, false)]
    public void Periods_are_calendar_months(string? text, bool valid)
    {
        Assert.Equal(valid, Periods.TryParse(text, out var first));
        if (valid)
        {
            Assert.Equal(new DateOnly(2026, 11, 30), Periods.End(first));
            Assert.Equal("2026-11", Periods.Of(new DateOnly(2026, 11, 17)));
        }
    }
}
