using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Money;
using Tandem.Domain.Requisitions;
using Tandem.Web.Features.Approvals;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Requisitions;

public sealed record PersonRef(Guid Id, string Name);

public sealed record SplitResponse(Guid DepartmentId, Guid? LocationId, Guid? CostCenterId, Guid? GlAccountId, Guid? ProjectId, string? Percent, MoneyDto Amount);

public sealed record LineResponse(
    Guid Id, int LineNo, Guid? ItemId, Guid? OfferId, string Description, Guid? CategoryId, Guid? VendorId, string Quantity, string Unit, string UnitPrice,
    MoneyDto Amount, DateOnly? NeedBy, Guid? GlAccountId, IReadOnlyList<SplitResponse> Splits);

public sealed record ApproverResponse(PersonRef Approver, string Source, string? Decision, PersonRef? DecidedBy, DateTime? DecidedAtUtc, string? Comment);

public sealed record StepResponse(
    Guid Id, int Round, int Sequence, int Level, string Mode, string RuleName, string Explanation, string Status, DateTime? DueAtUtc, DateTime? EscalatesAtUtc,
    IReadOnlyList<ApproverResponse> Approvers)
{
    /// <summary>A step (with its approvers) as shown; <paramref name="names"/> holds every approver's and decider's name.</summary>
    public static StepResponse From(Approvals.ApprovalStep s, IReadOnlyDictionary<Guid, string> names)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(names);
        PersonRef Person(Guid id) => new(id, names.GetValueOrDefault(id, ""));
        return new StepResponse(
            s.Id, s.Round, s.Sequence, s.Level, JsonNames.Camel(s.Mode.ToString()), s.RuleName, s.Explanation, JsonNames.Camel(s.Status.ToString()), s.DueAtUtc, s.EscalatesAtUtc,
            [.. s.Approvers.OrderBy(a => names.GetValueOrDefault(a.UserId)).Select(a => new ApproverResponse(
                Person(a.UserId), a.Source, a.Decision is { } d ? JsonNames.Camel(d.ToString()) : null, a.DecidedById is { } by ? Person(by) : null, a.DecidedAtUtc, a.Comment))]);
    }

    /// <summary>The people a list of steps names: approvers and whoever decided for them.</summary>
    public static IEnumerable<Guid> People(IEnumerable<Approvals.ApprovalStep> steps) => steps.SelectMany(s => s.Approvers.SelectMany(a => new[] { a.UserId, a.DecidedById ?? a.UserId }));
}

public sealed record RequisitionResponse(
    Guid Id, string Number, string Title, string? Justification, RequisitionStatus Status, string? StatusReason, PersonRef Requester, PersonRef? OnBehalfOf,
    Guid? ShipToLocationId, MoneyDto Total, MoneyDto? CompanyTotal, IReadOnlyList<string> Flags, int? PolicyVersion, IReadOnlyList<LineResponse> Lines,
    IReadOnlyList<SplitResponse> Splits, IReadOnlyList<StepResponse> Route, DateTime CreatedAtUtc, DateTime? SubmittedAtUtc, DateTime? DecidedAtUtc, int Version)
    : IVersionedResponse
{
    /// <summary>Builds the full view: lines with their splits and amounts, and every approval step of every round.</summary>
    public static async Task<RequisitionResponse> BuildAsync(TandemDb db, Requisition r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(r);
        var steps = await db.ApprovalSteps.AsNoTracking().Include(s => s.Approvers).Where(s => s.RequisitionId == r.Id)
            .OrderBy(s => s.Round).ThenBy(s => s.Sequence).ToListAsync(ct);
        var company = (await CompanyClock.CurrencyAsync(db, r.CompanyId, ct)).Code;
        var names = await UserQueries.NamesAsync(db, StepResponse.People(steps).Append(r.RequesterId).Concat(r.OnBehalfOfId is { } b ? [b] : []), ct);
        var policyNumber = r.PolicyVersionId is { } pv ? await db.ApprovalPolicyVersions.Where(p => p.Id == pv).Select(p => (int?)p.Number).SingleAsync(ct) : null;
        PersonRef Person(Guid id) => new(id, names.GetValueOrDefault(id, ""));
        var currency = Currency.Of(r.Currency);
        var header = r.Splits.Where(s => s.LineId is null).OrderBy(s => s.Position).ToList();
        return new RequisitionResponse(
            r.Id, r.Number, r.Title, r.Justification, r.Status, r.StatusReason, Person(r.RequesterId), r.OnBehalfOfId is { } o ? Person(o) : null, r.ShipToLocationId,
            MoneyDto.From(new Money(r.TotalMinor, currency)), MoneyDto.From(r.CompanyTotalMinor, company),
            [.. r.Flags.Split(',', StringSplitOptions.RemoveEmptyEntries)], policyNumber,
            [.. r.Lines.OrderBy(l => l.LineNo).Select(l =>
            {
                var amount = new Money(l.AmountMinor, currency);
                var own = r.Splits.Where(s => s.LineId == l.Id).OrderBy(s => s.Position).ToList();
                return new LineResponse(
                    l.Id, l.LineNo, l.ItemId, l.OfferId, l.Description, l.CategoryId, l.VendorId, new Quantity(l.QuantityUnits).ToString(), l.Unit,
                    new UnitPrice(l.UnitPriceMicros, currency).ToDecimal().ToString("0.00####", System.Globalization.CultureInfo.InvariantCulture),
                    MoneyDto.From(amount), l.NeedBy, l.GlAccountId, SplitsOf(own.Count > 0 ? own : header, amount));
            })],
            SplitsOf(header, new Money(r.TotalMinor, currency)),
            [.. steps.Select(s => StepResponse.From(s, names))],
            r.CreatedAtUtc, r.SubmittedAtUtc, r.DecidedAtUtc, r.Version);
    }

    /// <summary>
    /// What each split is charged of <paramref name="amount"/>: in proportion to its percent or amount (header amount splits
    /// spread over a line the same way), through the domain allocation so the shares add up exactly.
    /// </summary>
    public static Money[] Share(IReadOnlyList<RequisitionSplit> splits, Money amount)
    {
        ArgumentNullException.ThrowIfNull(splits);
        var weights = splits.Select(s => s.PercentUnits ?? s.AmountMinor ?? 0).ToArray();
        return weights.Sum() == 0 ? [.. splits.Select(_ => Money.Zero(amount.Currency))] : Allocation.ByWeights(amount, weights);
    }

    /// <summary>The splits of an amount with what each is charged.</summary>
    public static IReadOnlyList<SplitResponse> SplitsOf(IReadOnlyList<RequisitionSplit> splits, Money amount)
    {
        ArgumentNullException.ThrowIfNull(splits);
        if (splits.Count == 0)
        {
            return [];
        }

        var shares = Share(splits, amount);
        return [.. splits.Select((s, i) => new SplitResponse(
            s.DepartmentId, s.LocationId, s.CostCenterId, s.GlAccountId, s.ProjectId,
            s.PercentUnits is { } p ? ((decimal)p / 10_000).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) : null,
            MoneyDto.From(shares[i])))];
    }
}
