using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

using static Tandem.Bench.BenchHttp;

namespace Tandem.Bench;

/// <summary>
/// Consolidated bill benchmark against a server whose demo company holds the volume data of <c>seed --payables</c>: a
/// company-wide monthly billing group is created and last month's bill built (every ready-to-pay invoice of the month),
/// then built again (the same bill), then its PDF and CSV downloaded. Prints the invoice count and each time.
/// Usage: Tandem.Bench billing &lt;baseUrl&gt; [month day, default: a day of last month]
/// </summary>
internal static class BillingLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var baseUrl = new Uri(args[0].TrimEnd('/'));
        var day = args.Length > 1 ? args[1] : DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM-15", CultureInfo.InvariantCulture);
        using var controller = await ClientAsync(baseUrl, "controller@demo.tandem.dev");
        if (controller is null)
        {
            return 2;
        }

        var me = JsonNode.Parse(await controller.GetStringAsync(Relative("/api/v1/me")))!;
        var group = await PostAsync(controller, "/api/v1/billing-groups", $$"""{"name":"Bench {{DateTime.UtcNow:HHmmss}}","scope":"company","cycle":"monthly","ownerId":"{{me["id"]}}"}""");
        if (group is null)
        {
            return 1;
        }

        var clock = Stopwatch.StartNew();
        var bill = await PostAsync(controller, "/api/v1/consolidated-bills", $$"""{"groupId":"{{group["id"]}}","periodContaining":"{{day}}"}""");
        var build = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var again = await PostAsync(controller, "/api/v1/consolidated-bills", $$"""{"groupId":"{{group["id"]}}","periodContaining":"{{day}}"}""");
        var rebuild = clock.Elapsed.TotalMilliseconds;
        if (bill is null || again is null)
        {
            return 1;
        }

        clock.Restart();
        var pdf = await controller.GetByteArrayAsync(Relative($"/api/v1/consolidated-bills/{bill["id"]}/pdf"));
        var pdfMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var csv = await controller.GetByteArrayAsync(Relative($"/api/v1/consolidated-bills/{bill["id"]}/csv"));
        var csvMs = clock.Elapsed.TotalMilliseconds;
        Console.WriteLine($"bill {bill["number"]} {bill["periodFrom"]}..{bill["periodTo"]}: {bill["invoiceCount"]} invoices, total {bill["total"]!["amount"]} {bill["total"]!["currency"]}, same on rebuild: {(string)bill["contentHash"]! == (string)again["contentHash"]!}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"build: {build:F0} ms   rebuild: {rebuild:F0} ms   pdf: {pdf.Length / 1024} KiB in {pdfMs:F0} ms   csv: {csv.Length / 1024} KiB in {csvMs:F0} ms"));
        return 0;
    }
}
