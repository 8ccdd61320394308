using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Audit;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Payments;

/// <summary>
/// One payment run: its payments and invoices with the discounts taken and credits netted, what was left out and why;
/// AP adjusts and submits it, a controller approves or sends it back, the bank files download, and it is confirmed.
/// </summary>
[Authorize(Roles = $"{Role.ApClerk},{Role.Controller},{Role.Admin}")]
public sealed class RunModel(TandemDb db) : TandemPage
{
    public PaymentRunDetail Detail { get; private set; } = null!;

    public IReadOnlyList<AuditEntry> Trail { get; private set; } = [];

    public string Status => Detail.Run.Status;

    public bool CanPrepare => Me.HasAnyRole(PaymentRunAccess.Preparers);

    public bool CanApprove => Me.HasAnyRole(PaymentRunAccess.Approvers) && Status == "awaitingApproval";

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Notice = TempData["Notice"] as string;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostRemoveAsync(Guid id, Guid invoiceId) =>
        ActAsync(db, () => AdjustPaymentRun.HandleAsync(db, Me, id, new AdjustPaymentRun.Request([invoiceId], null), Ct), r => $"Removed; the run now pays {r.Total.Amount} {r.Total.Currency}.", () => LoadAsync(id), new { id });

    public Task<IActionResult> OnPostSubmitAsync(Guid id) =>
        ActAsync(db, () => ApprovePaymentRun.SubmitAsync(db, Me, id, Ct), r => $"Run {r.Number} submitted for approval.", () => LoadAsync(id), new { id });

    public Task<IActionResult> OnPostApproveAsync(Guid id) =>
        ActAsync(db, () => ApprovePaymentRun.ApproveAsync(db, Me, id, Ct),
            r => r.Status == "approved" ? $"Run {r.Number} approved; its bank files are ready." : $"First approval recorded; run {r.Number} needs a second controller.", () => LoadAsync(id), new { id });

    public Task<IActionResult> OnPostReturnAsync(Guid id, string? reason) =>
        ActAsync(db, () => ApprovePaymentRun.ReturnAsync(db, Me, id, new ApprovePaymentRun.Decision(reason), Ct), r => $"Run {r.Number} sent back to draft.", () => LoadAsync(id), new { id });

    public Task<IActionResult> OnPostCancelAsync(Guid id, string? reason) =>
        ActAsync(db, () => ApprovePaymentRun.CancelAsync(db, Me, id, new ApprovePaymentRun.Decision(reason), Ct), r => $"Run {r.Number} cancelled; its invoices are free.", () => LoadAsync(id), new { id });

    public Task<IActionResult> OnPostConfirmAsync(Guid id) =>
        ActAsync(db, () => SettlePaymentRun.ConfirmAsync(db, Me, id, Ct), r => $"Run {r.Number} executed: invoices paid, remittance advice sent.", () => LoadAsync(id), new { id });

    private async Task<bool> LoadAsync(Guid id)
    {
        var detail = await PaymentRunQueries.GetAsync(db, Me, id, Ct);
        if (!detail.IsSuccess)
        {
            return false;
        }

        Detail = detail.Value;
        Trail = await AuditQueries.TrailAsync(db, Me.CompanyId, Detail.Payments.Select(p => p.Id).Append(id), 50, Ct);
        return true;
    }
}
