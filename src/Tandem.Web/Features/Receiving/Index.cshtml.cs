using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Receiving;

/// <summary>The receiving inbox: what is due by a date (a week from today unless asked), overdue first, with a link to receive each order.</summary>
[Authorize(Roles = $"{Role.Receiver},{Role.Buyer},{Role.Admin},{Role.Requester}")]
public sealed class IndexModel(TandemDb db) : TandemPage
{
    [BindProperty(SupportsGet = true)]
    public string? DueBy { get; set; }

    public IReadOnlyList<DueLine> Due { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Notice = TempData["Notice"] as string;
        var due = await ReceivingInbox.DueAsync(db, Me, string.IsNullOrEmpty(DueBy) ? null : DueBy, HttpContext.RequestAborted);
        if (Succeeded(due))
        {
            Due = due.Value;
        }
    }
}
