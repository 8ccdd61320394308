using Tandem.Domain.Approvals;
using Tandem.Domain.Budgets;
using Tandem.Domain.Money;

namespace Tandem.Domain.Tests.Budgets;

public class BudgetRulesTests
{
    private static readonly Guid Engineering = Guid.Parse("00000000-0000-0000-0000-00000000e001");
    private static readonly Guid Sales = Guid.Parse("00000000-0000-0000-0000-00000000e002");
    private static readonly Guid Software = Guid.Parse("00000000-0000-0000-0000-000000006100");
    private static readonly Guid Travel = Guid.Parse("00000000-0000-0000-0000-000000006200");
    private static readonly DateOnly March10 = new(2027, 3, 10);
    private static readonly BudgetPeriod March = BudgetPeriod.Month(2027, 3);

    private static BudgetLineState Line(string name, BudgetScope scope, long amount, BudgetControl control = BudgetControl.Block, long committed = 0, long actual = 0, long pending = 0, int warn = 90, BudgetPeriod? period = null) =>
        new(Guid.CreateVersion7(), name, scope, period ?? March, amount, control, warn, Guid.CreateVersion7(), pending, committed, actual);

    private static Charge Charge(long amount, Guid? department = null, Guid? gl = null, string? glCode = null, DateOnly? date = null, int lineNo = 1) =>
        new(lineNo, department ?? Engineering, null, null, gl, glCode, null, date ?? March10, amount);

    private static BudgetScope Scope(Guid? department = null, Guid? gl = null, string? prefix = null) => new(department, null, null, gl, prefix, null);

    [Theory]
    [InlineData("2027-03", 1, "2027-03-01", "2027-03-31", "2027-03")]
    [InlineData("2028-02", 1, "2028-02-01", "2028-02-29", "2028-02")]
    [InlineData("FY2027", 1, "2027-01-01", "2027-12-31", "FY2027")]
    [InlineData("fy2027", 4, "2026-04-01", "2027-03-31", "FY2027")]
    [InlineData("FY2027-Q1", 4, "2026-04-01", "2026-06-30", "FY2027-Q1")]
    [InlineData("FY2027-Q4", 4, "2027-01-01", "2027-03-31", "FY2027-Q4")]
    [InlineData("FY2027-Q2", 1, "2027-04-01", "2027-06-30", "FY2027-Q2")]
    public void Periods_are_read_in_the_fiscal_calendar_and_written_back_the_same(string text, int startMonth, string start, string end, string written)
    {
        var period = BudgetPeriod.TryParse(text, startMonth);

        Assert.NotNull(period);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Value.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), period.Value.End);
        Assert.Equal(written, period.Value.Format(startMonth));
        Assert.Equal(period, BudgetPeriod.Containing(period.Value.Kind, period.Value.End, startMonth));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2027-13")]
    [InlineData("2027-3")]
    [InlineData("FY27")]
    [InlineData("FY2027-Q5")]
    [InlineData("March 2027")]
    public void Unreadable_periods_are_refused(string text) => Assert.Null(BudgetPeriod.TryParse(text, 1));

    [Fact]
    public void The_worked_example_blocks_7500_and_passes_7200_once_the_invoice_replaced_the_commitment()
    {
        // Engineering / GL 6100, March, 10,000.00, block. After the invoice: actual 2,800.00, committed 0.00.
        var scope = Scope(Engineering, Software);
        var afterInvoice = Line("Engineering 6100 2027-03", scope, 1_000_000, actual: 280_000);
        Assert.Equal(720_000, afterInvoice.AvailableMinor);

        var blocked = BudgetCheck.Evaluate([afterInvoice], [Charge(750_000, gl: Software)]);
        Assert.True(blocked.Blocked);
        Assert.Equal(-30_000, blocked.Lines[0].RemainingMinor);
        Assert.Equal(
            "Engineering 6100 2027-03: budget 10,000.00 USD, committed 0.00 USD, actual 2,800.00 USD, this request 7,500.00 USD → 300.00 USD over (blocks)",
            blocked.Lines[0].Explain(Currency.Usd));

        var passes = BudgetCheck.Evaluate([afterInvoice], [Charge(720_000, gl: Software)]);
        Assert.False(passes.Blocked);
        Assert.Equal(0, passes.Lines[0].RemainingMinor);
        Assert.Equal(BudgetState.OverWarning, passes.Lines[0].State);
    }

    [Fact]
    public void A_charge_consumes_every_budget_line_that_covers_it()
    {
        var department = Line("Engineering FY", Scope(Engineering), 5_000_000);
        var gl = Line("Software all departments", Scope(gl: Software), 200_000, committed: 150_000);
        var otherDepartment = Line("Sales", Scope(Sales), 100_000);

        var result = BudgetCheck.Evaluate([department, gl, otherDepartment], [Charge(60_000, gl: Software), Charge(10_000, gl: Travel, lineNo: 2)]);

        Assert.Equal([70_000, 60_000], result.Lines.Select(l => l.ThisDocumentMinor));
        Assert.Equal([BudgetState.Within, BudgetState.Exceeded], result.Lines.Select(l => l.State));
        Assert.True(result.Blocked);
        Assert.Empty(result.Unbudgeted);
        Assert.Equal(
            new[] { (department.Id, 2, 70_000L), (gl.Id, 1, 60_000L) }.Order(),
            BudgetCheck.Entries([department, gl, otherDepartment], [Charge(60_000, gl: Software), Charge(10_000, gl: Travel, lineNo: 2)]).Order());
    }

    [Fact]
    public void A_document_has_one_ledger_entry_per_budget_line_counting_each_of_its_lines_once()
    {
        var department = Line("Engineering FY", Scope(Engineering), 5_000_000);
        // Line 1 split in two (both on the department), line 2 whole, line 3 charged to another department.
        Charge[] charges = [Charge(3_000), Charge(2_000), Charge(4_000, lineNo: 2), Charge(9_000, department: Sales, lineNo: 3)];

        var entry = Assert.Single(BudgetCheck.Entries([department], charges));

        Assert.Equal((department.Id, 2, 9_000L), entry);
    }

    [Fact]
    public void Charges_outside_every_budget_are_unbudgeted_and_dates_outside_the_period_do_not_count()
    {
        var march = Line("Engineering March", Scope(Engineering), 100_000);

        var result = BudgetCheck.Evaluate([march], [Charge(5_000, date: new DateOnly(2027, 4, 1)), Charge(1_000, department: Sales)]);

        Assert.Empty(result.Lines);
        Assert.Equal(2, result.Unbudgeted.Count);
        Assert.Contains(BudgetState.Unbudgeted, result.States);
    }

    [Fact]
    public void An_account_group_is_a_code_prefix()
    {
        var group = Line("61xx software and services", Scope(prefix: "61"), 100_000);

        Assert.Single(BudgetCheck.Evaluate([group], [Charge(1, gl: Software, glCode: "6100")]).Lines);
        Assert.Empty(BudgetCheck.Evaluate([group], [Charge(1, gl: Travel, glCode: "6200")]).Lines);
        Assert.Empty(BudgetCheck.Evaluate([group], [Charge(1)]).Lines);
    }

    [Theory]
    [InlineData(BudgetControl.Block, true, false)]
    [InlineData(BudgetControl.Warn, false, false)]
    [InlineData(BudgetControl.Route, false, true)]
    public void Only_block_mode_refuses_and_only_route_mode_adds_the_owner(BudgetControl control, bool blocks, bool routes)
    {
        var line = Line("Engineering", Scope(Engineering), 100_000, control, committed: 90_000);

        var outcome = BudgetCheck.Evaluate([line], [Charge(10_001)]).Lines[0];

        Assert.Equal(BudgetState.Exceeded, outcome.State);
        Assert.Equal(blocks, outcome.Blocks);
        Assert.Equal(routes, outcome.RoutesToOwner);
    }

    [Fact]
    public void Pending_requests_elsewhere_are_shown_but_not_deducted()
    {
        var line = Line("Engineering", Scope(Engineering), 100_000, pending: 99_000);

        var outcome = BudgetCheck.Evaluate([line], [Charge(100_000)]).Lines[0];

        Assert.False(outcome.Blocks);
        Assert.Contains("pending elsewhere 990.00 USD", outcome.Explain(Currency.Usd), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 89_999, false, BudgetState.Within)]
    [InlineData(0, 90_000, true, BudgetState.OverWarning)]
    [InlineData(90_000, 1, false, BudgetState.OverWarning)]
    [InlineData(50_000, 50_000, true, BudgetState.OverWarning)]
    [InlineData(50_000, 50_001, true, BudgetState.Exceeded)]
    public void The_warning_threshold_is_crossed_once(long committed, long request, bool crosses, BudgetState state)
    {
        var line = Line("Engineering", Scope(Engineering), 100_000, BudgetControl.Warn, committed: committed, warn: 90);

        var outcome = BudgetCheck.Evaluate([line], [Charge(request)]).Lines[0];

        Assert.Equal(crosses, outcome.CrossesWarning);
        Assert.Equal(state, outcome.State);
    }

    [Theory]
    [InlineData(0, 80_000, false)] // stays under the 90 % warning
    [InlineData(0, 95_000, true)] // crosses the warning
    [InlineData(95_000, 1_000, false)] // already past the warning, still within the amount
    [InlineData(95_000, 10_000, true)] // crosses the amount
    [InlineData(101_000, 1_000, false)] // was over already
    public void The_owner_hears_when_a_document_crosses_the_warning_or_the_amount(long committed, long request, bool tells)
    {
        var line = Line("Engineering", Scope(Engineering), 100_000, BudgetControl.Warn, committed: committed, warn: 90);

        Assert.Equal(tells, BudgetCheck.Evaluate([line], [Charge(request)]).Lines[0].CrossesThreshold);
    }

    [Fact]
    public void Forecast_extrapolates_what_was_placed_so_far_to_the_period_end()
    {
        // March has 31 days; by the 10th, 3,000.00 committed and 1,000.00 actual: 400.00 a day for 21 more days.
        var forecast = BudgetForecast.Of(1_000_000, 300_000, 100_000, March, March10);

        Assert.Equal(10, forecast.ElapsedDays);
        Assert.Equal(21, forecast.RemainingDays);
        Assert.Equal(400_000 + (21 * 40_000), forecast.ForecastMinor);
        Assert.True(forecast.AtRisk);
        Assert.Equal(600_000, forecast.VarianceMinor);
        Assert.Equal(60.0m, forecast.VariancePercent);

        var before = BudgetForecast.Of(1_000_000, 0, 0, March, new DateOnly(2027, 2, 1));
        Assert.Equal((0, 31, 0L, false), (before.ElapsedDays, before.RemainingDays, before.ForecastMinor, before.AtRisk));
        var after = BudgetForecast.Of(1_000_000, 0, 1_000_001, March, new DateOnly(2027, 5, 1));
        Assert.Equal((31, 0, 1_000_001L, true), (after.ElapsedDays, after.RemainingDays, after.ForecastMinor, after.AtRisk));
    }

    [Fact]
    public void A_personal_limit_replaces_role_limits_and_roles_give_the_most_generous()
    {
        var requester = new SpendingLimit(100_000, 500_000);
        var buyer = new SpendingLimit(1_000_000, null);

        Assert.Equal(new SpendingLimit(1_000_000, null), SpendingLimit.Effective(null, [requester, buyer]));
        Assert.Equal(new SpendingLimit(50_000, 60_000), SpendingLimit.Effective(new SpendingLimit(50_000, 60_000), [buyer]));
        Assert.Equal(SpendingLimit.None, SpendingLimit.Effective(null, []));

        Assert.False(requester.IsExceededBy(100_000, 400_000));
        Assert.True(requester.IsExceededBy(100_001, 0));
        Assert.True(requester.IsExceededBy(100_000, 400_001));
        Assert.False(SpendingLimit.None.IsExceededBy(long.MaxValue / 2, long.MaxValue / 2));
    }
}
