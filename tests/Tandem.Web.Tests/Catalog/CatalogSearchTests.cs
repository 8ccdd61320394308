using System.Net;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Catalog;

/// <summary>Full-text search with curated visibility, prefix matching, filters, best offer first; price comparison; offer rules.</summary>
public sealed class CatalogSearchTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Prefix_search_finds_items_by_name_sku_and_vendor_with_the_best_offer_first()
    {
        using var requester = await factory.ClientForAsync("requester");
        var byName = await Json.ReadAsync(await requester.GetAsync("/api/v1/catalog/search?q=copy%20pap", Ct));
        var names = byName["items"]!.AsArray().Select(i => (string?)i!["sku"]).ToList();
        Assert.Equal(2, names.Count);
        Assert.Contains("PAP-A4-80", names);
        var letter = byName["items"]!.AsArray().Single(i => (string?)i!["sku"] == "PAP-LTR-20")!;
        // Northwind is cheaper per pack (3.95) but needs 10; for 1 wanted Paperline's 5 × 4.10 = 20.50 beats 10 × 3.95 = 39.50.
        Assert.Equal("Paperline", (string?)letter["bestOffer"]!["vendorName"]);
        Assert.Equal("20.50", (string?)letter["bestOffer"]!["landedTotal"]!["amount"]);
        Assert.Equal(2, (int)letter["vendorCount"]!);
        Assert.True((bool)letter["offers"]![0]!["cheapest"]!);

        // The last word is the one being typed: every prefix length of it finds the same items (the engines' prefix
        // indexes, 2 and 3 letters on SQLite, and longer ones). Earlier words are whole words.
        foreach (var q in new[] { "copier%20pa", "multipurpose%20pape", "copy%20paper%20bri", "copier%20paper" })
        {
            var same = (await Json.ReadAsync(await requester.GetAsync($"/api/v1/catalog/search?q={q}", Ct)))["items"]!.AsArray().Select(i => (string?)i!["sku"]).Order().ToList();
            Assert.True(same.Count > 0 && same.All(names.Contains), $"{q}: {string.Join(", ", same)}");
        }

        Assert.Equal(0, (int)(await Json.ReadAsync(await requester.GetAsync("/api/v1/catalog/search?q=cop%20paper", Ct)))["totalCount"]!);

        var bySku = await Json.ReadAsync(await requester.GetAsync("/api/v1/catalog/search?q=TON-HP", Ct));
        Assert.Equal("TON-HP-26A", (string?)bySku["items"]![0]!["sku"]);
        var byVendor = await Json.ReadAsync(await requester.GetAsync("/api/v1/catalog/search?q=contoso", Ct));
        Assert.True((int)byVendor["totalCount"]! >= 4);
        var nothing = await Json.ReadAsync(await requester.GetAsync("/api/v1/catalog/search?q=%22%29%20NEAR%28%2A%20zzqx%3A%2A", Ct));
        Assert.Equal(0, (int)nothing["totalCount"]!);
    }

    [Fact]
    public async Task Pages_of_a_search_hold_every_match_once_in_falling_relevance()
    {
        using var buyer = await factory.ClientForAsync("buyer");
        var all = await Json.ReadAsync(await buyer.GetAsync("/api/v1/catalog/search?q=contoso&pageSize=100", Ct));
        var expected = all["items"]!.AsArray().Select(i => (string)i!["itemId"]!).Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.Count >= 4);
        var paged = new List<(string Id, double Relevance)>();
        for (var page = 1; page <= expected.Count; page++)
        {
            var items = (await Json.ReadAsync(await buyer.GetAsync($"/api/v1/catalog/search?q=contoso&pageSize=2&page={page}", Ct)))["items"]!.AsArray();
            paged.AddRange(items.Select(i => ((string)i!["itemId"]!, (double)i!["relevance"]!)));
        }

        Assert.Equal(expected, paged.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Equal(paged.Select(p => p.Relevance).OrderDescending(), paged.Select(p => p.Relevance));
    }

    [Fact]
    public async Task Requesters_see_only_what_is_curated_for_them()
    {
        using var requester = await factory.ClientForAsync("requester"); // Engineering: sees the lab catalog
        using var receiver = await factory.ClientForAsync("receiver");   // no department: office essentials only
        using var buyer = await factory.ClientForAsync("buyer");         // curates: sees everything
        Assert.Equal(1, (int)(await Json.ReadAsync(await requester.GetAsync("/api/v1/catalog/search?q=nitrile", Ct)))["totalCount"]!);
        Assert.Equal(0, (int)(await Json.ReadAsync(await receiver.GetAsync("/api/v1/catalog/search?q=nitrile", Ct)))["totalCount"]!);
        Assert.Equal(1, (int)(await Json.ReadAsync(await buyer.GetAsync("/api/v1/catalog/search?q=nitrile", Ct)))["totalCount"]!);

        // An item in no catalog is invisible to requesters, by search and by id, until curated for their role.
        var category = (await Json.ReadAsync(await buyer.GetAsync("/api/v1/catalog/categories", Ct))).AsArray().First(c => (string?)c!["code"] == "FAC")!;
        using var created = await buyer.PostAsync("/api/v1/catalog/items", Json.Body($$"""{"sku":"FAC-MOP-1","name":"Quartzite floor mop","unit":"EA","categoryId":"{{category["id"]}}"}"""), Ct);
        var item = await Json.ReadAsync(created);
        Assert.Equal(0, (int)(await Json.ReadAsync(await receiver.GetAsync("/api/v1/catalog/search?q=quartzite", Ct)))["totalCount"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await receiver.GetAsync($"/api/v1/catalog/items/{item["id"]}", Ct)).StatusCode);
        using var curated = await buyer.PostAsync("/api/v1/catalog/catalogs", Json.Body($$"""
            {"code":"RCV","name":"Receiving dock","audience":[{"kind":"role","role":"receiver"}],"itemIds":["{{item["id"]}}"]}
            """), Ct);
        Assert.Equal(HttpStatusCode.Created, curated.StatusCode);
        Assert.Equal(1, (int)(await Json.ReadAsync(await receiver.GetAsync("/api/v1/catalog/search?q=quartz", Ct)))["totalCount"]!);
        Assert.Equal(0, (int)(await Json.ReadAsync(await requester.GetAsync("/api/v1/catalog/search?q=quartz", Ct)))["totalCount"]!);
    }

    [Fact]
    public async Task Filters_narrow_results_and_comparison_marks_the_cheapest_landed_total()
    {
        using var requester = await factory.ClientForAsync("requester");
        var categories = await Json.ReadAsync(await requester.GetAsync("/api/v1/catalog/categories", Ct));
        var office = categories.AsArray().First(c => (string?)c!["code"] == "OFFICE")!;
        var inOffice = await Json.ReadAsync(await requester.GetAsync($"/api/v1/catalog/search?categoryId={office["id"]}&pageSize=50", Ct));
        Assert.Equal(6, (int)inOffice["totalCount"]!); // OFFICE and its subcategories PAPER and WRITING
        var cheap = await Json.ReadAsync(await requester.GetAsync("/api/v1/catalog/search?maxPrice=5&pageSize=50", Ct));
        Assert.All(cheap["items"]!.AsArray(), i => Assert.Contains(i!["offers"]!.AsArray(), o => decimal.Parse((string)o!["unitPrice"]!["amount"]!, System.Globalization.CultureInfo.InvariantCulture) <= 5m));
        var preferred = await Json.ReadAsync(await requester.GetAsync("/api/v1/catalog/search?q=monitor&preferredOnly=true", Ct));
        Assert.Equal(1, (int)preferred["totalCount"]!);
        // Each offer says whether its vendor is preferred in the item's category; the path comes from the index.
        var monitor = preferred["items"]![0]!;
        Assert.Equal("IT hardware > Peripherals", (string?)monitor["categoryPath"]);
        Assert.Equal(
            ["Contoso:True", "Northwind Office:False"],
            monitor["offers"]!.AsArray().Select(o => $"{(string?)o!["vendorName"]}:{(bool)o["preferred"]!}").Order(StringComparer.Ordinal).ToList());
        var notPreferred = await Json.ReadAsync(await requester.GetAsync("/api/v1/catalog/search?q=whiteboard&preferredOnly=true", Ct));
        Assert.Equal(0, (int)notPreferred["totalCount"]!);
        using var badPrice = await requester.GetAsync("/api/v1/catalog/search?minPrice=-1", Ct);
        Assert.Contains("minPrice", await Json.ErrorFieldsAsync(badPrice));

        var letter = (await Json.ReadAsync(await requester.GetAsync("/api/v1/catalog/search?q=PAP-LTR", Ct)))["items"]![0]!;
        var compare = await Json.ReadAsync(await requester.GetAsync($"/api/v1/catalog/items/{letter["itemId"]}/comparison?quantity=10", Ct));
        var offers = compare["offers"]!.AsArray();
        Assert.Equal("Northwind Office", (string?)offers[0]!["vendorName"]); // 10 × 3.95 = 39.50 < 10 × 4.10 = 41.00
        Assert.True((bool)offers[0]!["cheapest"]!);
        Assert.Equal("39.50", (string?)offers[0]!["landedTotal"]!["amount"]);
        Assert.False((bool)offers[1]!["cheapest"]!);
        using var badQuantity = await requester.GetAsync($"/api/v1/catalog/items/{letter["itemId"]}/comparison?quantity=0", Ct);
        Assert.Contains("quantity", await Json.ErrorFieldsAsync(badQuantity));
    }

    [Fact]
    public async Task Offers_refuse_negative_prices_unknown_currencies_and_overlapping_validity()
    {
        using var buyer = await factory.ClientForAsync("buyer");
        var item = (await Json.ReadAsync(await buyer.GetAsync("/api/v1/catalog/search?q=MRK-WB", Ct)))["items"]![0]!;
        var vendor = (await Json.ReadAsync(await buyer.GetAsync("/api/v1/vendors?q=PAPERLINE", Ct)))["items"]![0]!;
        string Offer(string amount, string currency, string from, string? to) => $$"""
            {"itemId":"{{item["itemId"]}}","vendorId":"{{vendor["id"]}}","unitPrice":{"amount":"{{amount}}","currency":"{{currency}}"},
             "minimumQuantity":"2","packSize":"2","leadTimeDays":4,"validFrom":"{{from}}","validTo":{{(to is null ? "null" : $"\"{to}\"")}}}
            """;
        using var negative = await buyer.PostAsync("/api/v1/catalog/offers", Json.Body(Offer("-1.00", "USD", "2026-01-01", null)), Ct);
        Assert.Contains("unitPrice.amount", await Json.ErrorFieldsAsync(negative));
        using var currency = await buyer.PostAsync("/api/v1/catalog/offers", Json.Body(Offer("1.00", "XYZ", "2026-01-01", null)), Ct);
        Assert.Contains("unitPrice.currency", await Json.ErrorFieldsAsync(currency));
        using var backwards = await buyer.PostAsync("/api/v1/catalog/offers", Json.Body(Offer("1.00", "USD", "2026-06-01", "2026-05-01")), Ct);
        Assert.Contains("validTo", await Json.ErrorFieldsAsync(backwards));
        using var first = await buyer.PostAsync("/api/v1/catalog/offers", Json.Body(Offer("6.10", "USD", "2026-01-01", "2027-12-31")), Ct);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var overlap = await buyer.PostAsync("/api/v1/catalog/offers", Json.Body(Offer("5.90", "USD", "2027-06-01", null)), Ct);
        Assert.Equal(HttpStatusCode.Conflict, overlap.StatusCode);
        Assert.Contains("validFrom", await Json.ErrorFieldsAsync(overlap));
        using var next = await buyer.PostAsync("/api/v1/catalog/offers", Json.Body(Offer("5.90", "USD", "2028-01-01", null)), Ct);
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);

        // The new vendor is now part of the item's search text.
        var found = await Json.ReadAsync(await buyer.GetAsync("/api/v1/catalog/search?q=whiteboard%20paperline", Ct));
        Assert.Equal(1, (int)found["totalCount"]!);
        Assert.Equal(2, (int)found["items"]![0]!["vendorCount"]!);
    }
}
