using System.Net;
using System.Text;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Catalog;

/// <summary>CSV imports of vendors, items and offers: dry runs report row errors and write nothing; real imports are all-or-nothing.</summary>
public sealed class CatalogImportTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private Task<int> CountAsync(string what) => factory.WithDbAsync(db => Task.FromResult(what switch
    {
        "items" => db.Items.Count(),
        "offers" => db.Offers.Count(),
        _ => db.Vendors.Count(),
    }));

    [Fact]
    public async Task Items_and_offers_import_all_or_nothing_with_a_dry_run()
    {
        using var buyer = await factory.ClientForAsync("buyer");
        var items = await CountAsync("items");
        const string ItemFile = "sku,name,category,unit,description\r\nIMP-1,Imported stapler,WRITING,EA,Heavy duty\r\nIMP-2,Imported ruler,WRITING,EA,\r\n";
        var dry = await Json.ReadAsync(await buyer.PostAsync("/api/v1/catalog/items/import?dryRun=true", Csv(ItemFile), Ct));
        Assert.Equal((2, true), ((int)dry["created"]!, (bool)dry["dryRun"]!));
        Assert.Equal(items, await CountAsync("items"));

        using var bad = await buyer.PostAsync("/api/v1/catalog/items/import", Csv(ItemFile + "IMP-3,,NOPE,EA,\r\n\r\nIMP-1,Again,WRITING,EA,\r\n"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await Json.ReadAsync(bad);
        var errors = problem["rowErrors"]!.AsArray();
        Assert.Contains(errors, e => (int)e!["row"]! == 3 && (int)e["line"]! == 4 && (string?)e["column"] == "name");
        Assert.Contains(errors, e => (int)e!["row"]! == 3 && (string?)e["column"] == "category");
        Assert.Contains(errors, e => (int)e!["row"]! == 4 && (int)e["line"]! == 6 && (string?)e["column"] == "sku");
        Assert.Equal(items, await CountAsync("items"));

        Assert.Equal(HttpStatusCode.OK, (await buyer.PostAsync("/api/v1/catalog/items/import", Csv(ItemFile), Ct)).StatusCode);
        Assert.Equal(items + 2, await CountAsync("items"));

        var offers = await CountAsync("offers");
        const string OfferFile = "sku,vendor,unit_price,currency,valid_from,valid_to,minimum_quantity\r\nIMP-1,PAPERLINE,12.50,USD,2026-01-01,2026-12-31,1\r\nIMP-1,NORTHWIND,11.90,USD,2026-01-01,,2\r\n";
        using var overlapping = await buyer.PostAsync("/api/v1/catalog/offers/import", Csv(OfferFile + "IMP-1,PAPERLINE,12.00,USD,2026-06-01,,1\r\nIMP-2,PAPERLINE,-3,USD,2026-01-01,,1\r\nIMP-2,PAPERLINE,3,ABC,2026-01-01,,1\r\n"), Ct);
        var offerErrors = (await Json.ReadAsync(overlapping))["rowErrors"]!.AsArray();
        Assert.Contains(offerErrors, e => (int)e!["row"]! == 3 && (string?)e["column"] == "valid_from");
        Assert.Contains(offerErrors, e => (int)e!["row"]! == 4 && (string?)e["column"] == "unit_price");
        Assert.Contains(offerErrors, e => (int)e!["row"]! == 5 && (string?)e["column"] == "currency");
        Assert.Equal(offers, await CountAsync("offers"));

        var audited = await factory.WithDbAsync(db => Task.FromResult(db.AuditEntries.Count(a => a.EntityType == "Offer")));
        var imported = await Json.ReadAsync(await buyer.PostAsync("/api/v1/catalog/offers/import", Csv(OfferFile), Ct));
        Assert.Equal(2, (int)imported["created"]!);
        var trail = await factory.WithDbAsync(db => Task.FromResult(db.AuditEntries.Where(a => a.EntityType == "Offer").OrderByDescending(a => a.OccurredAtUtc).Take(2).ToList()));
        Assert.Equal(audited + 2, await factory.WithDbAsync(db => Task.FromResult(db.AuditEntries.Count(a => a.EntityType == "Offer"))));
        Assert.All(trail, a => Assert.Equal(("created", "Blake Buyer (API token)"), (a.Action, a.ActorName)));
        Assert.Contains(trail, a => a.AfterJson!.Contains("\"unitPriceMicros\":12500000", StringComparison.Ordinal));
        var again = await Json.ReadAsync(await buyer.PostAsync("/api/v1/catalog/offers/import", Csv(OfferFile.Replace("12.50", "12.25", StringComparison.Ordinal)), Ct));
        Assert.Equal((0, 2), ((int)again["created"]!, (int)again["updated"]!));
        Assert.Equal(offers + 2, await CountAsync("offers"));
        var export = await buyer.GetStringAsync("/api/v1/catalog/offers/export", Ct);
        Assert.Contains("IMP-1,PAPERLINE,12.25,USD,2026-01-01,2026-12-31,1,1,0,,", export, StringComparison.Ordinal);
        var found = await Json.ReadAsync(await buyer.GetAsync("/api/v1/catalog/search?q=imported%20stapler", Ct));
        Assert.Equal(2, (int)found["items"]![0]!["vendorCount"]!);
    }

    [Fact]
    public async Task A_large_offers_import_makes_every_item_findable_by_its_new_vendor()
    {
        // 150 search rows change in one save: written set-based (ADR 0023), and the full-text index follows them.
        using var buyer = await factory.ClientForAsync("buyer");
        var rows = Enumerable.Range(1, 150).ToList();
        var itemFile = "sku,name,category,unit,description\r\n" + string.Concat(rows.Select(i => $"LAT-{i},Lattice widget {i},WRITING,EA,\r\n"));
        Assert.Equal(HttpStatusCode.OK, (await buyer.PostAsync("/api/v1/catalog/items/import", Csv(itemFile), Ct)).StatusCode);
        Assert.Equal(0, (int)(await Json.ReadAsync(await buyer.GetAsync("/api/v1/catalog/search?q=lattice%20contoso", Ct)))["totalCount"]!);

        var offerFile = "sku,vendor,unit_price,currency,valid_from,valid_to,minimum_quantity\r\n" + string.Concat(rows.Select(i => $"LAT-{i},CONTOSO,{i}.00,USD,2026-01-01,,1\r\n"));
        var imported = await Json.ReadAsync(await buyer.PostAsync("/api/v1/catalog/offers/import", Csv(offerFile), Ct));
        Assert.Equal(150, (int)imported["created"]!);
        var found = await Json.ReadAsync(await buyer.GetAsync("/api/v1/catalog/search?q=lattice%20contoso&pageSize=100", Ct));
        Assert.Equal(150, (int)found["totalCount"]!);
        Assert.All(found["items"]!.AsArray(), i => Assert.Equal(1, (int)i!["vendorCount"]!));
        Assert.Equal(150, (int)(await Json.ReadAsync(await buyer.GetAsync("/api/v1/catalog/search?q=widget%20lat", Ct)))["totalCount"]!);
    }

    [Fact]
    public async Task Vendor_import_refuses_wrong_columns_encodings_and_tax_id_duplicates()
    {
        using var buyer = await factory.ClientForAsync("buyer");
        var vendors = await CountAsync("vendors");
        using var columns = await buyer.PostAsync("/api/v1/vendors/import", Csv("code,name\r\nX,Y\r\n"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, columns.StatusCode);
        Assert.Contains("legal_name", (string?)(await Json.ReadAsync(columns))["detail"], StringComparison.Ordinal);
        using var unknown = await buyer.PostAsync("/api/v1/vendors/import", Csv("code,legal_name,country,currency,colour\r\nX,Y,US,USD,red\r\n"), Ct);
        Assert.Contains("colour", (string?)(await Json.ReadAsync(unknown))["detail"], StringComparison.Ordinal);
        var latin1 = new ByteArrayContent([.. Encoding.ASCII.GetBytes("code,legal_name,country,currency\r\nMUE,M"), 0xFC, .. Encoding.ASCII.GetBytes("ller AG,DE,EUR\r\n")]);
        using var encoding = await buyer.PostAsync("/api/v1/vendors/import", latin1, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, encoding.StatusCode);
        Assert.Contains("UTF-8", (string?)(await Json.ReadAsync(encoding))["detail"], StringComparison.Ordinal);

        const string File = "code,legal_name,country,currency,tax_id,net_days,end_of_month\r\nNEWV1,Müller Werkzeuge AG,DE,EUR,DE999999999,60,yes\r\nNEWV2,Second Ltd,GB,GBP,US-41-2345678,30,\r\n";
        using var duplicate = await buyer.PostAsync("/api/v1/vendors/import", Csv(File), Ct);
        var errors = (await Json.ReadAsync(duplicate))["rowErrors"]!.AsArray();
        Assert.Equal("tax_id", (string?)errors.Single()!["column"]); // PAPERLINE already has that tax id
        Assert.Equal(vendors, await CountAsync("vendors"));

        var ok = await Json.ReadAsync(await buyer.PostAsync("/api/v1/vendors/import", Csv(File.Replace("US-41-2345678", "GB111", StringComparison.Ordinal)), Ct));
        Assert.Equal(2, (int)ok["created"]!);
        var export = await buyer.GetStringAsync("/api/v1/vendors/export", Ct);
        Assert.Contains("NEWV1,Müller Werkzeuge AG,DE,EUR,,DE999999999,60,,,,prospect,yes", export, StringComparison.Ordinal);
        Assert.Contains("NEWV2,Second Ltd,GB,GBP,,GB111,30,,,,prospect,no", export, StringComparison.Ordinal);
    }
}
