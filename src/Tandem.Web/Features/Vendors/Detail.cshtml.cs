using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Audit;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Vendors;

/// <summary>
/// One vendor: profile, lifecycle actions, onboarding checklist with uploads and reviews, sign-offs, bank details and
/// change requests, scorecard and audit trail. Every action calls the same handler as the API.
/// </summary>
[Authorize(Roles = $"{Role.Buyer},{Role.Controller},{Role.ApClerk},{Role.Admin},{Role.Approver},{Role.Receiver}")]
public sealed class DetailModel(TandemDb db) : TandemPage
{
    public VendorResponse Vendor { get; private set; } = null!;

    public ChecklistResponse Checklist { get; private set; } = null!;

    public IReadOnlyList<BankChangeResponse> BankChanges { get; private set; } = [];

    public ScorecardResponse Scorecard { get; private set; } = null!;

    public IReadOnlyList<AuditEntry> Trail { get; private set; } = [];

    public IReadOnlyList<Choice> People { get; private set; } = [];

    public bool CanEdit => Me.HasRole(Role.Buyer) || Me.HasRole(Role.Controller) || Me.HasRole(Role.Admin);

    private CancellationToken Ct => HttpContext.RequestAborted;

    public string NameOf(Guid? id) => Lookups.NameOf(People, id);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Notice = TempData["Notice"] as string;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostStatusAsync(Guid id, int version, VendorStatus? status, string? reason) =>
        ActAsync(id, () => ChangeVendorStatus.HandleAsync(db, Me, id, version, new ChangeVendorStatus.Request(status, reason), Ct), "Status changed.");

    public Task<IActionResult> OnPostSignOffAsync(Guid id, string? capacity) =>
        ActAsync(id, () => SignOffVendor.HandleAsync(db, Me, id, new SignOffVendor.Request(capacity, null), Ct), "Signed off.");

    public async Task<IActionResult> OnPostUploadAsync(Guid id, Guid? documentTypeId, string? expiresOn, IFormFile? file)
    {
        await using var content = file?.OpenReadStream();
        return await ActAsync(id, () => UploadVendorDocument.HandleAsync(db, Me, id, new UploadVendorDocument.Upload(documentTypeId, expiresOn, file?.FileName, content, file?.Length ?? 0), Ct), "Document uploaded; it now waits for review.");
    }

    public Task<IActionResult> OnPostReviewAsync(Guid id, Guid documentId, string? decision, string? note) =>
        ActAsync(id, () => ReviewVendorDocument.HandleAsync(db, Me, id, documentId, new ReviewVendorDocument.Request(decision, note), Ct), "Review recorded.");

    public Task<IActionResult> OnPostBankChangeAsync(Guid id, string? holder, string? iban, string? bic, string? accountNumber, string? routingNumber, string? reason) =>
        ActAsync(id, () => RequestBankChange.HandleAsync(db, Me, id, new RequestBankChange.Request(holder, iban, bic, accountNumber, routingNumber, reason), Ct), "Bank change proposed; a controller must approve it.");

    public Task<IActionResult> OnPostDecideBankAsync(Guid id, Guid changeId, int version, string? decision, string? note) =>
        ActAsync(id, () => DecideBankChange.HandleAsync(db, Me, id, changeId, version, new DecideBankChange.Request(decision, note), Ct), "Bank change decided.");

    private async Task<IActionResult> ActAsync<T>(Guid id, Func<Task<Result<T>>> action, string notice)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        if (Succeeded(await action()))
        {
            TempData["Notice"] = notice;
            return RedirectToPage(new { id });
        }

        db.ChangeTracker.Clear();
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var vendor = await VendorQueries.GetAsync(db, Me, id, Ct);
        if (!vendor.IsSuccess)
        {
            return false;
        }

        Vendor = vendor.Value;
        Checklist = (await VendorChecklist.GetAsync(db, Me, id, Ct)).Value;
        BankChanges = await RequestBankChange.ListAsync(db, Me, id, Ct);
        Scorecard = (await VendorScorecard.GetAsync(db, Me, id, Ct)).Value;
        People = await Lookups.UsersAsync(db, Me.CompanyId, Ct);
        Trail = await AuditQueries.TrailAsync(db, Me.CompanyId, [id], 30, Ct);
        return true;
    }
}
