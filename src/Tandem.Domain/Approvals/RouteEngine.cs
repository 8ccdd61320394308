using Tandem.Domain.Money;

namespace Tandem.Domain.Approvals;

using Money = Tandem.Domain.Money.Money;

/// <summary>One step of a route: who approves, how many must, and the rule that put it there in words.</summary>
public sealed record PlannedStep(int Sequence, int Level, ApprovalMode Mode, IReadOnlyList<Guid> Approvers, string RuleName, string Explanation, int DueBusinessDays);

/// <summary>
/// The route a document takes: approved automatically, or the ordered steps. Notes say what was adjusted (a requester
/// moved off their own step, duplicates collapsed); a problem means the document cannot be routed as the data stands.
/// </summary>
public sealed record RoutePlan(bool AutoApproved, IReadOnlyList<PlannedStep> Steps, IReadOnlyList<string> Notes, Error? Problem);

/// <summary>
/// Evaluates an approval policy for a document. Pure and allocation-light: the same inputs always give the same route,
/// which is what makes the preview before submit trustworthy and the route explainable afterwards.
/// </summary>
public static partial class RouteEngine
{
    public const string FallbackRuleName = "No rule matched";

    public static RoutePlan Evaluate(ApprovalPolicy policy, RouteFacts facts, OrgSnapshot org)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(org);
        var notes = new List<string>();
        var raw = new List<RawStep>();
        var order = 0;
        var matched = false;
        for (var r = 0; r < policy.Rules.Count; r++)
        {
            var rule = policy.Rules[r];
            if (!Matches(rule.When, facts))
            {
                continue;
            }

            matched = true;
            // Text is only built for steps that survive (most matching rules collapse away).
            var when = rule.When;
            var condition = new Lazy<string>(() => Describe(when, facts.Total.Currency, org), LazyThreadSafetyMode.None);
            foreach (var template in rule.Steps)
            {
                Resolve(rule.Name, condition, template, facts, org, raw, notes, ref order);
            }
        }

        if (!matched)
        {
            if (facts.Total.Minor < policy.AutoApproveBelowMinor)
            {
                notes.Add($"No rule matched and {Format(facts.Total)} is under the auto-approval threshold of {Format(new Money(policy.AutoApproveBelowMinor, facts.Total.Currency))}.");
                return new RoutePlan(true, [], notes, null);
            }

            var fallback = new StepTemplate(1, ApprovalMode.AnyOf, [new ApproverSpec(ApproverKind.ManagerChain)]);
            var why = new Lazy<string>(() => $"{Format(facts.Total)} is not under the auto-approval threshold of {Format(new Money(policy.AutoApproveBelowMinor, facts.Total.Currency))}");
            Resolve(FallbackRuleName, why, fallback, facts, org, raw, notes, ref order);
        }

        var sorted = raw;
        sorted.Sort((a, b) => a.Level != b.Level ? a.Level.CompareTo(b.Level) : a.Order.CompareTo(b.Order)); // orders are unique: deterministic
        if (RemoveRequester(policy, facts, org, sorted, notes) is { } problem)
        {
            return new RoutePlan(false, [], notes, problem);
        }

        Collapse(sorted, org, notes);
        var steps = sorted.Where(s => s.Approvers.Count > 0)
            .Select((s, i) => new PlannedStep(i + 1, s.Level, s.Mode, s.Approvers, s.RuleName, s.Explain(), s.DueBusinessDays))
            .ToList();
        return steps.Count == 0
            ? new RoutePlan(false, [], notes, Error.Conflict("route.no_approver", "The matching rules name nobody who can approve this request; ask an administrator to fix the approval policy."))
            : new RoutePlan(false, steps, notes, null);
    }

    public static bool Matches(RuleCondition when, RouteFacts facts)
    {
        ArgumentNullException.ThrowIfNull(when);
        ArgumentNullException.ThrowIfNull(facts);
        var amount = facts.Total.Minor;
        return (when.MinAmountMinor is not { } min || amount >= min)
            && (when.MaxAmountMinor is not { } max || amount <= max)
            && Touches(when.DepartmentIds, facts.Departments)
            && Touches(when.LocationIds, facts.Locations)
            && Touches(when.CategoryIds, facts.Categories)
            && Touches(when.VendorIds, facts.Vendors)
            && Touches(when.GlAccountIds, facts.GlAccounts)
            && Touches(when.AnyFlags, facts.Flags)
            && Touches(when.BudgetStates, facts.BudgetStates);
    }

    private static bool Touches<T>(IReadOnlyList<T>? wanted, IReadOnlySet<T> present)
    {
        if (wanted is null || wanted.Count == 0)
        {
            return true;
        }

        for (var i = 0; i < wanted.Count; i++)
        {
            if (present.Contains(wanted[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static void Resolve(string ruleName, Lazy<string> condition, StepTemplate template, RouteFacts facts, OrgSnapshot org, List<RawStep> raw, List<string> notes, ref int order)
    {
        var approvers = new List<Guid>();
        var labels = new List<Func<string>>();
        IReadOnlyList<Guid>? source = null;
        foreach (var spec in template.Approvers)
        {
            switch (spec.Kind)
            {
                case ApproverKind.User when spec.UserId is { } id && org.IsActive(id):
                    approvers.Add(id);
                    labels.Add(() => org.NameOf(id));
                    break;
                case ApproverKind.User:
                    notes.Add($"{ruleName}: the named approver is no longer active and was left out.");
                    break;
                case ApproverKind.Role:
                    var holders = org.HoldersOf(spec.Role ?? "", facts.Departments, facts.Locations);
                    if (template.Approvers.Count == 1)
                    {
                        source = holders; // used as it is, never copied unless a later pass changes it
                    }
                    else
                    {
                        approvers.AddRange(holders);
                    }

                    var role = spec.Role;
                    labels.Add(() => holders.Count == 0 ? $"{RoleText(role)} (nobody holds it)" : $"{RoleText(role)} ({NameList(holders, org, 5)})");
                    break;
                case ApproverKind.DepartmentManager:
                    foreach (var department in facts.Departments)
                    {
                        if (org.DepartmentManagers.TryGetValue(department, out var manager) && org.IsActive(manager))
                        {
                            approvers.Add(manager);
                            labels.Add(() => $"{org.NameOf(department)} manager ({org.NameOf(manager)})");
                        }
                        else
                        {
                            notes.Add($"{ruleName}: {org.NameOf(department)} has no active manager.");
                        }
                    }

                    break;
                case ApproverKind.BudgetOwner:
                    var owners = facts.BudgetOwners.Where(org.IsActive).ToList();
                    approvers.AddRange(owners);
                    labels.Add(() => owners.Count == 0 ? "budget owner (no budget applies)" : $"budget owner ({NameList(owners, org, 5)})");
                    break;
                case ApproverKind.ManagerChain:
                    // One step per manager, nearest first, until one whose limit covers the amount.
                    foreach (var manager in ManagerChain(facts, org, notes, ruleName))
                    {
                        var currency = facts.Total.Currency;
                        raw.Add(new RawStep(template.Level, order++, ApprovalMode.AnyOf, [manager], ruleName, () =>
                            $"{ruleName}: {condition.Value} → manager {org.NameOf(manager)}{(org.ApprovalLimits.TryGetValue(manager, out var l) ? $" (limit {Format(new Money(l, currency))})" : "")}",
                            template.DueBusinessDays));
                    }

                    break;
            }
        }

        if (labels.Count > 0 || approvers.Count > 0 || source is { Count: > 0 })
        {
            var mode = template.Mode;
            // One role (or one person) is distinct already, and remembers the snapshot's list it came from: steps built
            // from the same list collapse as a whole (see Collapse).
            var single = template.Approvers is [{ Kind: ApproverKind.Role or ApproverKind.User }];
            raw.Add(new RawStep(template.Level, order++, mode, single ? (IReadOnlyList<Guid>?)source ?? approvers : [.. approvers.Distinct()], ruleName,
                () => $"{ruleName}: {condition.Value} → {(mode == ApprovalMode.AllOf && labels.Count > 1 ? "all of " : "")}{string.Join(" or ", labels.Select(l => l()))}", template.DueBusinessDays)
            {
                Source = source,
            });
        }
    }

    private static List<Guid> ManagerChain(RouteFacts facts, OrgSnapshot org, List<string> notes, string ruleName)
    {
        var chain = new List<Guid>();
        foreach (var manager in org.ChainAbove(facts.RequesterId))
        {
            chain.Add(manager);
            if (org.ApprovalLimits.TryGetValue(manager, out var limit) && limit >= facts.Total.Minor)
            {
                return chain;
            }
        }

        if (chain.Count > 0)
        {
            notes.Add($"{ruleName}: no manager's approval limit covers {Format(facts.Total)}; the whole chain approves.");
        }

        return chain;
    }

    /// <summary>The requester never approves their own request: move their step on, or fail when nobody is left.</summary>
    private static Error? RemoveRequester(ApprovalPolicy policy, RouteFacts facts, OrgSnapshot org, List<RawStep> steps, List<string> notes)
    {
        foreach (var step in steps.Where(s => s.Approvers.Contains(facts.RequesterId)))
        {
            step.Mutable().Remove(facts.RequesterId);
            if (step.Approvers.Count > 0)
            {
                continue;
            }

            Guid? next = policy.SelfApproval == SelfApprovalFallback.NextManager
                ? org.ChainAbove(facts.RequesterId).Cast<Guid?>().FirstOrDefault()
                : policy.EscalationApproverId is { } e && org.IsActive(e) && e != facts.RequesterId ? e : null;
            if (next is not { } person)
            {
                return Error.Conflict("route.self_approval", $"{step.RuleName}: the requester is the only approver and there is nobody to pass the step to.");
            }

            step.Mutable().Add(person);
            step.Suffix = $"; the requester cannot approve their own request, so it goes to {org.NameOf(person)}";
            notes.Add($"{step.RuleName}: moved from the requester to {org.NameOf(person)}.");
        }

        return null;
    }

    /// <summary>
    /// A person approves once, at the last (highest) step they appear in. Walks from the last step back: the first time
    /// a person is met is where they stay. A step built from the same role list as a later one loses everyone at once.
    /// </summary>
    private static void Collapse(List<RawStep> steps, OrgSnapshot org, List<string> notes)
    {
        var keptAt = new Dictionary<Guid, int>();
        var seenSources = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var moves = new IReadOnlyList<Guid>?[steps.Count];
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            var step = steps[i];
            if (step.Source is { } source && !seenSources.Add(source))
            {
                moves[i] = step.Approvers;
                step.Approvers = [];
                continue;
            }

            List<Guid>? moved = null;
            var approvers = step.Approvers;
            for (var k = 0; k < approvers.Count; k++)
            {
                if (!keptAt.TryAdd(approvers[k], i))
                {
                    (moved ??= []).Add(approvers[k]);
                }
            }

            if (moved is not null)
            {
                moves[i] = moved;
                step.Mutable().RemoveAll(p => keptAt[p] != i);
            }
        }

        for (var i = 0; i < steps.Count; i++)
        {
            if (moves[i] is not { Count: > 0 } moved)
            {
                continue;
            }

            var who = NameList(moved, org, 3);
            notes.Add($"{who} {(moved.Count == 1 ? "approves" : "approve")} once, at the later step \"{steps[keptAt[moved[0]]].RuleName}\".");
        }
    }

    private sealed class RawStep(int level, int order, ApprovalMode mode, IReadOnlyList<Guid> approvers, string ruleName, Func<string> explain, int dueBusinessDays)
    {
        public int Level { get; } = level;

        public int Order { get; } = order;

        public ApprovalMode Mode { get; } = mode;

        /// <summary>The approvers; the snapshot's own role-holder list until something changes them (then a copy).</summary>
        public IReadOnlyList<Guid> Approvers { get; set; } = approvers;

        /// <summary>The snapshot's role-holder list the approvers are, while they still are it.</summary>
        public IReadOnlyList<Guid>? Source { get; set; }

        /// <summary>The approvers as a list of this step's own, to change: the shared list is copied first.</summary>
        public List<Guid> Mutable()
        {
            if (Approvers is not List<Guid> own || ReferenceEquals(own, Source))
            {
                own = [.. Approvers];
                Approvers = own;
            }

            Source = null;
            return own;
        }

        public string RuleName { get; } = ruleName;

        /// <summary>Added to the explanation when the step was moved off the requester.</summary>
        public string Suffix { get; set; } = "";

        public string Explain() => explain() + Suffix;

        public int DueBusinessDays { get; } = dueBusinessDays;
    }
}
