using Tandem.Domain.Requisitions;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Requisitions;

/// <summary>My requisitions (or every one the caller may see), each with its status timeline.</summary>
public sealed class IndexModel(TandemDb db) : TandemPage
{
    public Paged<RequisitionSummary> Results { get; private set; } = new([], 1, 25, 0);

    public RequisitionStatus? Status { get; private set; }

    public bool All { get; private set; }

    public string? Q { get; private set; }

    public bool SeesAll => RequisitionAccess.SeesAll(Me);

    public async Task OnGetAsync(RequisitionStatus? status, bool? all, string? q, int? page)
    {
        (Status, All, Q) = (status, all == true && SeesAll, q);
        var results = await RequisitionQueries.ListAsync(db, Me, status, !All, q, page, 25, HttpContext.RequestAborted);
        if (Succeeded(results))
        {
            Results = results.Value;
        }
    }
}
