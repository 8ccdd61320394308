using Tandem.Domain.Approvals;
using Tandem.Domain.Money;
using Tandem.Domain.Organization;
using Tandem.Domain.Requisitions;

namespace Tandem.Domain.Tests.Approvals;

using Money = Tandem.Domain.Money.Money;

public class RouteEngineTests
{
    private static readonly Guid Ceo = Guid.NewGuid();
    private static readonly Guid Cfo = Guid.NewGuid();
    private static readonly Guid EngManager = Guid.NewGuid();
    private static readonly Guid Engineer = Guid.NewGuid();
    private static readonly Guid Buyer = Guid.NewGuid();
    private static readonly Guid OpsBuyer = Guid.NewGuid();
    private static readonly Guid Engineering = Guid.NewGuid();
    private static readonly Guid Operations = Guid.NewGuid();

    private static readonly OrgSnapshot Org = new(
        new Dictionary<Guid, string> { [Ceo] = "Cora CEO", [Cfo] = "Carl Controller", [EngManager] = "Erin Manager", [Engineer] = "Eve Engineer", [Buyer] = "Bo Buyer", [OpsBuyer] = "Olga Ops" },
        new Dictionary<Guid, Guid> { [Engineer] = EngManager, [EngManager] = Ceo, [Cfo] = Ceo },
        new Dictionary<Guid, long> { [EngManager] = 500_000, [Ceo] = 100_000_000 },
        new Dictionary<Guid, Guid> { [Engineering] = EngManager },
        [new RoleHolder(Cfo, Role.Controller, null, null), new RoleHolder(Buyer, Role.Buyer, null, null), new RoleHolder(OpsBuyer, Role.Buyer, Operations, null)],
        new Dictionary<Guid, string> { [Engineering] = "Engineering", [Operations] = "Operations" });

    /// <summary>The policy: under 500 auto; 500–4,999.99 department manager; 5,000+ manager then controller; non-catalog adds a buyer first.</summary>
    private static readonly ApprovalPolicy Policy = new(
        [
            new ApprovalRule("Mid-size spend", new RuleCondition(MinAmountMinor: 50_000, MaxAmountMinor: 499_999), [new StepTemplate(20, ApprovalMode.AnyOf, [new ApproverSpec(ApproverKind.DepartmentManager)])]),
            new ApprovalRule("Large spend", new RuleCondition(MinAmountMinor: 500_000), [
                new StepTemplate(20, ApprovalMode.AnyOf, [new ApproverSpec(ApproverKind.DepartmentManager)]),
                new StepTemplate(30, ApprovalMode.AnyOf, [new ApproverSpec(ApproverKind.Role, Role: Role.Controller)])]),
            new ApprovalRule("Non-catalog purchase", new RuleCondition(AnyFlags: [PolicyFlag.NonCatalog]), [new StepTemplate(10, ApprovalMode.AnyOf, [new ApproverSpec(ApproverKind.Role, Role: Role.Buyer)])]),
        ],
        AutoApproveBelowMinor: 50_000);

    private static RouteFacts Facts(decimal amount, Guid requester, params PolicyFlag[] flags) => new(
        Money.FromMajor(amount, Currency.Usd), requester, new HashSet<Guid> { Engineering }, new HashSet<Guid>(), new HashSet<Guid>(), new HashSet<Guid>(),
        new HashSet<Guid>(), flags.ToHashSet(), new HashSet<BudgetState>(), []);

    [Fact]
    public void A_large_non_catalog_request_goes_to_buyer_then_manager_then_controller_each_with_its_rule()
    {
        var plan = RouteEngine.Evaluate(Policy, Facts(6000m, Engineer, PolicyFlag.NonCatalog), Org);

        Assert.Null(plan.Problem);
        Assert.False(plan.AutoApproved);
        Assert.Equal([[Buyer], [EngManager], [Cfo]], plan.Steps.Select(s => s.Approvers.ToArray()));
        Assert.Equal(["Non-catalog purchase", "Large spend", "Large spend"], plan.Steps.Select(s => s.RuleName));
        Assert.Equal("Large spend: 5,000.00 USD or more → Engineering manager (Erin Manager)", plan.Steps[1].Explanation);
        Assert.Equal("Large spend: 5,000.00 USD or more → controller (Carl Controller)", plan.Steps[2].Explanation);
        Assert.Equal("Non-catalog purchase: flagged non-catalog line → buyer (Bo Buyer)", plan.Steps[0].Explanation);
        Assert.Equal([1, 2, 3], plan.Steps.Select(s => s.Sequence));
    }

    [Fact]
    public void The_managers_own_request_skips_to_the_managers_manager()
    {
        var plan = RouteEngine.Evaluate(Policy, Facts(700m, EngManager), Org);

        var step = Assert.Single(plan.Steps);
        Assert.Equal([Ceo], step.Approvers);
        Assert.Contains("goes to Cora CEO", step.Explanation, StringComparison.Ordinal);
        Assert.Contains("500.00–4,999.99 USD", step.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(499.99, true)]
    [InlineData(500.00, false)]
    public void Under_the_threshold_with_no_rule_is_approved_automatically(decimal amount, bool auto)
    {
        var plan = RouteEngine.Evaluate(Policy, Facts(amount, Engineer), Org);
        Assert.Equal(auto, plan.AutoApproved);
        Assert.Equal(auto, plan.Steps.Count == 0);
    }

    [Fact]
    public void A_small_non_catalog_request_still_needs_the_buyer()
    {
        var plan = RouteEngine.Evaluate(Policy, Facts(120m, Engineer, PolicyFlag.NonCatalog), Org);
        Assert.Equal([Buyer], Assert.Single(plan.Steps).Approvers);
    }

    [Fact]
    public void A_role_scoped_to_another_department_does_not_approve()
    {
        var plan = RouteEngine.Evaluate(Policy, Facts(120m, Engineer, PolicyFlag.NonCatalog), Org);
        Assert.DoesNotContain(OpsBuyer, plan.Steps.SelectMany(s => s.Approvers));
    }

    [Fact]
    public void The_manager_chain_stops_at_the_first_manager_whose_limit_covers_the_amount()
    {
        var chain = new ApprovalPolicy([new ApprovalRule("Chain", new RuleCondition(), [new StepTemplate(1, ApprovalMode.AnyOf, [new ApproverSpec(ApproverKind.ManagerChain)])])], 0);

        Assert.Equal([[EngManager]], RouteEngine.Evaluate(chain, Facts(5000m, Engineer), Org).Steps.Select(s => s.Approvers.ToArray()));
        Assert.Equal([[EngManager], [Ceo]], RouteEngine.Evaluate(chain, Facts(5000.01m, Engineer), Org).Steps.Select(s => s.Approvers.ToArray()));
    }

    [Fact]
    public void A_person_in_several_steps_approves_once_at_the_highest()
    {
        var policy = new ApprovalPolicy(
            [
                new ApprovalRule("Chain", new RuleCondition(), [new StepTemplate(1, ApprovalMode.AnyOf, [new ApproverSpec(ApproverKind.ManagerChain)])]),
                new ApprovalRule("Chief", new RuleCondition(MinAmountMinor: 1_000_000), [new StepTemplate(50, ApprovalMode.AnyOf, [new ApproverSpec(ApproverKind.User, UserId: Ceo)])]),
            ],
            0);

        var plan = RouteEngine.Evaluate(policy, Facts(20_000m, Engineer), Org);

        Assert.Equal([[EngManager], [Ceo]], plan.Steps.Select(s => s.Approvers.ToArray()));
        Assert.Equal("Chief", plan.Steps[1].RuleName);
        Assert.Contains(plan.Notes, n => n.Contains("Cora CEO approves once", StringComparison.Ordinal));
    }

    [Fact]
    public void Self_approval_can_go_to_the_escalation_approver()
    {
        var policy = Policy with { SelfApproval = SelfApprovalFallback.EscalationApprover, EscalationApproverId = Cfo };
        var plan = RouteEngine.Evaluate(policy, Facts(700m, EngManager), Org);
        Assert.Equal([Cfo], Assert.Single(plan.Steps).Approvers);
    }

    [Fact]
    public void Nobody_to_approve_is_a_problem_not_an_empty_route()
    {
        var policy = new ApprovalPolicy([new ApprovalRule("Ceo only", new RuleCondition(), [new StepTemplate(1, ApprovalMode.AnyOf, [new ApproverSpec(ApproverKind.User, UserId: Ceo)])])], 0);
        var plan = RouteEngine.Evaluate(policy, Facts(10m, Ceo), Org);
        Assert.Equal("route.self_approval", plan.Problem?.Code);
    }

    [Fact]
    public void Over_the_threshold_with_no_rule_falls_back_to_the_manager_chain()
    {
        var plan = RouteEngine.Evaluate(new ApprovalPolicy([], 10_000), Facts(250m, Engineer), Org);
        Assert.Equal(RouteEngine.FallbackRuleName, Assert.Single(plan.Steps).RuleName);
        Assert.Equal([EngManager], plan.Steps[0].Approvers);
    }

    [Fact]
    public void Conditions_on_lists_need_one_value_in_common()
    {
        var when = new RuleCondition(DepartmentIds: [Operations, Engineering], AnyFlags: [PolicyFlag.Unbudgeted]);
        Assert.False(RouteEngine.Matches(when, Facts(1m, Engineer)));
        Assert.True(RouteEngine.Matches(when, Facts(1m, Engineer, PolicyFlag.Unbudgeted)));
        Assert.Equal("in Operations or Engineering, flagged unbudgeted", RouteEngine.Describe(when, Currency.Usd, Org));
    }

    [Fact]
    public void A_policy_is_validated_with_field_paths()
    {
        var bad = new ApprovalPolicy(
            [new ApprovalRule("", new RuleCondition(MinAmountMinor: 10, MaxAmountMinor: 5), [new StepTemplate(0, ApprovalMode.AnyOf, [new ApproverSpec(ApproverKind.Role, Role: "boss")])])],
            -1);
        var fields = bad.Validate(_ => true, Role.IsKnown).Select(e => e.Field).ToList();
        Assert.Equal(["autoApproveBelow", "rules[0].name", "rules[0].when.minAmount", "rules[0].steps[0].level", "rules[0].steps[0].approvers[0].role"], fields);
    }

    [Fact]
    public void A_role_named_by_several_rules_approves_once_and_a_requester_who_holds_it_never_changes_the_organisation()
    {
        var team = Enumerable.Range(0, 7).Select(_ => Guid.NewGuid()).ToArray();
        var org = new OrgSnapshot(
            team.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => $"Controller {x.i}"), new Dictionary<Guid, Guid>(), new Dictionary<Guid, long>(),
            new Dictionary<Guid, Guid>(), team.Select((p, i) => new RoleHolder(p, Role.Controller, i == 6 ? Engineering : null, null)), new Dictionary<Guid, string>());
        var controllers = new StepTemplate(30, ApprovalMode.AnyOf, [new ApproverSpec(ApproverKind.Role, Role: Role.Controller)]);
        var policy = new ApprovalPolicy(
            [new ApprovalRule("Spend", new RuleCondition(MinAmountMinor: 1), [controllers]), new ApprovalRule("Large spend", new RuleCondition(MinAmountMinor: 100_000), [controllers with { Level = 40 }])],
            AutoApproveBelowMinor: 0);
        RouteFacts By(Guid requester) => Facts(5000m, requester);

        // One of the controllers asks (six hold the role company-wide, one in Engineering): they are left out of both
        // steps, which collapse into the later one.
        var own = RouteEngine.Evaluate(policy, By(team[0]), org);
        Assert.Equal([("Large spend", 6)], own.Steps.Select(s => (s.RuleName, s.Approvers.Count)));
        Assert.DoesNotContain(team[0], own.Steps[0].Approvers);

        // Someone else asks next: all seven again — the first evaluation changed nothing it was given.
        var other = RouteEngine.Evaluate(policy, By(Engineer), org);
        Assert.Equal(team.Order(), other.Steps.Single().Approvers.Order());
        Assert.Equal("Large spend: 1,000.00 USD or more → controller (Controller 0, Controller 1, Controller 2, Controller 3, Controller 4 and 2 more)", other.Steps[0].Explanation);
        Assert.Contains("Controller 0, Controller 1, Controller 2 and 4 more approve once, at the later step \"Large spend\".", other.Notes);
    }
}
