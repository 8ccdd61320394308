using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Requisitions;
using Tandem.Web.Features.Approvals;
using Tandem.Web.Features.Audit;
using Tandem.Web.Features.Comments;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Requisitions;

/// <summary>
/// One requisition: lines, allocation, the route with the rule behind every step (a preview before submitting), the
/// budget check with its numbers, the decision form for whoever is due to decide, comments and the audit trail. Actions
/// call the API's handlers.
/// </summary>
public sealed class DetailModel(TandemDb db) : TandemPage
{
    public RequisitionResponse Requisition { get; private set; } = null!;

    public RoutePreview? Preview { get; private set; }

    /// <summary>The budget check while the request can still consume (draft to approved).</summary>
    public Budgets.BudgetCheckResponse? Budget { get; private set; }

    public IReadOnlyList<Error> PreviewErrors { get; private set; } = [];

    public FormChoices Choices { get; private set; } = FormChoices.Empty;

    public InboxItem? MyDecision { get; private set; }

    public IReadOnlyList<AuditEntry> Trail { get; private set; } = [];

    public IReadOnlyList<CommentResponse> Comments { get; private set; } = [];

    public bool IsMine => Requisition.Requester.Id == Me.UserId || Requisition.OnBehalfOf?.Id == Me.UserId;

    public bool CanEdit => IsMine && RequisitionLifecycle.CanEdit(Requisition.Status);

    public bool CanSubmit => IsMine && RequisitionLifecycle.CanSubmit(Requisition.Status);

    public bool CanCancel => IsMine && RequisitionLifecycle.CanCancel(Requisition.Status);

    public string NameOf(IReadOnlyList<Choice> choices, Guid? id) => Lookups.NameOf(choices, id);

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Notice = TempData["Notice"] as string;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostSubmitAsync(Guid id) => !Me.HasAnyRole(RequisitionAccess.Requesters) ? Task.FromResult<IActionResult>(Forbid()) :
        ActAsync(id, () => SubmitRequisition.HandleAsync(db, Me, id, Ct), r => r.Status == RequisitionStatus.Approved ? "Submitted and approved at once: no rule needs an approver." : "Submitted for approval.");

    public Task<IActionResult> OnPostCancelAsync(Guid id, string? reason) => !Me.HasAnyRole(RequisitionAccess.Requesters) ? Task.FromResult<IActionResult>(Forbid()) :
        ActAsync(id, () => CancelRequisition.HandleAsync(db, Me, id, new CancelRequisition.Request(reason), Ct), _ => "Cancelled.");

    public Task<IActionResult> OnPostDecideAsync(Guid id, string? decision, string? comment) =>
        ActAsync(id, () => DecideApproval.HandleAsync(db, Me, id, new DecideApproval.Request(decision, comment), Ct), r => $"Decision recorded; the request is now {RequisitionPages.Label(r.Status).ToLowerInvariant()}.");

    public Task<IActionResult> OnPostCommentAsync(Guid id, string? body, List<IFormFile>? files) =>
        ActAsync(id, () => AddComment.HandleAsync(db, Me, CommentThreads.Requisition, id, body, files ?? [], Ct), _ => "Comment added.");

    private Task<IActionResult> ActAsync<T>(Guid id, Func<Task<Result<T>>> action, Func<T, string> notice) =>
        ActAsync(db, action, notice, () => LoadAsync(id), new { id });

    private async Task<bool> LoadAsync(Guid id)
    {
        var found = await RequisitionQueries.GetAsync(db, Me, id, Ct);
        if (!found.IsSuccess)
        {
            return false;
        }

        Requisition = found.Value;
        Choices = await FormChoices.LoadAsync(db, Me.CompanyId, Ct);
        if (RequisitionLifecycle.CanSubmit(Requisition.Status))
        {
            var preview = await RequisitionQueries.PreviewAsync(db, Me, id, Ct);
            Preview = preview.IsSuccess ? preview.Value : null;
            PreviewErrors = preview.IsSuccess ? [] : preview.Errors;
        }

        if (Requisition.Status is RequisitionStatus.Draft or RequisitionStatus.Returned or RequisitionStatus.InApproval or RequisitionStatus.Approved
            && await Budgets.CheckBudget.ForRequisitionAsync(db, Me, id, Ct) is { IsSuccess: true } budget)
        {
            Budget = budget.Value;
        }

        Comments = (await CommentQueries.ListAsync(db, Me, CommentThreads.Requisition, id, Ct)).Value;
        MyDecision = await ApprovalInbox.ListAsync(db, Me, Ct, id) is [var mine, ..] ? mine : null;
        Trail = await AuditQueries.TrailAsync(db, Me.CompanyId, Requisition.Route.Select(s => s.Id).Append(id), 50, Ct);
        return true;
    }
}
