using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Requisitions;
using Tandem.Web.Features.Approvals;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Requisitions;

/// <summary>
/// Cancel a request that is not yet ordered, with a reason; open approval steps close and their approvers are told, and
/// exactly what it consumed of its budgets is released.
/// </summary>
public static class CancelRequisition
{
    public sealed record Request(string? Reason);

    public static Task<Result<RequisitionResponse>> HandleAsync(TandemDb db, CurrentUser user, Guid id, Request request, CancellationToken ct) =>
        Transactions.RunAsync(db, () => CancelAsync(db, user, id, request, ct), ct);

    private static async Task<Result<RequisitionResponse>> CancelAsync(TandemDb db, CurrentUser user, Guid id, Request request, CancellationToken ct)
    {
        var v = new Validator();
        var reason = v.Required(request.Reason, "reason", 2000);
        if (!v.IsValid)
        {
            return Result<RequisitionResponse>.Failure(v.Errors);
        }

        var loaded = await RequisitionAccess.LoadToChangeAsync(db, user, id, ct);
        if (!loaded.IsSuccess)
        {
            return Result<RequisitionResponse>.Failure(loaded.Errors);
        }

        var requisition = loaded.Value;

        if (!RequisitionLifecycle.CanCancel(requisition.Status))
        {
            return Error.Conflict("requisition.not_cancellable", $"A requisition that is {JsonNames.Camel(requisition.Status.ToString())} cannot be cancelled.");
        }

        if (requisition.Lines.Any(l => l.PurchaseOrderLineId is not null))
        {
            return Error.Conflict("requisition.partly_ordered", "Some lines of this requisition are on a purchase order; ask the buyer to cancel the order instead.");
        }

        var open = await db.ApprovalSteps.Include(s => s.Approvers)
            .Where(s => s.RequisitionId == id && (s.Status == StepStatus.Waiting || s.Status == StepStatus.Pending)).ToListAsync(ct);
        foreach (var step in open)
        {
            step.Status = StepStatus.Closed;
        }

        var waiting = open.Where(s => s.ActivatedAtUtc is not null).SelectMany(s => s.Approvers.Select(a => a.UserId)).ToList();
        if (waiting.Count > 0)
        {
            await ApprovalRouting.TellAsync(db, ApprovalSubject.Of(requisition), waiting, $"{requisition.Number} was cancelled", $"{requisition.Title} no longer needs your approval: {reason}", ct);
        }

        requisition.Status = RequisitionStatus.Cancelled;
        requisition.StatusReason = reason;
        requisition.DecidedAtUtc = db.Clock.GetUtcNow().UtcDateTime;
        await BudgetLedger.ApplyAsync(db, requisition, enforce: false, ct); // releases what it pre-committed or committed
        await db.SaveChangesAsync(ct);
        await PurchaseOrders.ChangeOrderApproval.OnDecidedAsync(db, null, requisition, ct); // a change request's revision is rejected
        return await RequisitionResponse.BuildAsync(db, requisition, ct);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/requisitions/{id:guid}/cancel", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                (await HandleAsync(db, user, id, request, ct)).ToOk(http))
            .RequireRoles(RequisitionAccess.Requesters);
}
