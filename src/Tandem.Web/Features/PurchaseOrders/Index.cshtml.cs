using Microsoft.AspNetCore.Mvc;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>The orders the caller may see, newest first, by status.</summary>
public sealed class IndexModel(TandemDb db) : TandemPage
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? P { get; set; }

    public Paged<PurchaseOrderSummary> Results { get; private set; } = new([], 1, 50, 0);

    public bool IsBuyer => Me.HasAnyRole(PurchaseOrderAccess.Buyers);

    public async Task OnGetAsync()
    {
        var found = await PurchaseOrderQueries.ListAsync(db, Me, string.IsNullOrEmpty(Status) ? null : Status, null, null, P, 50, HttpContext.RequestAborted);
        if (Succeeded(found))
        {
            Results = found.Value;
        }
    }
}
