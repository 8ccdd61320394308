using Microsoft.AspNetCore.Authorization;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Analytics;

/// <summary>The documents behind a spend figure (every link on the spend and KPI pages lands here).</summary>
[Authorize(Roles = $"{Role.Buyer},{Role.Controller},{Role.ApClerk},{Role.Approver},{Role.Admin}")]
public sealed class DocumentsModel(TandemDb db) : TandemPage
{
    public SpendDocuments.Response? Result { get; private set; }

    public async Task OnGetAsync()
    {
        var result = await SpendDocuments.GetAsync(db, Me, Request.Query, HttpContext.RequestAborted);
        if (Succeeded(result))
        {
            Result = result.Value;
        }
    }

    public string Money(long minor) => new Domain.Money.Money(minor, Domain.Money.Currency.Of(Result!.Currency)).ToAmountString();
}
