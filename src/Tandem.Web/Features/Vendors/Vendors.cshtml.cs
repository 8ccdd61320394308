using Microsoft.AspNetCore.Authorization;
using Tandem.Domain.Organization;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Vendors;

/// <summary>The vendor list with search and status filter; the review queue is the same list filtered to "in review".</summary>
[Authorize(Roles = $"{Role.Buyer},{Role.Controller},{Role.ApClerk},{Role.Admin},{Role.Approver},{Role.Receiver}")]
public sealed class VendorsModel(TandemDb db) : TandemPage
{
    public Paged<VendorSummary> List { get; private set; } = new([], 1, 50, 0);

    public string? Query { get; private set; }

    public VendorStatus? Status { get; private set; }

    public bool CanCreate => VendorAccess.Editors.Any(Me.HasRole);

    public async Task OnGetAsync(string? q, VendorStatus? status, int? page)
    {
        (Query, Status) = (q, status);
        var list = await VendorQueries.ListAsync(db, Me, q, status, null, page, 50, HttpContext.RequestAborted);
        if (Succeeded(list))
        {
            List = list.Value;
        }
    }
}
