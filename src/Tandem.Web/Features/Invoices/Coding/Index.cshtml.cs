using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices.Coding;

/// <summary>GL coding review: lines the classifier coded or suggested (with its confidence) and uncoded lines; AP accepts or overrides, and the model learns.</summary>
[Authorize(Roles = $"{Role.ApClerk},{Role.Controller},{Role.Admin}")]
public sealed class IndexModel(TandemDb db) : TandemPage
{
    public sealed record AccountOption(Guid Id, string Name);

    public IReadOnlyList<CodingReview.Row> Rows { get; private set; } = [];

    public IReadOnlyList<AccountOption> Accounts { get; private set; } = [];

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task OnGetAsync()
    {
        Notice = TempData["Notice"] as string;
        await LoadAsync();
    }

    public Task<IActionResult> OnPostCodeAsync(Guid invoiceId, Guid lineId, Guid? glAccountId) =>
        ActAsync(db, () => CodeInvoiceLine.HandleAsync(db, Me, invoiceId, lineId, new CodeInvoiceLine.Request(glAccountId, null), Ct),
            i => $"Line coded on invoice {i.Number}; Tandem learned from it.", LoadOkAsync, new { });

    private async Task<bool> LoadOkAsync()
    {
        await LoadAsync();
        return true;
    }

    private async Task LoadAsync()
    {
        Rows = await CodingReview.ListAsync(db, Me, Ct);
        Accounts = await db.GlAccounts.AsNoTracking().Where(g => g.CompanyId == Me.CompanyId && g.IsActive).OrderBy(g => g.Code)
            .Select(g => new AccountOption(g.Id, g.Code + " " + g.Name)).ToListAsync(Ct);
    }
}
