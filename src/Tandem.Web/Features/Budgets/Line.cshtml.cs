using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Audit;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Budgets;

/// <summary>One budget line: its figures and forecast, the documents that consume it, its revisions and reallocations, and its audit trail.</summary>
[Authorize(Roles = $"{Role.Admin},{Role.Controller},{Role.Approver},{Role.Buyer},{Role.ApClerk}")]
public sealed class LineModel(TandemDb db) : TandemPage
{
    public BudgetLineDetail Detail { get; private set; } = null!;

    public IReadOnlyList<AuditEntry> Trail { get; private set; } = [];

    public IReadOnlyList<Choice> People { get; private set; } = [];

    public bool CanManage => Me.HasAnyRole(SaveBudgetLine.Managers);

    public string NameOf(Guid? id) => Lookups.NameOf(People, id);

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Notice = TempData["Notice"] as string;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostReviseAsync(Guid id, int version, string? amount, string? control, int? warnAtPercent, Guid? ownerId, string? reason)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var currency = (await CompanyClock.CurrencyAsync(db, Me.CompanyId, Ct)).Code;
        var result = await SaveBudgetLine.ReviseAsync(db, Me, id, version, new SaveBudgetLine.Revision(new MoneyDto(amount, currency), control, warnAtPercent, ownerId, null, reason), Ct);
        return await AfterAsync(result, _ => "Saved.", () =>
        {
            db.ChangeTracker.Clear();
            return LoadAsync(id);
        }, new { id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var found = await BudgetQueries.GetAsync(db, Me, id, Ct);
        if (!found.IsSuccess)
        {
            return false;
        }

        Detail = found.Value;
        People = await Lookups.UsersAsync(db, Me.CompanyId, Ct);
        Trail = await AuditQueries.TrailAsync(db, Me.CompanyId, Detail.Adjustments.Select(a => a.Id).Append(id), 50, Ct);
        return true;
    }
}
