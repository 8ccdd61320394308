using Tandem.Domain.Requisitions;

namespace Tandem.Domain.Approvals;

/// <summary>How many approvers of a step must agree: one of them, or every one.</summary>
public enum ApprovalMode
{
    AnyOf,
    AllOf,
}

/// <summary>Who an approver entry names; resolved against the organisation when a document is routed.</summary>
public enum ApproverKind
{
    /// <summary>A named person.</summary>
    User,

    /// <summary>Everyone holding a role whose scope covers the document (company-wide, or its department or location).</summary>
    Role,

    /// <summary>The manager of each department the document is charged to.</summary>
    DepartmentManager,

    /// <summary>The owners of the budgets the document consumes (none until budgets exist).</summary>
    BudgetOwner,

    /// <summary>The requester's managers, one step each, up to the first whose approval limit covers the amount.</summary>
    ManagerChain,
}

/// <summary>What happens when the requester would be their own approver and nobody else is left on the step.</summary>
public enum SelfApprovalFallback
{
    /// <summary>The step goes to the requester's manager (the next eligible person up the chain).</summary>
    NextManager,

    /// <summary>The step goes to the policy's escalation approver.</summary>
    EscalationApprover,
}

/// <summary>A budget state a rule can test (budgets feed it; "none" until then).</summary>
public enum BudgetState
{
    Within,
    OverWarning,
    Exceeded,
    Unbudgeted,
}

public sealed record ApproverSpec(ApproverKind Kind, Guid? UserId = null, string? Role = null);

/// <summary>One approval step a rule adds: its level orders it among all steps (lower first); deadline in business days.</summary>
public sealed record StepTemplate(int Level, ApprovalMode Mode, IReadOnlyList<ApproverSpec> Approvers, int DueBusinessDays = 2);

/// <summary>
/// When a rule applies: every condition given must hold (an empty list means "any"). Amounts are in minor units of the
/// company currency, both ends inclusive; list conditions hold when the document touches any of the listed values.
/// </summary>
public sealed record RuleCondition(
    long? MinAmountMinor = null,
    long? MaxAmountMinor = null,
    IReadOnlyList<Guid>? DepartmentIds = null,
    IReadOnlyList<Guid>? LocationIds = null,
    IReadOnlyList<Guid>? CategoryIds = null,
    IReadOnlyList<Guid>? VendorIds = null,
    IReadOnlyList<Guid>? GlAccountIds = null,
    IReadOnlyList<PolicyFlag>? AnyFlags = null,
    IReadOnlyList<BudgetState>? BudgetStates = null);

public sealed record ApprovalRule(string Name, RuleCondition When, IReadOnlyList<StepTemplate> Steps);

/// <summary>
/// An approval policy: an ordered list of rules, the amount under which a request no rule covers is approved
/// automatically, and what to do when the requester would approve their own request.
/// </summary>
public sealed record ApprovalPolicy(
    IReadOnlyList<ApprovalRule> Rules,
    long AutoApproveBelowMinor,
    SelfApprovalFallback SelfApproval = SelfApprovalFallback.NextManager,
    Guid? EscalationApproverId = null)
{
    /// <summary>Checks a policy before it is saved; the field paths match the JSON of the policy.</summary>
    public IReadOnlyList<Error> Validate(Func<Guid, bool> userExists, Func<string, bool> roleExists)
    {
        ArgumentNullException.ThrowIfNull(userExists);
        ArgumentNullException.ThrowIfNull(roleExists);
        var errors = new List<Error>();
        if (AutoApproveBelowMinor < 0)
        {
            errors.Add(Error.Validation("policy.threshold_negative", "The auto-approval threshold cannot be negative.", "autoApproveBelow"));
        }

        if (EscalationApproverId is { } escalation && !userExists(escalation))
        {
            errors.Add(Error.Validation("policy.user_unknown", "The escalation approver is not an active user of this company.", "escalationApproverId"));
        }

        if (SelfApproval == SelfApprovalFallback.EscalationApprover && EscalationApproverId is null)
        {
            errors.Add(Error.Validation("policy.escalation_missing", "Name an escalation approver to send self-approvals to.", "escalationApproverId"));
        }

        if (Rules.Count > 1000)
        {
            errors.Add(Error.Validation("policy.too_many_rules", "A policy holds at most 1,000 rules.", "rules"));
        }

        for (var r = 0; r < Rules.Count; r++)
        {
            var rule = Rules[r];
            var at = $"rules[{r}]";
            if (string.IsNullOrWhiteSpace(rule.Name) || rule.Name.Length > 200)
            {
                errors.Add(Error.Validation("policy.rule_name", "Each rule needs a name of at most 200 characters.", $"{at}.name"));
            }

            if (rule.When.MinAmountMinor is < 0 || rule.When.MaxAmountMinor is < 0)
            {
                errors.Add(Error.Validation("policy.amount_negative", "Amounts cannot be negative.", $"{at}.when"));
            }
            else if (rule.When.MinAmountMinor > rule.When.MaxAmountMinor)
            {
                errors.Add(Error.Validation("policy.amount_range", "The minimum amount is above the maximum.", $"{at}.when.minAmount"));
            }

            if (rule.Steps.Count == 0)
            {
                errors.Add(Error.Validation("policy.rule_no_steps", "A rule needs at least one step.", $"{at}.steps"));
            }

            for (var s = 0; s < rule.Steps.Count; s++)
            {
                ValidateStep(rule.Steps[s], $"{at}.steps[{s}]", userExists, roleExists, errors);
            }
        }

        return errors;
    }

    private static void ValidateStep(StepTemplate step, string at, Func<Guid, bool> userExists, Func<string, bool> roleExists, List<Error> errors)
    {
        if (step.Level is < 1 or > 1000)
        {
            errors.Add(Error.Validation("policy.level_range", "A step's level is between 1 and 1000.", $"{at}.level"));
        }

        if (step.DueBusinessDays is < 1 or > 60)
        {
            errors.Add(Error.Validation("policy.due_range", "A step is due in 1 to 60 business days.", $"{at}.dueBusinessDays"));
        }

        if (step.Approvers.Count == 0)
        {
            errors.Add(Error.Validation("policy.step_no_approvers", "A step needs at least one approver.", $"{at}.approvers"));
        }

        for (var a = 0; a < step.Approvers.Count; a++)
        {
            var approver = step.Approvers[a];
            var path = $"{at}.approvers[{a}]";
            if (approver.Kind == ApproverKind.User && (approver.UserId is not { } id || !userExists(id)))
            {
                errors.Add(Error.Validation("policy.user_unknown", "The approver is not an active user of this company.", $"{path}.userId"));
            }

            if (approver.Kind == ApproverKind.Role && !roleExists(approver.Role ?? ""))
            {
                errors.Add(Error.Validation("policy.role_unknown", "The approver role is not one of the known roles.", $"{path}.role"));
            }
        }
    }
}
