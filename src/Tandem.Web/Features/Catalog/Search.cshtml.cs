using Tandem.Domain;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

/// <summary>The catalog as the signed-in person may buy from it: search as you type, filters, best offer first.</summary>
public sealed class SearchModel(TandemDb db) : TandemPage
{
    public SearchCatalog.Query Query { get; private set; } = new(null, null, null, null, null, null, null, null);

    public SearchPage Results { get; private set; } = new([], 1, 20, 0, false);

    public IReadOnlyList<CategoryResponse> Categories { get; private set; } = [];

    public async Task OnGetAsync(string? q, Guid? categoryId, string? minPrice, string? maxPrice, bool? preferredOnly, int? page)
    {
        Query = new SearchCatalog.Query(q, categoryId, null, minPrice, maxPrice, preferredOnly, page, 20);
        Categories = await CategoryQueries.ListAsync(db, Me, HttpContext.RequestAborted);
        var results = await SearchCatalog.HandleAsync(db, Me, Query, HttpContext.RequestAborted);
        if (Succeeded(results))
        {
            Results = results.Value;
        }
    }

    public static string Money(MoneyDto m) => $"{m.Amount} {m.Currency}";
}
