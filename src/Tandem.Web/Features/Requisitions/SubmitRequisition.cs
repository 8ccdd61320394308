using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Approvals;
using Tandem.Domain.Budgets;
using Tandem.Domain.Money;
using Tandem.Domain.Requisitions;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Approvals;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;
using Money = Tandem.Domain.Money.Money;

namespace Tandem.Web.Features.Requisitions;

/// <summary>
/// Submit a draft or returned request: policy flags computed (blocking ones refuse it, naming each), the budget check
/// (a block-mode line it would exceed refuses it, with the numbers; a route-mode one adds its owner), the total converted
/// to the company currency, the current policy version evaluated, and the route started — or the request approved at
/// once when no rule matches and it is under the threshold. The same evaluation, without saving, is the route preview.
/// </summary>
public static class SubmitRequisition
{
    public static Task<Result<RequisitionResponse>> HandleAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
        Transactions.RunAsync(db, () => SubmitAsync(db, user, id, ct), ct);

    private static async Task<Result<RequisitionResponse>> SubmitAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var loaded = await RequisitionAccess.LoadToChangeAsync(db, user, id, ct);
        if (!loaded.IsSuccess)
        {
            return Result<RequisitionResponse>.Failure(loaded.Errors);
        }

        var requisition = loaded.Value;

        if (!RequisitionLifecycle.CanSubmit(requisition.Status))
        {
            return Error.Conflict("requisition.not_submittable", $"A requisition that is {JsonNames.Camel(requisition.Status.ToString())} cannot be submitted.");
        }

        requisition.SubmittedAtUtc = db.Clock.GetUtcNow().UtcDateTime;
        if (await RouteAsync(db, user, requisition, ct) is { } refused)
        {
            return refused;
        }

        await db.SaveChangesAsync(ct);
        if (await PurchaseOrders.ChangeOrderApproval.OnDecidedAsync(db, null, requisition, ct) is { } notApplied)
        {
            return notApplied; // a resubmitted change request approved at once applies its revision
        }

        return await RequisitionResponse.BuildAsync(db, requisition, ct);
    }

    /// <summary>Routes the request (unsaved, in the caller's transaction): flags, blocking checks, conversion, evaluation, first step or approval, budget consumption.</summary>
    public static async Task<Error?> RouteAsync(TandemDb db, CurrentUser user, Requisition requisition, CancellationToken ct)
    {
        var evaluation = await EvaluateAsync(db, requisition, ct);
        if (!evaluation.IsSuccess)
        {
            return evaluation.FirstError;
        }

        var (version, policy, plan, flags, companyTotal, _) = evaluation.Value;
        var budget = evaluation.Value.Budget;
        var blocking = flags.Where(policy.BlockingFlags.Contains).ToList();
        if (blocking.Count > 0)
        {
            return Error.Validation("requisition.blocked_by_policy",
                $"Company policy does not allow submitting a request flagged {string.Join(", ", blocking.Select(RouteEngine.FlagText))}.", FieldOf(blocking[0]));
        }

        if (budget.Blocked)
        {
            return await BudgetLedger.ExceededAsync(db, requisition.CompanyId, budget, ct);
        }

        if (plan.Problem is { } problem)
        {
            return problem;
        }

        // Steps of an earlier round that never finished (a returned request) close now.
        foreach (var open in await db.ApprovalSteps.Where(s => s.RequisitionId == requisition.Id && (s.Status == StepStatus.Waiting || s.Status == StepStatus.Pending)).ToListAsync(ct))
        {
            open.Status = StepStatus.Closed;
        }

        requisition.PolicyVersionId = version.Id;
        requisition.Flags = string.Join(',', flags.Order().Select(f => JsonNames.Camel(f.ToString())));
        requisition.CompanyTotalMinor = companyTotal.Minor;
        await ApprovalRouting.StartRoundAsync(db, requisition, plan, policy, ct);
        var consumed = await BudgetLedger.ApplyAsync(db, requisition, enforce: true, ct, evaluation.Value.BudgetEvaluation);
        return consumed.IsSuccess ? null : consumed.FirstError;
    }

    public sealed record Evaluation(
        ApprovalPolicyVersion Version, CompiledPolicy Policy, RoutePlan Plan, IReadOnlySet<PolicyFlag> Flags, Money CompanyTotal, BudgetLedger.Evaluation BudgetEvaluation)
    {
        public BudgetCheckResult Budget => BudgetEvaluation.Result;
    }

    /// <summary>Everything routing decides, without changing anything.</summary>
    public static async Task<Result<Evaluation>> EvaluateAsync(TandemDb db, Requisition requisition, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(requisition);
        if (requisition.Lines.Count == 0)
        {
            return Error.Validation("requisition.no_lines", "Add at least one line before submitting.", "lines");
        }

        if (requisition.Lines.Any(l => !requisition.Splits.Any(s => s.LineId == l.Id || s.LineId == null)))
        {
            return Error.Validation("requisition.no_department", "Charge every line to a department (splits) before submitting.", "splits");
        }

        var currency = await CompanyClock.CurrencyAsync(db, requisition.CompanyId, ct);
        var today = await CompanyClock.TodayAsync(db, requisition.CompanyId, ct);
        var rates = await Rates.LatestAsync(db, requisition.CompanyId, today, ct);
        if (Rates.ToCompany(new Money(requisition.TotalMinor, Currency.Of(requisition.Currency)), currency, rates) is not { } companyTotal)
        {
            return Error.Validation("requisition.no_exchange_rate", $"There is no exchange rate from {requisition.Currency} to {currency.Code}; ask a controller to add one.", "currency");
        }

        var budget = await BudgetLedger.EvaluateAsync(db, LedgerDocument.Of(requisition), ct);
        if (!budget.IsSuccess)
        {
            return Result<Evaluation>.Failure(budget.Errors);
        }

        var (version, policy) = await ApprovalRouting.CurrentAsync(db, requisition.CompanyId, PolicyKind.Requisition, currency, ct);
        var flags = await FlagsAsync(db, requisition, companyTotal, budget.Value.Result.IsUnbudgeted, today, ct);
        var routed = BudgetRouting.WithBudgetOwners(policy.Policy, budget.Value.Result);
        var org = await ApprovalRouting.OrgAsync(db, requisition.CompanyId, currency, routed, ct);
        var plan = RouteEngine.Evaluate(routed, ApprovalRouting.Facts(requisition, companyTotal, flags, budget.Value.Result), org);
        return new Evaluation(version, policy, plan, flags, companyTotal, budget.Value);
    }

    private static async Task<IReadOnlySet<PolicyFlag>> FlagsAsync(TandemDb db, Requisition requisition, Money companyTotal, bool unbudgeted, DateOnly today, CancellationToken ct)
    {
        var vendorIds = requisition.Lines.Select(l => l.VendorId).OfType<Guid>().Distinct().ToList();
        var categoryIds = requisition.Lines.Select(l => l.CategoryId).OfType<Guid>().Distinct().ToList();
        var statuses = await db.Vendors.AsNoTracking().Where(v => vendorIds.Contains(v.Id)).Select(v => new { v.Id, v.Status }).ToDictionaryAsync(v => v.Id, v => v.Status, ct);
        var preferred = (await db.PreferredVendors.AsNoTracking().Where(p => categoryIds.Contains(p.CategoryId)).Select(p => new { p.CategoryId, p.VendorId }).ToListAsync(ct))
            .ToLookup(p => p.CategoryId, p => p.VendorId);
        var lines = requisition.Lines.Select(l =>
        {
            var splits = requisition.Splits.Where(s => s.LineId == l.Id).ToList();
            if (splits.Count == 0)
            {
                splits = [.. requisition.Splits.Where(s => s.LineId == null)];
            }

            // A vendor is non-preferred only where the category names preferred vendors and this is not one of them.
            bool? isPreferred = l.VendorId is { } v && l.CategoryId is { } c && preferred[c].Any() ? preferred[c].Contains(v) : null;
            bool? isActive = l.VendorId is { } vendor ? statuses.TryGetValue(vendor, out var status) && VendorLifecycle.CanReceiveNewOrders(status) : null;
            return new FlagLine(l.OfferId is not null, isPreferred, isActive,
                l.GlAccountId is not null || (splits.Count > 0 && splits.All(s => s.GlAccountId is not null)),
                splits.Count > 0 && splits.All(s => s.CostCenterId is not null), l.NeedBy);
        }).ToList();
        var (limit, monthToDate) = await SpendingLimits.ForAsync(db, requisition, ct);
        return PolicyFlags.Compute(lines, companyTotal, limit, monthToDate, unbudgeted, today);
    }

    private static string FieldOf(PolicyFlag flag) => flag switch
    {
        PolicyFlag.MissingGlAccount => "lines[].glAccountId",
        PolicyFlag.MissingCostCenter => "splits[].costCenterId",
        PolicyFlag.NeedByInPast => "lines[].needBy",
        PolicyFlag.NonCatalog => "lines[].offerId",
        _ => "lines",
    };

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/requisitions/{id:guid}/submit", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await HandleAsync(db, user, id, ct)).ToOk(http))
            .RequireRoles(RequisitionAccess.Requesters);
}
