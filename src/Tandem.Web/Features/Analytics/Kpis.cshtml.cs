using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Analytics;

/// <summary>The KPI page: every shared KPI with its definition, basis and breakdown; the four kinds of savings side by side; buyers record cost avoidance here.</summary>
[Authorize(Roles = $"{Role.Buyer},{Role.Controller},{Role.ApClerk},{Role.Approver},{Role.Admin}")]
public sealed class KpisModel(TandemDb db, IServiceScopeFactory scopes) : TandemPage
{
    public static readonly string[] SavingsKeys = ["negotiatedSavings", "discountsCaptured", "costAvoidance", "yearOverYearChange"];

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public Kpis.Response? Result { get; private set; }

    public IReadOnlyList<RecordSavings.Response> Savings { get; private set; } = [];

    public bool CanRecord => Me.HasAnyRole(RecordSavings.Recorders);

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task OnGetAsync()
    {
        Notice = TempData["Notice"] as string;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostSavingsAsync(string? amount, string? reason, string? recordedOn, string? reference)
    {
        if (!CanRecord)
        {
            return Forbid();
        }

        var currency = (await CompanyClock.CurrencyAsync(db, Me.CompanyId, Ct)).Code;
        var result = await RecordSavings.RecordAsync(db, Me, new RecordSavings.Request(RecordSavings.CostAvoidance, new MoneyDto(amount, currency), recordedOn, reason, null, null, reference), Ct);
        return await AfterAsync(result, s => $"Recorded {s.Amount.Amount} {s.Amount.Currency} of cost avoidance.", async () =>
        {
            await LoadAsync();
            return true;
        }, new { From, To });
    }

    private async Task LoadAsync()
    {
        var errors = Errors;
        var result = await Kpis.GetAsync(db, scopes, Me, From, To, Ct);
        if (Succeeded(result))
        {
            Result = result.Value;
            Savings = await RecordSavings.ListAsync(db, Me.CompanyId, Result.From, Result.To, Ct);
            Errors = errors;
        }
    }

    public IEnumerable<IGrouping<string, Kpi>> ByTeam() => Result!.Kpis.Where(k => !SavingsKeys.Contains(k.Key)).GroupBy(k => k.Team);
}
