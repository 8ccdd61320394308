using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Tandem.Bench;

/// <summary>
/// Loads a large catalog through the real CSV import API as the demo buyer: N items (made-up but varied names and
/// descriptions over the demo categories), then offers from the demo vendors in files of 100,000 rows, timing each
/// import. Prints rows/second per file. Usage: load-catalog baseUrl [items=100000] [offersPerItem=3]
/// </summary>
internal static class CatalogLoad
{
    private static readonly string[] Adjectives = ["heavy duty", "compact", "premium", "economy", "industrial", "ergonomic", "recycled", "stainless", "wireless", "portable", "anti-static", "waterproof", "insulated", "reinforced", "lightweight"];
    private static readonly string[] Nouns = ["bolt", "washer", "cable", "folder", "stapler", "monitor arm", "glove", "pipette", "bulb", "marker", "notebook", "toner", "mat", "bracket", "hinge", "drill bit", "label", "envelope", "binder", "adapter", "battery", "filter", "valve", "clamp", "tape"];
    private static readonly string[] Materials = ["steel", "aluminium", "nylon", "paper", "copper", "rubber", "brass", "polypropylene", "glass", "cotton"];
    private static readonly string[] Colours = ["black", "blue", "red", "green", "white", "grey", "yellow"];
    private static readonly string[] Categories = ["PAPER", "WRITING", "PERIPH", "LAB", "FAC", "OFFICE", "IT"];
    private static readonly string[] Vendors = ["PAPERLINE", "NORTHWIND", "CONTOSO", "LABCORE"];

    public static async Task<int> RunAsync(string[] args)
    {
        var baseUrl = args[0].TrimEnd('/');
        var items = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var perItem = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(20) };
        if (!await SignIn.AsAsync(client, "buyer@demo.tandem.dev", "tandem-demo-2026"))
        {
            return 2;
        }

        var random = new Random(20261122);
        var csv = new StringBuilder("sku,name,category,unit,description\r\n");
        for (var i = 1; i <= items; i++)
        {
            var name = $"{Pick(random, Adjectives)} {Pick(random, Materials)} {Pick(random, Nouns)} {Pick(random, Colours)} {random.Next(2, 200)}";
            csv.Append(CultureInfo.InvariantCulture, $"BN-{i:D6},{char.ToUpperInvariant(name[0])}{name[1..]},{Pick(random, Categories)},EA,{Pick(random, Adjectives)} {Pick(random, Nouns)} for {Pick(random, Materials)} work\r\n");
        }

        if (!await ImportAsync(client, "/api/v1/catalog/items/import", csv.ToString(), items, "items"))
        {
            return 1;
        }

        var rows = new List<string>(items * perItem);
        for (var i = 1; i <= items; i++)
        {
            var first = random.Next(Vendors.Length);
            for (var k = 0; k < perItem; k++)
            {
                var price = (random.Next(50, 50_000) / 100m).ToString("0.00", CultureInfo.InvariantCulture);
                rows.Add($"BN-{i:D6},{Vendors[(first + k) % Vendors.Length]},{price},USD,2026-01-01,2027-12-31,{random.Next(1, 20)},1,{random.Next(1, 15)}\r\n");
            }
        }

        const int FileRows = 100_000;
        for (var start = 0; start < rows.Count; start += FileRows)
        {
            var file = new StringBuilder("sku,vendor,unit_price,currency,valid_from,valid_to,minimum_quantity,pack_size,lead_time_days\r\n");
            foreach (var row in rows.Skip(start).Take(FileRows))
            {
                file.Append(row);
            }

            if (!await ImportAsync(client, "/api/v1/catalog/offers/import", file.ToString(), Math.Min(FileRows, rows.Count - start), $"offers {start + 1}-{Math.Min(start + FileRows, rows.Count)}"))
            {
                return 1;
            }
        }

        return 0;
    }

    private static async Task<bool> ImportAsync(HttpClient client, string url, string csv, int rows, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await client.PostAsync(new Uri(url, UriKind.Relative), content);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        if (!response.IsSuccessStatusCode)
        {
            await Console.Error.WriteLineAsync($"{what}: {(int)response.StatusCode} {(await response.Content.ReadAsStringAsync())[..Math.Min(2000, (int)response.Content.Headers.ContentLength.GetValueOrDefault(2000))]}");
            return false;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import {what}: {rows} rows, {csv.Length / 1024.0 / 1024.0:F1} MB, {seconds:F2} s, {rows / seconds:F0} rows/s"));
        return true;
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
