using Tandem.Domain.Budgets;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;
using Money = Tandem.Domain.Money.Money;

namespace Tandem.Web.Features.Budgets;

/// <summary>
/// A budget line with its consumption: amount, pre-committed (shown apart), committed, actual, available
/// (amount − committed − actual), percent used, variance and the run-rate forecast to period end.
/// </summary>
public sealed record BudgetLineResponse(
    Guid Id, string Name, string Period, string PeriodKind, DateOnly PeriodStart, DateOnly PeriodEnd,
    Guid? DepartmentId, Guid? LocationId, Guid? CostCenterId, Guid? GlAccountId, string? GlAccountGroup, Guid? ProjectId,
    MoneyDto Amount, string Control, int WarnAtPercent, Guid? OwnerId,
    MoneyDto PreCommitted, MoneyDto Committed, MoneyDto Actual, MoneyDto Available, decimal? UsedPercent,
    MoneyDto Variance, decimal? VariancePercent, MoneyDto Forecast, bool AtRisk, string State, int Version) : IVersionedResponse
{
    public static BudgetLineResponse From(BudgetLine line, BudgetLineState state, int fiscalYearStartMonth, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(state);
        var currency = Domain.Money.Currency.Of(line.Currency);
        MoneyDto M(long minor) => MoneyDto.From(new Money(minor, currency));
        var forecast = BudgetForecast.Of(line.AmountMinor, state.CommittedMinor, state.ActualMinor, line.Period, today);
        var used = state.CommittedMinor + state.ActualMinor;
        decimal? usedPercent = line.AmountMinor == 0 ? null : Math.Round(used * 100m / line.AmountMinor, 1, MidpointRounding.AwayFromZero);
        var verdict = BudgetCheck.StateOf(line.AmountMinor, used, line.WarnAtPercent);
        var status = verdict == Domain.Approvals.BudgetState.Within && forecast.AtRisk ? "atRisk" : JsonNames.Camel(verdict.ToString());
        return new BudgetLineResponse(
            line.Id, line.Name, line.Period.Format(fiscalYearStartMonth), JsonNames.Camel(line.PeriodKind.ToString()), line.PeriodStart, line.PeriodEnd,
            line.DepartmentId, line.LocationId, line.CostCenterId, line.GlAccountId, line.GlAccountPrefix, line.ProjectId,
            M(line.AmountMinor), JsonNames.Camel(line.Control.ToString()), line.WarnAtPercent, line.OwnerId,
            M(state.PreCommittedMinor), M(state.CommittedMinor), M(state.ActualMinor), M(state.AvailableMinor), usedPercent,
            M(forecast.VarianceMinor), forecast.VariancePercent, M(forecast.ForecastMinor), forecast.AtRisk, status, line.Version);
    }
}

/// <summary>The budget check of a document as the API and pages show it: one row per budget line with the numbers, and the verdict.</summary>
public sealed record BudgetCheckResponse(string Decision, IReadOnlyList<BudgetCheckLine> Lines, MoneyDto Unbudgeted, IReadOnlyList<int> UnbudgetedLines)
{
    public static BudgetCheckResponse From(BudgetCheckResult result, Domain.Money.Currency currency)
    {
        ArgumentNullException.ThrowIfNull(result);
        MoneyDto M(long minor) => MoneyDto.From(new Money(minor, currency));
        var decision = result.Blocked ? "blocked"
            : result.Lines.Any(l => l.RoutesToOwner) ? "routedToOwner"
            : result.Lines.Any(l => l.State == Domain.Approvals.BudgetState.Exceeded) ? "exceededWarn"
            : result.Lines.Any(l => l.State == Domain.Approvals.BudgetState.OverWarning) ? "overWarning"
            : result.Lines.Count == 0 && result.IsUnbudgeted ? "unbudgeted"
            : "within";
        return new BudgetCheckResponse(
            decision,
            [.. result.Lines.Select(l => new BudgetCheckLine(
                l.Line.Id, l.Line.Name, JsonNames.Camel(l.Line.Control.ToString()), M(l.Line.AmountMinor), M(l.Line.PreCommittedMinor), M(l.Line.CommittedMinor),
                M(l.Line.ActualMinor), M(l.ThisDocumentMinor), M(l.RemainingMinor), JsonNames.Camel(l.State.ToString()), l.Blocks, l.Explain(currency)))],
            M(result.Unbudgeted.Sum(c => c.AmountMinor)),
            [.. result.Unbudgeted.Select(c => c.LineNo).Distinct().Order()]);
    }
}

public sealed record BudgetCheckLine(
    Guid BudgetLineId, string Name, string Control, MoneyDto Amount, MoneyDto PreCommitted, MoneyDto Committed, MoneyDto Actual, MoneyDto ThisRequest,
    MoneyDto Remaining, string State, bool Blocks, string Explanation);
