using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tandem.Domain.Budgets;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Budgets;

/// <summary>
/// The budget overview for a period: one bar per line (actual, committed, available), the totals, and budget vs
/// committed vs actual by a dimension with variance and forecast. Controllers add lines and move money between them.
/// </summary>
[Authorize(Roles = $"{Role.Admin},{Role.Controller},{Role.Approver},{Role.Buyer},{Role.ApClerk}")]
public sealed class IndexModel(TandemDb db) : TandemPage
{
    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? By { get; set; }

    public IReadOnlyList<BudgetLineResponse> Lines { get; private set; } = [];

    public int TotalCount { get; private set; }

    public BudgetReport.Report? Report { get; private set; }

    public FormChoices Choices { get; private set; } = FormChoices.Empty;

    public bool CanManage => Me.HasAnyRole(SaveBudgetLine.Managers);

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task OnGetAsync()
    {
        Notice = TempData["Notice"] as string;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostCreateAsync(
        string? period, Guid? departmentId, Guid? locationId, Guid? costCenterId, Guid? glAccountId, string? glAccountGroup, Guid? projectId,
        string? amount, string? control, int? warnAtPercent, Guid? ownerId, string? name)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var currency = (await CompanyClock.CurrencyAsync(db, Me.CompanyId, Ct)).Code;
        var result = await SaveBudgetLine.CreateAsync(db, Me, new SaveBudgetLine.Request(
            period, departmentId, locationId, costCenterId, glAccountId, glAccountGroup, projectId, new MoneyDto(amount, currency), control, warnAtPercent, ownerId, name), Ct);
        return await AfterAsync(result, line => $"Added {line.Name}.", ReloadAsync, new { Period, By });
    }

    public async Task<IActionResult> OnPostReallocateAsync(Guid? fromId, Guid? toId, string? amount, string? reason)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var currency = (await CompanyClock.CurrencyAsync(db, Me.CompanyId, Ct)).Code;
        var result = await ReallocateBudget.HandleAsync(db, Me, new ReallocateBudget.Request(fromId, toId, new MoneyDto(amount, currency), reason), Ct);
        return await AfterAsync(result, moved => $"Moved {amount} {currency} from {moved.From.Name} to {moved.To.Name}.", ReloadAsync, new { Period, By });
    }

    private async Task<bool> ReloadAsync()
    {
        db.ChangeTracker.Clear();
        await LoadAsync();
        return true;
    }

    private async Task LoadAsync()
    {
        var fiscalStart = await CompanyClock.FiscalYearStartMonthAsync(db, Me.CompanyId, Ct);
        var today = await CompanyClock.TodayAsync(db, Me.CompanyId, Ct);
        Period ??= BudgetPeriod.Containing(BudgetPeriodKind.Year, today, fiscalStart).Format(fiscalStart);
        var lines = await BudgetQueries.ListAsync(db, Me, new BudgetQueries.Filter(Period, null, null, null, null, null, null, null, null), 1, PageRequest.MaxPageSize, Ct);
        var report = await BudgetReport.BuildAsync(db, Me, By, Period, Ct);
        if (!lines.IsSuccess || !report.IsSuccess)
        {
            Errors = [.. (lines.IsSuccess ? [] : lines.Errors), .. (report.IsSuccess ? [] : report.Errors)];
            return;
        }

        (Lines, TotalCount, Report) = (lines.Value.Items, lines.Value.TotalCount, report.Value);
        if (CanManage)
        {
            Choices = await FormChoices.LoadAsync(db, Me.CompanyId, Ct);
        }
    }
}
