using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Analytics;

/// <summary>The weekly review pack as a page (and its PDF); controllers and admins choose the threshold, the day and who receives it.</summary>
[Authorize(Roles = $"{Role.Buyer},{Role.Controller},{Role.ApClerk},{Role.Approver},{Role.Admin}")]
public sealed class ReviewPackModel(TandemDb db, IServiceScopeFactory scopes) : TandemPage
{
    public ReviewPack.Pack Pack { get; private set; } = null!;

    public ReviewPackMail.SettingsResponse Settings { get; private set; } = null!;

    public IReadOnlyList<Choice> People { get; private set; } = [];

    public bool CanEdit => Me.HasAnyRole(ReviewPackMail.Editors);

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task OnGetAsync()
    {
        Notice = TempData["Notice"] as string;
        await LoadAsync();
    }

    public async Task<IActionResult> OnGetPdfAsync()
    {
        var pack = await ReviewPack.BuildAsync(db, scopes, Me.CompanyId, Ct);
        return File(ReviewPackPdf.Render(pack), "application/pdf", $"review-pack-{pack.WeekTo:yyyy-MM-dd}.pdf");
    }

    public async Task<IActionResult> OnPostSettingsAsync(string? threshold, string? weekday, int? weeksAhead, int? exceptionDays, List<Guid>? recipientIds)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var currency = (await CompanyClock.CurrencyAsync(db, Me.CompanyId, Ct)).Code;
        var result = await ReviewPackMail.SaveAsync(db, Me, null, new ReviewPackMail.SettingsRequest(new MoneyDto(threshold, currency), weekday, weeksAhead, exceptionDays, recipientIds ?? []), Ct);
        return await AfterAsync(result, _ => "Saved the review pack settings.", async () =>
        {
            await LoadAsync();
            return true;
        });
    }

    private async Task LoadAsync()
    {
        Pack = await ReviewPack.BuildAsync(db, scopes, Me.CompanyId, Ct);
        Settings = await ReviewPackMail.GetAsync(db, Me.CompanyId, Ct);
        People = CanEdit ? await Lookups.UsersAsync(db, Me.CompanyId, Ct) : [];
    }

    public string Money(long minor) => new Domain.Money.Money(minor, Domain.Money.Currency.Of(Pack.Currency)).ToAmountString();
}
