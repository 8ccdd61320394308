using Microsoft.AspNetCore.Mvc;
using Tandem.Domain;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Approvals;

/// <summary>Delegate my approvals to a colleague for a date range, and see or revoke the delegations that concern me.</summary>
public sealed class DelegationsPageModel(TandemDb db) : TandemPage
{
    public IReadOnlyList<DelegationResponse> Delegations { get; private set; } = [];

    public IReadOnlyList<Choice> People { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Notice = TempData["Notice"] as string;
        await LoadAsync();
    }

    public Task<IActionResult> OnPostCreateAsync(Guid? toUserId, string? startsOn, string? endsOn, string? reason) =>
        ActAsync(() => Approvals.Delegations.CreateAsync(db, Me, new Approvals.Delegations.Request(null, toUserId, startsOn, endsOn, reason), HttpContext.RequestAborted), "Delegated.");

    public Task<IActionResult> OnPostRevokeAsync(Guid id) =>
        ActAsync(() => Approvals.Delegations.RevokeAsync(db, Me, id, HttpContext.RequestAborted), "Delegation revoked.");

    private async Task<IActionResult> ActAsync(Func<Task<Result<DelegationResponse>>> action, string notice)
    {
        if (Succeeded(await action()))
        {
            TempData["Notice"] = notice;
            return RedirectToPage();
        }

        db.ChangeTracker.Clear();
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Delegations = await Approvals.Delegations.ListAsync(db, Me, HttpContext.RequestAborted);
        People = [.. (await Lookups.UsersAsync(db, Me.CompanyId, HttpContext.RequestAborted)).Where(p => p.Id != Me.UserId)];
    }
}
