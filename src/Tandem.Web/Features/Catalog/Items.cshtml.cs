using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

/// <summary>Catalog admin: items, and the vendors' offers for the item being edited.</summary>
[Authorize(Roles = $"{Role.Buyer},{Role.Admin}")]
public sealed class ItemsModel(TandemDb db) : TandemPage
{
    public sealed class OfferForm
    {
        public Guid? VendorId { get; set; }

        public string? UnitPrice { get; set; }

        public string? Currency { get; set; } = "USD";

        public string? MinimumQuantity { get; set; } = "1";

        public string? PackSize { get; set; } = "1";

        public int? LeadTimeDays { get; set; }

        public string? Freight { get; set; }

        public DateOnly? ValidFrom { get; set; }

        public DateOnly? ValidTo { get; set; }

        public string? ContractReference { get; set; }
    }

    public Paged<ItemResponse> List { get; private set; } = new([], 1, 50, 0);

    public IReadOnlyList<CategoryResponse> Categories { get; private set; } = [];

    public IReadOnlyList<Choice> Vendors { get; private set; } = [];

    public IReadOnlyList<OfferResponse> Offers { get; private set; } = [];

    public string? Query { get; private set; }

    public Guid? EditingId { get; private set; }

    public int Version { get; private set; }

    [BindProperty]
    public SaveItem.Request Input { get; set; } = new(null, null, null, "EA", null, null, null, true);

    [BindProperty]
    public OfferForm Offer { get; set; } = new();

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task OnGetAsync(string? q, Guid? edit)
    {
        await LoadAsync(q, edit);
        if (edit is { } id && (await ItemQueries.GetAsync(db, Me, id, Ct)) is { IsSuccess: true } found)
        {
            var i = found.Value;
            (Version, Input) = (i.Version, new SaveItem.Request(i.Sku, i.Name, i.Description, i.Unit, i.CategoryId, null, i.ImageUrl, i.IsActive));
        }
    }

    public async Task<IActionResult> OnPostItemAsync(Guid? id, int version)
    {
        var result = id is { } existing ? await SaveItem.UpdateAsync(db, Me, existing, version, Input, Ct) : await SaveItem.CreateAsync(db, Me, Input, Ct);
        if (Succeeded(result))
        {
            return RedirectToPage(new { edit = result.Value.Id });
        }

        Version = version;
        await LoadAsync(null, id);
        return Page();
    }

    public async Task<IActionResult> OnPostOfferAsync(Guid id)
    {
        var o = Offer;
        var request = new SaveOffer.Request(
            id, o.VendorId, new MoneyDto(o.UnitPrice, o.Currency), o.MinimumQuantity, o.PackSize, o.LeadTimeDays,
            string.IsNullOrWhiteSpace(o.Freight) ? null : new MoneyDto(o.Freight, o.Currency), o.ValidFrom, o.ValidTo, o.ContractReference);
        if (Succeeded(await SaveOffer.CreateAsync(db, Me, request, Ct)))
        {
            return RedirectToPage(new { edit = id });
        }

        await OnGetAsync(null, id);
        return Page();
    }

    private async Task LoadAsync(string? q, Guid? edit)
    {
        (Query, EditingId) = (q, edit);
        var list = await ItemQueries.ListAsync(db, Me, q, null, 1, 50, Ct);
        List = list.IsSuccess ? list.Value : List;
        Categories = await CategoryQueries.ListAsync(db, Me, Ct);
        Vendors = await db.Vendors.AsNoTracking().Where(v => v.CompanyId == Me.CompanyId && v.Status != Domain.Vendors.VendorStatus.Blocked)
            .OrderBy(v => v.LegalName).Select(v => new Choice(v.Id, v.Code, v.LegalName)).ToListAsync(Ct);
        Offers = edit is { } id ? await SaveOffer.ListAsync(db, Me, id, null, Ct) : [];
    }
}
