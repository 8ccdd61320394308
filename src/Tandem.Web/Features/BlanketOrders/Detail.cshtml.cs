using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.BlanketOrders;

/// <summary>One vendor agreement: its limit and what its releases drew down, the agreed prices, and every release.</summary>
[Authorize(Roles = $"{Role.Buyer},{Role.Controller},{Role.ApClerk},{Role.Admin}")]
public sealed class DetailModel(TandemDb db) : TandemPage
{
    public BlanketOrderResponse Agreement { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var found = await BlanketOrderQueries.GetAsync(db, Me, id, HttpContext.RequestAborted);
        if (!found.IsSuccess)
        {
            return NotFound();
        }

        Agreement = found.Value;
        return Page();
    }
}
