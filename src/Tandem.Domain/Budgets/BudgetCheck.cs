using Tandem.Domain.Approvals;
using Tandem.Domain.Money;

namespace Tandem.Domain.Budgets;

using Money = Tandem.Domain.Money.Money;

/// <summary>What a budget line does when a document would take it beyond what is available.</summary>
public enum BudgetControl
{
    /// <summary>The document cannot be submitted or approved beyond the available amount.</summary>
    Block,

    /// <summary>Allowed, and flagged (the owner is told when the warning threshold is crossed).</summary>
    Warn,

    /// <summary>Allowed after the budget owner approves: an approval step is added for them.</summary>
    Route,
}

/// <summary>How a document uses a budget line: pending approval, approved and not yet invoiced, or invoiced.</summary>
public enum ConsumptionKind
{
    PreCommitted,
    Committed,
    Actual,
}

/// <summary>
/// Which charges a budget line covers: every dimension it names must equal the charge's (a null dimension covers
/// everything). A GL account group is a code prefix: "61" covers 6100, 6110, 6190.
/// </summary>
public sealed record BudgetScope(Guid? DepartmentId, Guid? LocationId, Guid? CostCenterId, Guid? GlAccountId, string? GlAccountPrefix, Guid? ProjectId)
{
    public bool Covers(Charge charge)
    {
        ArgumentNullException.ThrowIfNull(charge);
        return Same(DepartmentId, charge.DepartmentId) && Same(LocationId, charge.LocationId) && Same(CostCenterId, charge.CostCenterId)
            && Same(GlAccountId, charge.GlAccountId) && Same(ProjectId, charge.ProjectId)
            && (GlAccountPrefix is null || (charge.GlAccountCode?.StartsWith(GlAccountPrefix, StringComparison.Ordinal) ?? false));
    }

    private static bool Same(Guid? wanted, Guid? actual) => wanted is null || wanted == actual;
}

/// <summary>
/// A share of a document charged to one combination of dimensions on a date, in the company currency (minor units).
/// <paramref name="LineNo"/> says which document line it comes from.
/// </summary>
public sealed record Charge(int LineNo, Guid DepartmentId, Guid? LocationId, Guid? CostCenterId, Guid? GlAccountId, string? GlAccountCode, Guid? ProjectId, DateOnly Date, long AmountMinor);

/// <summary>
/// A budget line as the check sees it, with what <em>other</em> documents consume of it (the document under check
/// is left out, so checking it twice never counts it twice).
/// </summary>
public sealed record BudgetLineState(
    Guid Id, string Name, BudgetScope Scope, BudgetPeriod Period, long AmountMinor, BudgetControl Control, int WarnAtPercent, Guid? OwnerId,
    long PreCommittedMinor, long CommittedMinor, long ActualMinor)
{
    public bool Covers(Charge charge) => Period.Contains(charge.Date) && Scope.Covers(charge);

    /// <summary>Amount − committed − actual: what is left to commit (pre-committed is shown apart and not deducted).</summary>
    public long AvailableMinor => AmountMinor - CommittedMinor - ActualMinor;
}

/// <summary>
/// One budget line's verdict for a document: what the document takes from it and what is left after.
/// <paramref name="AlreadyCommittedMinor"/> is what the document had committed on the line before this change: a
/// block-mode line refuses only growth, so shrinking an approved request is always allowed.
/// </summary>
public sealed record BudgetLineOutcome(BudgetLineState Line, long ThisDocumentMinor, BudgetState State, bool CrossesWarning, bool WasExceeded, long AlreadyCommittedMinor = 0)
{
    /// <summary>Whether the owner should hear of this document: it takes the line past its warning threshold or past its amount.</summary>
    public bool CrossesThreshold => CrossesWarning || (State == BudgetState.Exceeded && !WasExceeded);

    public long RemainingMinor => Line.AvailableMinor - ThisDocumentMinor;

    public bool Blocks => State == BudgetState.Exceeded && Line.Control == BudgetControl.Block && ThisDocumentMinor > AlreadyCommittedMinor;

    public bool RoutesToOwner => State == BudgetState.Exceeded && Line.Control == BudgetControl.Route;

    /// <summary>"Engineering 6100 2027-03: budget 10,000.00 USD, committed 3,000.00, actual 0.00, this request 7,500.00 → 500.00 USD over (block)".</summary>
    public string Explain(Currency currency)
    {
        string M(long minor) => RouteEngine.Format(new Money(minor, currency));
        var pending = Line.PreCommittedMinor != 0 ? $", pending elsewhere {M(Line.PreCommittedMinor)}" : "";
        var verdict = RemainingMinor < 0 ? $"{M(-RemainingMinor)} over" : $"{M(RemainingMinor)} left";
        var mode = Line.Control switch
        {
            BudgetControl.Block => "blocks",
            BudgetControl.Route => "budget owner approves",
            _ => "warns",
        };
        return $"{Line.Name}: budget {M(Line.AmountMinor)}, committed {M(Line.CommittedMinor)}, actual {M(Line.ActualMinor)}{pending}, "
            + $"this request {M(ThisDocumentMinor)} → {verdict} ({(State == BudgetState.Exceeded ? mode : State == BudgetState.OverWarning ? $"over the {Line.WarnAtPercent} % warning" : "within")})";
    }
}

/// <summary>The budget check of a document: every line it touches, the charges no budget covers, and the decision.</summary>
public sealed record BudgetCheckResult(IReadOnlyList<BudgetLineOutcome> Lines, IReadOnlyList<Charge> Unbudgeted)
{
    public bool Blocked => Lines.Any(l => l.Blocks);

    public bool IsUnbudgeted => Unbudgeted.Count > 0;

    /// <summary>The states the approval rules can test.</summary>
    public IReadOnlySet<BudgetState> States =>
        Lines.Select(l => l.State).Concat(IsUnbudgeted ? [BudgetState.Unbudgeted] : []).ToHashSet();

    /// <summary>The owners of every budget the document consumes (the "budget owner" approver of a policy).</summary>
    public IReadOnlyList<Guid> Owners => [.. Lines.Select(l => l.Line.OwnerId).OfType<Guid>().Distinct()];
}

/// <summary>
/// The budget check: every charge consumes every budget line that covers it (a department budget and a GL budget
/// both); a line is exceeded when what it has committed and spent plus this document passes its amount.
/// Pure: the caller reads the lines and their consumption (under a lock when committing) and passes them in.
/// </summary>
public static class BudgetCheck
{
    public static BudgetCheckResult Evaluate(IReadOnlyList<BudgetLineState> lines, IReadOnlyList<Charge> charges, IReadOnlyDictionary<Guid, long>? alreadyCommitted = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(charges);
        var taken = new long[lines.Count];
        var touched = new bool[lines.Count];
        var unbudgeted = new List<Charge>();
        foreach (var charge in charges)
        {
            var covered = false;
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i].Covers(charge))
                {
                    taken[i] = checked(taken[i] + charge.AmountMinor);
                    touched[i] = true;
                    covered = true;
                }
            }

            if (!covered && charge.AmountMinor != 0)
            {
                unbudgeted.Add(charge);
            }
        }

        var outcomes = new List<BudgetLineOutcome>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (touched[i])
            {
                outcomes.Add(Outcome(lines[i], taken[i]) with { AlreadyCommittedMinor = alreadyCommitted?.GetValueOrDefault(lines[i].Id) ?? 0 });
            }
        }

        return new BudgetCheckResult(outcomes, unbudgeted);
    }

    /// <summary>
    /// A document's ledger entries: what it consumes of each budget line its charges fall on, with how many of its lines
    /// contribute (one entry per budget line, however many document lines: a 1,000-line invoice on one budget is one row).
    /// </summary>
    public static IReadOnlyList<(Guid BudgetLineId, int Lines, long AmountMinor)> Entries(IReadOnlyList<BudgetLineState> lines, IReadOnlyList<Charge> charges)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(charges);
        var sums = new Dictionary<Guid, (HashSet<int> Lines, long Amount)>();
        foreach (var charge in charges)
        {
            foreach (var line in lines)
            {
                if (line.Covers(charge))
                {
                    var entry = sums.TryGetValue(line.Id, out var found) ? found : ([], 0);
                    entry.Lines.Add(charge.LineNo);
                    sums[line.Id] = (entry.Lines, checked(entry.Amount + charge.AmountMinor));
                }
            }
        }

        return [.. sums.Select(s => (s.Key, s.Value.Lines.Count, s.Value.Amount))];
    }

    /// <summary>One line's verdict for what a document takes from it (<paramref name="line"/> holds the other documents' consumption).</summary>
    public static BudgetLineOutcome Outcome(BudgetLineState line, long thisDocument)
    {
        ArgumentNullException.ThrowIfNull(line);
        var usedBefore = line.CommittedMinor + line.ActualMinor;
        var usedAfter = checked(usedBefore + thisDocument);
        var before = StateOf(line.AmountMinor, usedBefore, line.WarnAtPercent);
        var after = StateOf(line.AmountMinor, usedAfter, line.WarnAtPercent);
        return new BudgetLineOutcome(line, thisDocument, after, before == BudgetState.Within && after != BudgetState.Within, before == BudgetState.Exceeded);
    }

    /// <summary>
    /// A budget's state for what is committed and spent of it: exceeded past the amount, over the warning at or past
    /// the threshold (a percent of the amount, compared without rounding), within otherwise.
    /// </summary>
    public static BudgetState StateOf(long amountMinor, long usedMinor, int warnAtPercent) =>
        usedMinor > amountMinor ? BudgetState.Exceeded
        : usedMinor > 0 && (Int128)usedMinor * 100 >= (Int128)amountMinor * warnAtPercent ? BudgetState.OverWarning
        : BudgetState.Within;
}
