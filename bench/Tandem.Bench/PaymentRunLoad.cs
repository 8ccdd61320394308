using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

using static Tandem.Bench.BenchHttp;

namespace Tandem.Bench;

/// <summary>
/// Payment run benchmark against a server whose demo company holds the volume data of <c>seed --payables</c>: the AP
/// clerk proposes a run paying everything due by a date (and the discounts worth taking), submits it, the controller
/// approves it (which snapshots every payee's bank account and writes the pain.001.001.09, .03 and CSV files). Prints
/// the time of each step, the payments and invoices in the run and the file sizes.
/// Usage: Tandem.Bench payment-run &lt;baseUrl&gt; [dueBy=+60 days] [payDate=today]
/// </summary>
internal static class PaymentRunLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var baseUrl = new Uri(args[0].TrimEnd('/'));
        var payDate = args.Length > 2 ? args[2] : DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var dueBy = args.Length > 1 ? args[1] : DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var ap = await ClientAsync(baseUrl, "ap@demo.tandem.dev");
        using var controller = await ClientAsync(baseUrl, "controller@demo.tandem.dev");
        using var requester = await ClientAsync(baseUrl, "requester@demo.tandem.dev");
        if (ap is null || controller is null || requester is null)
        {
            return 2;
        }

        // One controller approves (the demo company has one): the second-approval threshold goes above any run here.
        using (var settings = await controller.PutAsync(Relative("/api/v1/payment-settings"), Json("""{"secondApprovalFrom":{"amount":"1000000000.00","currency":"USD"}}""")))
        {
            settings.EnsureSuccessStatusCode();
        }

        var accounts = JsonNode.Parse(await ap.GetStringAsync(Relative("/api/v1/bank-accounts")))!.AsArray();
        var account = accounts.First(a => (string)a!["currency"]! == "USD")!["id"]!.ToString();
        // Warm up (a server in use has its queries compiled): a run of what is due today, cancelled again.
        var warm = await PostAsync(ap, "/api/v1/payment-runs", $$"""{"payDate":"{{payDate}}","dueBy":"{{payDate}}","bankAccountId":"{{account}}"}""");
        if (warm is not null)
        {
            await PostAsync(ap, $"/api/v1/payment-runs/{warm["id"]}/submit", "");
            await PostAsync(controller, $"/api/v1/payment-runs/{warm["id"]}/approve", "");
            await PostAsync(ap, $"/api/v1/payment-runs/{warm["id"]}/cancel", """{"reason":"warm-up"}""");
        }

        using var proposing = new CancellationTokenSource();
        var meanwhile = Task.Run(() => DraftsAsync(requester, proposing.Token));
        var clock = Stopwatch.StartNew();
        var run = await PostAsync(ap, "/api/v1/payment-runs", $$"""{"payDate":"{{payDate}}","dueBy":"{{dueBy}}","bankAccountId":"{{account}}"}""");
        var propose = clock.Elapsed.TotalMilliseconds;
        await proposing.CancelAsync();
        var drafts = await meanwhile;
        if (run is null || drafts is null)
        {
            return 1;
        }

        var id = (string)run["id"]!;
        clock.Restart();
        var submitted = await PostAsync(ap, $"/api/v1/payment-runs/{id}/submit", "");
        var submit = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var approved = await PostAsync(controller, $"/api/v1/payment-runs/{id}/approve", "");
        var approve = clock.Elapsed.TotalMilliseconds;
        if (submitted is null || approved is null)
        {
            return 1;
        }

        clock.Restart();
        var xml = await ap.GetByteArrayAsync(Relative($"/api/v1/payment-runs/{id}/file?format=pain.001.001.09"));
        var download = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var detail = await ap.GetStringAsync(Relative($"/api/v1/payment-runs/{id}"));
        var read = clock.Elapsed.TotalMilliseconds;
        Console.WriteLine($"run {approved["number"]}: {approved["paymentCount"]} payments, {approved["invoiceCount"]} invoices, total {approved["total"]!["amount"]} {approved["total"]!["currency"]}, discounts {approved["discount"]!["amount"]}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"propose: {propose:F0} ms   submit: {submit:F0} ms   approve + files: {approve:F0} ms   propose+approve: {propose + submit + approve:F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pain.001.001.09: {xml.Length / 1024} KiB in {download:F0} ms   run detail: {detail.Length / 1024} KiB in {read:F0} ms"));
        drafts.Sort();
        Console.WriteLine(drafts.Count == 0 ? "during the proposal: no draft requisition saved" : string.Create(CultureInfo.InvariantCulture,
            $"during the proposal: {drafts.Count} draft requisitions saved one after another, p50 {drafts[drafts.Count / 2]:F0} ms, slowest {drafts[^1]:F0} ms"));
        return 0;
    }

    /// <summary>Saves one-line draft requisitions one after the other until cancelled; their times in ms (null on a failure).</summary>
    private static async Task<List<double>?> DraftsAsync(HttpClient requester, CancellationToken stop)
    {
        var times = new List<double>();
        while (!stop.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            if (await PostAsync(requester, "/api/v1/requisitions", """{"title":"Printer paper","lines":[{"description":"Printer paper, 5 reams","quantity":"1","unitPrice":"25.00"}]}""") is null)
            {
                return null;
            }

            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times;
    }
}
