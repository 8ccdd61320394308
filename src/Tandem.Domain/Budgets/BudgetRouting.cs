using Tandem.Domain.Approvals;

namespace Tandem.Domain.Budgets;

/// <summary>Route mode: a document that exceeds a route-mode budget line needs that line's owner too.</summary>
public static class BudgetRouting
{
    /// <summary>
    /// The policy plus one rule, when needed: "Budget exceeded (line names)" → every owner of an exceeded route-mode
    /// line (all of them), at a level after every step the policy has, so it explains itself like any other rule.
    /// </summary>
    public static ApprovalPolicy WithBudgetOwners(ApprovalPolicy policy, BudgetCheckResult budget)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(budget);
        var exceeded = budget.Lines.Where(l => l.RoutesToOwner && l.Line.OwnerId is not null).ToList();
        if (exceeded.Count == 0)
        {
            return policy;
        }

        var level = policy.Rules.SelectMany(r => r.Steps).Select(s => s.Level).DefaultIfEmpty(0).Max() + 1;
        var owners = exceeded.Select(l => l.Line.OwnerId!.Value).Distinct().Select(o => new ApproverSpec(ApproverKind.User, o)).ToList();
        var rule = new ApprovalRule(
            $"Budget exceeded ({string.Join(", ", exceeded.Select(l => l.Line.Name))})",
            new RuleCondition(BudgetStates: [BudgetState.Exceeded]),
            [new StepTemplate(level, ApprovalMode.AllOf, owners)]);
        return policy with { Rules = [.. policy.Rules, rule] };
    }
}
