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
/// decision form for whoever is due to decide, comments and the audit trail. Actions call the API's handlers.
/// </summary>
public sealed class DetailModel(TandemDb db) : TandemPage
{
    public RequisitionResponse Requisition { get; private set; } = null!;

    public RoutePreview? Preview { get; private set; }

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

    public Task<IActionResult> OnPostSubmitAsync(Guid id) =>
        ActAsync(id, () => SubmitRequisition.HandleAsync(db, Me, id, Ct), r => r.Status == RequisitionStatus.Approved ? "Submitted and approved at once: no rule needs an approver." : "Submitted for approval.");

    public Task<IActionResult> OnPostCancelAsync(Guid id, string? reason) =>
        ActAsync(id, () => CancelRequisition.HandleAsync(db, Me, id, new CancelRequisition.Request(reason), Ct), _ => "Cancelled.");

    public Task<IActionResult> OnPostDecideAsync(Guid id, string? decision, string? comment) =>
        ActAsync(id, () => DecideApproval.HandleAsync(db, Me, id, new DecideApproval.Request(decision, comment), Ct), r => $"Decision recorded; the request is now {RequisitionPages.Label(r.Status).ToLowerInvariant()}.");

    public async Task<IActionResult> OnPostCommentAsync(Guid id, string? body, List<IFormFile>? files)
    {
        var uploads = (files ?? []).Select(f => new AddComment.Upload(f.FileName, f.OpenReadStream(), f.Length)).ToList();
        try
        {
            return await ActAsync(id, () => AddComment.HandleAsync(db, Me, CommentThreads.Requisition, id, new AddComment.Request(body), uploads, Ct), _ => "Comment added.");
        }
        finally
        {
            foreach (var u in uploads)
            {
                await u.Content.DisposeAsync();
            }
        }
    }

    private async Task<IActionResult> ActAsync<T>(Guid id, Func<Task<Result<T>>> action, Func<T, string> notice)
    {
        var result = await action();
        if (Succeeded(result))
        {
            TempData["Notice"] = notice(result.Value);
            return RedirectToPage(new { id });
        }

        var errors = Errors;
        db.ChangeTracker.Clear();
        var found = await LoadAsync(id);
        Errors = errors;
        return found ? Page() : NotFound();
    }

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

        Comments = (await CommentQueries.ListAsync(db, Me, CommentThreads.Requisition, id, Ct)).Value;
        MyDecision = (await ApprovalInbox.ListAsync(db, Me, Ct)).FirstOrDefault(i => i.RequisitionId == id);
        var keys = Requisition.Route.Select(s => s.Id.ToString()).Append(id.ToString()).ToList();
        Trail = await db.AuditEntries.AsNoTracking().Where(a => a.CompanyId == Me.CompanyId && keys.Contains(a.EntityId))
            .OrderByDescending(a => a.OccurredAtUtc).Take(50).ToListAsync(Ct);
        return true;
    }
}
