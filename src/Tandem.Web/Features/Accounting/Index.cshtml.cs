using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Accounting;

/// <summary>Period close and the ledger hand-off: months with their status, journal exports, the received-not-invoiced accrual of a month.</summary>
[Authorize(Roles = $"{Role.ApClerk},{Role.Controller},{Role.Admin}")]
public sealed class IndexModel(TandemDb db) : TandemPage
{
    public IReadOnlyList<PeriodResponse> Periods { get; private set; } = [];

    public IReadOnlyList<JournalExportResponse> Exports { get; private set; } = [];

    public AccrualReport? Accrual { get; private set; }

    public bool IsController => Me.HasRole(Role.Controller);

    public bool CanExport => Me.HasAnyRole(AccountingSetup.Finance);

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task OnGetAsync(string? accrual)
    {
        Notice = TempData["Notice"] as string;
        await LoadAsync(accrual);
    }

    public Task<IActionResult> OnPostCloseAsync(string period) =>
        ActAsync(db, () => ClosePeriod.CloseAsync(db, Me, period, Ct), p => $"{p.Period} closed; its accrual is posted.", () => LoadOkAsync(period), new { accrual = period });

    public Task<IActionResult> OnPostReopenAsync(string period, string? reason) =>
        ActAsync(db, () => ClosePeriod.ReopenAsync(db, Me, period, new PeriodRequest(period, reason), Ct), p => $"{p.Period} reopened.", () => LoadOkAsync(period), new { });

    public Task<IActionResult> OnPostExportAsync(string? upTo) =>
        ActAsync(db, () => JournalExports.CreateAsync(db, Me, new JournalExports.Request(upTo), Ct),
            e => $"Export {e.Number}: {e.EntryCount} entries." + (e.Skipped.Count > 0 ? $" Not booked (no GL account): {string.Join(", ", e.Skipped)}." : ""), () => LoadOkAsync(null), new { });

    private async Task<bool> LoadOkAsync(string? accrual)
    {
        await LoadAsync(accrual);
        return true;
    }

    private async Task LoadAsync(string? accrual)
    {
        Periods = await ClosePeriod.ListAsync(db, Me.CompanyId, Ct);
        Exports = CanExport ? await JournalExports.ListAsync(db, Me.CompanyId, Ct) : [];
        var month = accrual ?? Periods.Skip(1).FirstOrDefault()?.Period;
        if (month is not null && CanExport && await Accruals.ReportAsync(db, Me.CompanyId, month, Ct) is { IsSuccess: true } report)
        {
            Accrual = report.Value;
        }
    }
}
