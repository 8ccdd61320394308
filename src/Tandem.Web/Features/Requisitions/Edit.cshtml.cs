using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tandem.Domain;
using Tandem.Web.Features.Catalog;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Requisitions;

/// <summary>
/// New or draft requisition: catalog picker (search as you type, add an offer as a line), free-text lines, and a header
/// allocation editor whose totals update as you type. Saving calls the same handler as the API; the server decides.
/// </summary>
[Authorize(Roles = RequisitionAccess.RequesterRoles)]
public sealed class EditModel(TandemDb db) : TandemPage
{
    /// <summary>The rows the page's script copies when someone adds a line or a split.</summary>
    public static LineForm FreeLine => new() { Quantity = "1", Unit = "EA" };

    public static LineForm CatalogLine => new() { OfferId = Guid.Empty, Quantity = "1" };

    public static SplitForm BlankSplit => new();

    [BindProperty]
    public RequisitionForm Input { get; set; } = new();

    public Guid? Id { get; private set; }

    public string? Number { get; private set; }

    public FormChoices Choices { get; private set; } = FormChoices.Empty;

    public SearchPage Offers { get; private set; } = new([], 1, 10, 0, false);

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync(Guid? id, Guid? offerId)
    {
        if (id is { } existing)
        {
            var found = await RequisitionQueries.GetAsync(db, Me, existing, Ct);
            if (!found.IsSuccess)
            {
                return NotFound();
            }

            Input = RequisitionForm.From(found.Value);
            (Id, Number) = (existing, found.Value.Number);
        }
        else
        {
            Input.Currency = (await CompanyClock.CurrencyAsync(db, Me.CompanyId, Ct)).Code;
            if (offerId is { } offer)
            {
                Input.Lines.Add(new LineForm { OfferId = offer, Quantity = "1" });
            }
        }

        await LoadChoicesAsync();
        return Page();
    }

    /// <summary>The catalog picker's results (an htmx partial): items the caller may buy, each offer with an "Add" button.</summary>
    public async Task<IActionResult> OnGetPickerAsync(string? q)
    {
        var results = await SearchCatalog.HandleAsync(db, Me, new SearchCatalog.Query(q, null, null, null, null, null, 1, 10), Ct);
        Offers = results.IsSuccess ? results.Value : Offers;
        return Partial("_OfferPicker", this);
    }

    public async Task<IActionResult> OnPostAsync(Guid? id)
    {
        var request = Input.ToRequest();
        var saved = id is { } existing
            ? await SaveRequisition.UpdateAsync(db, Me, existing, Input.Version, request, Ct)
            : await SaveRequisition.CreateAsync(db, Me, request, Ct);
        if (Succeeded(saved))
        {
            TempData["Notice"] = id is null ? $"Draft {saved.Value.Number} saved. Check the route below, then submit." : "Changes saved.";
            return RedirectToPage("/Requisitions/Detail", new { id = saved.Value.Id });
        }

        db.ChangeTracker.Clear();
        Id = id;
        await LoadChoicesAsync();
        return Page();
    }

    private async Task LoadChoicesAsync()
    {
        Choices = await FormChoices.LoadAsync(db, Me.CompanyId, Ct);
        var offerIds = Input.Lines.Where(l => l.OfferId is not null).Select(l => l.OfferId!.Value).ToHashSet();
        if (offerIds.Count > 0)
        {
            Input.DescribeOffers(await OfferLabels.LoadAsync(db, Me, offerIds, Ct));
        }
    }
}
