using Microsoft.AspNetCore.Mvc;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

/// <summary>An item with every current offer side by side, priced for the quantity the person wants.</summary>
public sealed class ItemModel(TandemDb db) : TandemPage
{
    public ComparisonResponse? Comparison { get; private set; }

    public string Quantity { get; private set; } = "1";

    public async Task<IActionResult> OnGetAsync(Guid id, string? quantity)
    {
        Quantity = string.IsNullOrWhiteSpace(quantity) ? "1" : quantity;
        var result = await CompareOffers.HandleAsync(db, Me, id, Quantity, HttpContext.RequestAborted);
        if (result.IsSuccess)
        {
            Comparison = result.Value;
            return Page();
        }

        if (result.FirstError.Kind == Domain.ErrorKind.NotFound)
        {
            return NotFound();
        }

        Errors = result.Errors;
        return Page();
    }
}
