namespace Tandem.Web.Features.Catalog;

/// <summary>The catalog area: categories, items, offers, curated catalogs, preferred vendors, search, comparison, CSV.</summary>
public static class CatalogFeature
{
    public static void Map(RouteGroupBuilder api)
    {
        CategoryQueries.Map(api);
        SaveCategory.Map(api);
        SetPreferredVendors.Map(api);
        ItemQueries.Map(api);
        SaveItem.Map(api);
        SaveOffer.Map(api);
        SaveCatalog.Map(api);
        SearchCatalog.Map(api);
        CompareOffers.Map(api);
        ItemCsv.Map(api);
        OfferCsv.Map(api);
    }
}
