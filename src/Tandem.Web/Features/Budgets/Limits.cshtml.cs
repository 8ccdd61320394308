using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Budgets;

/// <summary>Spending limits per person and per role (per document, per month); a request over its requester's limit is flagged for the approval rules.</summary>
[Authorize(Roles = $"{Role.Admin},{Role.Controller}")]
public sealed class LimitsModel(TandemDb db) : TandemPage
{
    public IReadOnlyList<SpendingLimitResponse> Limits { get; private set; } = [];

    public IReadOnlyList<Choice> People { get; private set; } = [];

    public string Currency { get; private set; } = "";

    public string NameOf(Guid? id) => Lookups.NameOf(People, id);

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task OnGetAsync()
    {
        Notice = TempData["Notice"] as string;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostSetAsync(string? who, string? perDocument, string? perMonth)
    {
        var currency = (await CompanyClock.CurrencyAsync(db, Me.CompanyId, Ct)).Code;
        Guid? userId = Guid.TryParse(who, out var id) ? id : null;
        var role = userId is null ? who : null;
        var result = await SpendingLimits.SetAsync(db, Me, new SpendingLimits.Request(userId, role,
            string.IsNullOrWhiteSpace(perDocument) ? null : new MoneyDto(perDocument, currency),
            string.IsNullOrWhiteSpace(perMonth) ? null : new MoneyDto(perMonth, currency)), Ct);
        return await AfterAsync(result, _ => "Saved.", LoadAsync);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id) =>
        await AfterAsync(await SpendingLimits.DeleteAsync(db, Me, id, Ct), _ => "Removed.", LoadAsync);

    private async Task<bool> LoadAsync()
    {
        db.ChangeTracker.Clear();
        Currency = (await CompanyClock.CurrencyAsync(db, Me.CompanyId, Ct)).Code;
        Limits = await SpendingLimits.ListAsync(db, Me, Ct);
        People = await Lookups.UsersAsync(db, Me.CompanyId, Ct);
        return true;
    }
}
