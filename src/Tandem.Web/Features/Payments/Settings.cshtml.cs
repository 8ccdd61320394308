using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Features.Vendors;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Payments;

/// <summary>Payment settings (cost of capital, weekend rule, second-approval threshold) and the company's bank accounts.</summary>
[Authorize(Roles = $"{Role.ApClerk},{Role.Controller},{Role.Admin}")]
public sealed class SettingsModel(TandemDb db) : TandemPage
{
    public PaymentSettingsDto Settings { get; private set; } = null!;

    public IReadOnlyList<BankAccountResponse> Accounts { get; private set; } = [];

    public bool CanEdit => Me.HasAnyRole(PaymentSetup.Editors);

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task OnGetAsync()
    {
        Notice = TempData["Notice"] as string;
        await LoadAsync();
    }

    public Task<IActionResult> OnPostSettingsAsync(string? costOfCapitalPercent, string? weekendRule, string? secondApprovalFrom, string? currency) =>
        ActAsync(db, () => PaymentSetup.SaveSettingsAsync(db, Me, new PaymentSettingsDto(costOfCapitalPercent, weekendRule, new MoneyDto(secondApprovalFrom, currency)), Ct),
            _ => "Payment settings saved.", LoadOkAsync, new { });

    public Task<IActionResult> OnPostAccountAsync(string? name, string? accountCurrency, string? fileFormat, string? holder, string? iban, string? bic, string? accountNumber, string? routingNumber) =>
        ActAsync(db, () => PaymentSetup.SaveAccountAsync(db, Me, null, null,
                new BankAccountRequest(name, accountCurrency, fileFormat, true, new BankDto(holder, iban, bic, accountNumber, routingNumber)), Ct),
            a => $"Bank account {a.Name} added.", LoadOkAsync, new { });

    private async Task<bool> LoadOkAsync()
    {
        await LoadAsync();
        return true;
    }

    private async Task LoadAsync()
    {
        Settings = await PaymentSetup.SettingsAsync(db, Me.CompanyId, Ct);
        Accounts = await PaymentSetup.AccountsAsync(db, Me.CompanyId, Ct);
    }
}
