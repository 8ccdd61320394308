using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Payments;

/// <summary>Payments due: the cash-out forecast by week, the discounts worth taking, the runs, and the run builder.</summary>
[Authorize(Roles = $"{Role.ApClerk},{Role.Controller},{Role.Admin}")]
public sealed class IndexModel(TandemDb db) : TandemPage
{
    public PaymentsDueResponse Due { get; private set; } = null!;

    public IReadOnlyList<PaymentRunSummary> Runs { get; private set; } = [];

    public IReadOnlyList<BankAccountResponse> Accounts { get; private set; } = [];

    public bool CanPrepare => Me.HasAnyRole(PaymentRunAccess.Preparers);

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task OnGetAsync()
    {
        Notice = TempData["Notice"] as string;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostProposeAsync(string? payDate, string? dueBy, Guid? bankAccountId)
    {
        var proposed = await ProposePaymentRun.HandleAsync(db, Me, new ProposePaymentRun.Request(payDate, string.IsNullOrWhiteSpace(dueBy) ? null : dueBy, bankAccountId), Ct);
        if (Succeeded(proposed))
        {
            TempData["Notice"] = $"Run {proposed.Value.Number} proposed: {proposed.Value.PaymentCount} payments, {proposed.Value.InvoiceCount} invoices.";
            return RedirectToPage("/Payments/Run", new { id = proposed.Value.Id });
        }

        db.ChangeTracker.Clear();
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Due = (await PaymentsDue.HandleAsync(db, Me, 8, Ct)).Value;
        Runs = await PaymentRunQueries.ListAsync(db, Me, null, Ct);
        Accounts = [.. (await PaymentSetup.AccountsAsync(db, Me.CompanyId, Ct)).Where(a => a.Active)];
    }
}
