using Tandem.Domain.Budgets;
using Tandem.Domain.Money;
using Tandem.Domain.Requisitions;
using Tandem.Domain.Time;

namespace Tandem.Domain.Tests.Approvals;

using Money = Tandem.Domain.Money.Money;

public class RequisitionRulesTests
{
    private static Money Usd(decimal amount) => Money.FromMajor(amount, Currency.Usd);

    [Theory]
    [InlineData(500, null, 4900, 5145, false)]
    [InlineData(500, null, 4900, 5145.01, true)]
    [InlineData(500, null, 4900, 5400, true)]
    [InlineData(null, 10000L, 4900, 5000, false)]
    [InlineData(null, 10000L, 4900, 5000.01, true)]
    [InlineData(500, 10000L, 10000, 10100.01, true)]
    [InlineData(null, null, 100, 100.01, true)]
    [InlineData(null, null, 100, 90, false)]
    public void Growth_beyond_the_tolerance_needs_approval_again(int? basisPoints, long? amountMinor, decimal approved, decimal edited, bool again)
    {
        Assert.Equal(again, new ReapprovalTolerance(basisPoints, amountMinor).NeedsReapproval(Usd(approved), Usd(edited)));
    }

    [Fact]
    public void Flags_are_computed_from_the_lines_and_the_limit()
    {
        var today = new DateOnly(2026, 3, 10);
        var lines = new[]
        {
            new FlagLine(true, true, true, true, true, today),
            new FlagLine(false, false, false, false, false, today.AddDays(-1)),
        };

        var flags = PolicyFlags.Compute(lines, Usd(1000), new SpendingLimit(50_000, null), 0, unbudgeted: true, today);

        Assert.Equal(
            new[] { PolicyFlag.NonCatalog, PolicyFlag.NonPreferredVendor, PolicyFlag.VendorNotActive, PolicyFlag.OverSpendingLimit, PolicyFlag.MissingGlAccount, PolicyFlag.MissingCostCenter, PolicyFlag.NeedByInPast, PolicyFlag.Unbudgeted }.Order(),
            flags.Order());
        Assert.Empty(PolicyFlags.Compute([lines[0]], Usd(500), new SpendingLimit(50_000, 100_000), 49_999, unbudgeted: false, today));
    }

    [Theory]
    [InlineData(RequisitionStatus.Draft, true, true, true)]
    [InlineData(RequisitionStatus.InApproval, false, false, true)]
    [InlineData(RequisitionStatus.Returned, true, true, true)]
    [InlineData(RequisitionStatus.Approved, true, false, true)]
    [InlineData(RequisitionStatus.Rejected, false, false, false)]
    [InlineData(RequisitionStatus.Cancelled, false, false, false)]
    [InlineData(RequisitionStatus.Ordered, false, false, false)]
    public void Statuses_decide_what_may_happen(RequisitionStatus status, bool edit, bool submit, bool cancel)
    {
        Assert.Equal(edit, RequisitionLifecycle.CanEdit(status));
        Assert.Equal(submit, RequisitionLifecycle.CanSubmit(status));
        Assert.Equal(cancel, RequisitionLifecycle.CanCancel(status));
    }

    [Fact]
    public void Business_days_skip_the_weekend_in_the_company_zone()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var fridayAfternoon = new DateTime(2026, 3, 13, 14, 0, 0, DateTimeKind.Utc); // 15:00 in Berlin
        Assert.Equal(new DateTime(2026, 3, 16, 14, 0, 0, DateTimeKind.Utc), BusinessCalendar.AddBusinessDays(fridayAfternoon, 1, berlin));
        Assert.Equal(new DateTime(2026, 3, 17, 14, 0, 0, DateTimeKind.Utc), BusinessCalendar.AddBusinessDays(fridayAfternoon, 2, berlin));
    }
}
