using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Requisitions;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Audit;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Approvals;

/// <summary>
/// Approve, reject (reason required) or request changes (comment required) on the pending step of a requisition, as one
/// of its approvers or their delegate; never on one's own request. Two people deciding the same step at once: the step's
/// version lets one win; the other's attempt is re-read, refused with a clear conflict, and audited. Every approval
/// re-checks the budget (a block-mode line it would exceed refuses it); the last one turns the request's pre-commitment
/// into a commitment under the budget lines' locks, so concurrent approvals never overspend a budget together.
/// </summary>
public static class DecideApproval
{
    public sealed record Request(string? Decision, string? Comment);

    public sealed record BulkRequest(IReadOnlyList<Guid>? RequisitionIds, string? Comment);

    public sealed record BulkResult(Guid RequisitionId, bool Approved, string? Error);

    private const int Attempts = 3;

    public static async Task<Result<RequisitionResponse>> HandleAsync(TandemDb db, CurrentUser user, Guid requisitionId, Request request, CancellationToken ct)
    {
        var v = new Validator();
        var decision = v.Enum<Decision>(request.Decision, "decision");
        var comment = decision == Decision.Approve ? v.Optional(request.Comment, "comment", 2000) : v.Required(request.Comment, "comment", 2000);
        if (!v.IsValid)
        {
            return Result<RequisitionResponse>.Failure(v.Errors);
        }

        for (var attempt = 1; ; attempt++)
        {
            var outcome = await TryDecideAsync(db, user, requisitionId, decision, comment, ct);
            if (outcome is { } done)
            {
                return done;
            }

            if (attempt == Attempts)
            {
                return Error.Conflict("approval.busy", "The request kept changing while you decided; reload and try again.");
            }
        }
    }

    /// <summary>One attempt in its own transaction; null when another decision got in first and the state must be read again.</summary>
    private static async Task<Result<RequisitionResponse>?> TryDecideAsync(TandemDb db, CurrentUser user, Guid requisitionId, Decision decision, string? comment, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var outcome = await DecideAsync(db, user, requisitionId, decision, comment, ct);
        if (outcome is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return outcome;
    }

    private static async Task<Result<RequisitionResponse>?> DecideAsync(TandemDb db, CurrentUser user, Guid requisitionId, Decision decision, string? comment, CancellationToken ct)
    {
        var requisition = await RequisitionAccess.LoadAsync(db, user, requisitionId, ct);
        if (requisition is null)
        {
            return RequisitionAccess.NotFound();
        }

        if (requisition.RequesterId == user.UserId)
        {
            return Error.Forbidden("approval.own_request", "You cannot decide on your own request.");
        }

        var step = requisition.Status != RequisitionStatus.InApproval ? null
            : await db.ApprovalSteps.Include(s => s.Approvers).SingleOrDefaultAsync(s => s.RequisitionId == requisitionId && s.Round == requisition.Round && s.Status == StepStatus.Pending, ct);
        if (step is null)
        {
            return await RefuseAsync(db, requisition, decision, Error.Conflict("approval.not_pending",
                $"{requisition.Number} is {JsonNames.Camel(requisition.Status.ToString())}: there is no decision waiting (someone may have decided just before you)."), ct);
        }

        var today = await CompanyClock.TodayAsync(db, user.CompanyId, ct);
        var delegators = await Delegations.ActiveForAsync(db, user, today, ct);
        var assignment = step.OpenAssignmentFor(user.UserId, delegators);
        if (assignment is null)
        {
            return step.DecidedBy(user.UserId)
                ? await RefuseAsync(db, requisition, decision, Error.Conflict("approval.already_decided", "You have already decided on this step."), ct)
                : Error.Forbidden("approval.not_your_step", $"{requisition.Number} waits for another approver: {step.Explanation}");
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        assignment.Decision = decision;
        assignment.DecidedAtUtc = now;
        assignment.DecidedById = user.UserId;
        assignment.Comment = comment;
        db.Entry(step).Property(s => s.Version).IsModified = true;
        db.Entry(requisition).Property(r => r.Version).IsModified = true;
        await ApplyAsync(db, requisition, step, decision, comment, now, ct);
        var budget = await BudgetLedger.ApplyAsync(db, requisition, enforce: decision == Decision.Approve, ct);
        if (!budget.IsSuccess)
        {
            return await RefuseAsync(db, requisition, decision, budget.FirstError, ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return null;
        }

        if (requisition.ChangeOfRevisionId is not null && await PurchaseOrders.ChangeOrderApproval.OnDecidedAsync(db, null, requisition, ct) is { } notApplied)
        {
            return notApplied;
        }

        return await RequisitionResponse.BuildAsync(db, requisition, ct);
    }

    private static async Task ApplyAsync(TandemDb db, Requisition requisition, ApprovalStep step, Decision decision, string? comment, DateTime now, CancellationToken ct)
    {
        var subject = ApprovalSubject.Of(requisition);
        var waiting = await db.ApprovalSteps.Include(s => s.Approvers)
            .Where(s => s.RequisitionId == requisition.Id && s.Round == requisition.Round && s.Status == StepStatus.Waiting).OrderBy(s => s.Sequence).ToListAsync(ct);
        if (decision == Decision.Approve)
        {
            if (!step.Approved)
            {
                return;
            }

            step.Status = StepStatus.Approved;
            step.CompletedAtUtc = now;
            if (waiting.Count > 0)
            {
                await ApprovalRouting.ActivateAsync(db, subject, waiting[0], (await ApprovalRouting.PolicyOfAsync(db, subject, ct)).EscalateAfterBusinessDays, ct);
                return;
            }

            requisition.Status = RequisitionStatus.Approved;
            requisition.ApprovedTotalMinor = requisition.TotalMinor;
            requisition.DecidedAtUtc = now;
            requisition.StatusReason = null;
            await ApprovalRouting.TellAsync(db, subject, [requisition.RequesterId], $"{requisition.Number} is approved", $"{requisition.Title} ({subject.Total}) is approved.", ct);
            return;
        }

        step.Status = decision == Decision.Reject ? StepStatus.Rejected : StepStatus.Returned;
        step.CompletedAtUtc = now;
        foreach (var later in waiting)
        {
            later.Status = StepStatus.Closed;
        }

        requisition.Status = decision == Decision.Reject ? RequisitionStatus.Rejected : RequisitionStatus.Returned;
        requisition.StatusReason = comment;
        requisition.DecidedAtUtc = decision == Decision.Reject ? now : null;
        var what = decision == Decision.Reject ? "was rejected" : "needs changes";
        await ApprovalRouting.TellAsync(db, subject, [requisition.RequesterId], $"{requisition.Number} {what}", $"{requisition.Title} {what}: {comment}", ct);
    }

    /// <summary>A refused attempt changes nothing, but it is on the record: who tried what, and why it was refused.</summary>
    private static async Task<Result<RequisitionResponse>> RefuseAsync(TandemDb db, Requisition requisition, Decision decision, Error error, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        AuditWriter.Event(db, requisition.CompanyId, nameof(Requisition), requisition.Id, "decisionRefused",
            new { decision = JsonNames.Camel(decision.ToString()), reason = error.Code, status = JsonNames.Camel(requisition.Status.ToString()) });
        await db.SaveChangesAsync(ct);
        return error;
    }

    /// <summary>Approves several requests, each on its own (one refusal does not undo the others).</summary>
    public static async Task<Result<IReadOnlyList<BulkResult>>> BulkAsync(TandemDb db, CurrentUser user, BulkRequest request, CancellationToken ct)
    {
        var ids = request.RequisitionIds ?? [];
        if (ids.Count is 0 or > 100)
        {
            return Error.Validation("bulk.count", "Approve between 1 and 100 requests at a time.", "requisitionIds");
        }

        var results = new List<BulkResult>();
        foreach (var id in ids.Distinct())
        {
            var result = await HandleAsync(db, user, id, new Request("approve", request.Comment), ct);
            results.Add(new BulkResult(id, result.IsSuccess, result.IsSuccess ? null : result.FirstError.Message));
        }

        return results;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/approvals/{requisitionId:guid}/decision", async (TandemDb db, CurrentUser user, HttpContext http, Guid requisitionId, Request request, CancellationToken ct) =>
                (await HandleAsync(db, user, requisitionId, request, ct)).ToOk(http))
            .RequireSignedIn();
        api.MapPost("/approvals/bulk", async (TandemDb db, CurrentUser user, HttpContext http, BulkRequest request, CancellationToken ct) =>
                (await BulkAsync(db, user, request, ct)).ToOk(http))
            .RequireSignedIn();
    }
}
