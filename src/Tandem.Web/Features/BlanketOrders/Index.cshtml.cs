using Microsoft.AspNetCore.Authorization;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.BlanketOrders;

/// <summary>Vendor agreements with their draw-down.</summary>
[Authorize(Roles = $"{Role.Buyer},{Role.Controller},{Role.ApClerk},{Role.Admin}")]
public sealed class IndexModel(TandemDb db) : TandemPage
{
    public IReadOnlyList<BlanketOrderResponse> Agreements { get; private set; } = [];

    public async Task OnGetAsync() => Agreements = await BlanketOrderQueries.ListAsync(db, Me, HttpContext.RequestAborted);
}
