using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Accounting;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Billing;

/// <summary>Consolidated bills: the groups, their bills with PDF and CSV, building a cycle's bill, the owner's one-step approval.</summary>
[Authorize(Roles = $"{Role.ApClerk},{Role.Controller},{Role.Admin},{Role.Approver}")]
public sealed class IndexModel(TandemDb db) : TandemPage
{
    public IReadOnlyList<BillingGroup> Groups { get; private set; } = [];

    public IReadOnlyList<BillSummary> Bills { get; private set; } = [];

    public bool CanBuild => Me.HasAnyRole(AccountingSetup.Finance);

    private CancellationToken Ct => HttpContext.RequestAborted;

    public bool Owns(BillSummary bill) => Groups.Any(g => g.Id == bill.GroupId && g.OwnerId == Me.UserId);

    public async Task OnGetAsync()
    {
        Notice = TempData["Notice"] as string;
        await LoadAsync();
    }

    public Task<IActionResult> OnPostBuildAsync(Guid groupId, string? periodContaining) =>
        ActAsync(db, () => BuildBill.HandleAsync(db, Me, new BuildBill.Request(groupId, string.IsNullOrWhiteSpace(periodContaining) ? null : periodContaining), Ct),
            b => $"Bill {b.Number}: {b.InvoiceCount} invoices, {b.Total.Amount} {b.Total.Currency}.", LoadOkAsync, new { });

    public Task<IActionResult> OnPostApproveAsync(Guid id) =>
        ActAsync(db, () => BillQueries.ApproveAsync(db, Me, id, Ct), b => $"Bill {b.Number} approved.", LoadOkAsync, new { });

    private async Task<bool> LoadOkAsync()
    {
        await LoadAsync();
        return true;
    }

    private async Task LoadAsync()
    {
        Groups = await db.BillingGroups.AsNoTracking().Where(g => g.CompanyId == Me.CompanyId).OrderBy(g => g.Name).ToListAsync(Ct);
        Bills = await BillQueries.ListAsync(db, Me.CompanyId, Ct);
    }
}
