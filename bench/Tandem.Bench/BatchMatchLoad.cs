using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using static Tandem.Bench.BenchHttp;

namespace Tandem.Bench;

/// <summary>
/// Batch matching against a running server with the demo company, all through the HTTP API: O issued orders of L
/// lines (Q units each, 4.00) from Contoso are received in full; each is billed by Q invoices of one unit on every line,
/// priced 5 % over the order (the last line 15–17 % over) while the company's price tolerance is 1 %, so O × Q invoices
/// with O × Q × L lines wait in exception. Then the controller saves the company tolerance three times, each save
/// matching every waiting line again in its request (timed, with the SQL statements): 2 % (nothing changes: every line
/// still over), 10 % (every line but the last of each invoice now within tolerance: the new results and their variances
/// written and audited, the invoices still waiting), 20 % (every invoice released: ready to pay, its order lines
/// invoiced, the budget ledger moved from commitment to actual, spend facts, the classifier taught, every change
/// audited). Invoices of one order are dated 1 day apart and orders 11 days apart, so none is a possible duplicate.
/// Usage: Tandem.Bench batch-match &lt;baseUrl&gt; [orders=100] [lines=100] [invoicesPerOrder=10] [clients=4]
/// </summary>
internal static class BatchMatchLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var baseUrl = new Uri(args[0].TrimEnd('/'));
        var orders = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
        var lines = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
        var perOrder = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
        var clients = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 4;
        if (await InvoiceLoad.DemoPurchasingAsync(baseUrl) is not { } signedIn)
        {
            return 2;
        }

        var (people, gl, contoso) = signedIn;

        var run = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture)[^8..];
        if ((await ToleranceAsync(people["controller"], 1)).Ms < 0)
        {
            return 1;
        }

        var setup = Stopwatch.StartNew();
        var failed = 0;
        var invoiceIds = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            for (var o = c; o < orders && failed == 0; o += clients)
            {
                if (await BilledOrderAsync(people, gl, contoso, lines, perOrder, $"Batch match {run}.{o}", $"BM-{run}-{o}", new DateOnly(2026, 11, 1).AddDays(-11 * o)) is { } ids)
                {
                    ids.ForEach(invoiceIds.Add);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        if (failed > 0)
        {
            return 1;
        }

        var total = orders * perOrder * lines;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"set up {orders} received orders of {lines} lines and {orders * perOrder} invoices in exception ({total:N0} lines) in {setup.Elapsed.TotalSeconds:F0} s"));
        foreach (var (percent, what) in new[] { (2, "nothing changes"), (10, "all lines but each invoice's last within tolerance now"), (20, "every invoice released") })
        {
            var (ms, statements) = await ToleranceAsync(people["controller"], percent);
            if (ms < 0)
            {
                return 1;
            }

            var read = new System.Collections.Concurrent.ConcurrentBag<string>();
            await Parallel.ForEachAsync(invoiceIds, new ParallelOptions { MaxDegreeOfParallelism = clients }, async (id, ct) =>
                read.Add((string)JsonNode.Parse(await people["ap"].GetStringAsync(Relative($"/api/v1/invoices/{id}"), ct))!["status"]!));
            var statuses = read.CountBy(s => s);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"batch match of {total:N0} waiting invoice lines, tolerance {percent} % ({what}): {ms / 1000:F2} s, {total / (ms / 1000):N0} lines/s ({statements}); the invoices now: {string.Join(", ", statuses.Select(s => $"{s.Value} {s.Key}"))}"));
        }

        foreach (var client in people.Values)
        {
            client.Dispose();
        }

        return 0;
    }

    /// <summary>The controller saves the company's default tolerance (price and total amount, percent): the request that matches every waiting invoice again.</summary>
    private static async Task<(double Ms, string Statements)> ToleranceAsync(HttpClient controller, int percent)
    {
        var t0 = Stopwatch.GetTimestamp();
        using var response = await controller.PutAsync(Relative("/api/v1/match-tolerances"), Json($$"""{"pricePercent":"{{percent}}","amountPercent":"{{percent}}"}"""));
        var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            await Console.Error.WriteLineAsync($"PUT /api/v1/match-tolerances: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return (-1, "");
        }

        return (ms, Statements(response));
    }

    /// <summary>An issued, fully received order of <paramref name="lines"/> lines × <paramref name="invoices"/> units, billed by that many one-unit invoices, each in exception for its price; their ids.</summary>
    private static async Task<List<string>?> BilledOrderAsync(Dictionary<string, HttpClient> people, string gl, string vendor, int lines, int invoices, string title, string number, DateOnly dated)
    {
        if (await OrderLoad.ApprovedAsync(people, gl, lines, title, quantity: invoices) is not { } requisition)
        {
            return null;
        }

        var orderLines = string.Join(',', requisition["lines"]!.AsArray().Select(l => $$"""{"requisitionLineId":"{{l!["id"]}}","taxRate":"0"}"""));
        if (await PostAsync(people["buyer"], "/api/v1/purchase-orders", $$"""{"vendorId":"{{vendor}}","lines":[{{orderLines}}]}""") is not { } order
            || await PostAsync(people["buyer"], $"/api/v1/purchase-orders/{order["id"]}/issue", "") is null)
        {
            return null;
        }

        var ids = order["lines"]!.AsArray().Select(l => (string)l!["id"]!).ToList();
        var received = string.Join(',', ids.Select(id => $$"""{"purchaseOrderLineId":"{{id}}","accepted":"{{invoices}}"}"""));
        if (await PostAsync(people["receiver"], "/api/v1/receipts", $$"""{"purchaseOrderId":"{{order["id"]}}","lines":[{{received}}]}""") is null)
        {
            return null;
        }

        var billed = new List<string>();
        for (var i = 0; i < invoices; i++)
        {
            // 4.20 (+5 %) a unit; the last line 4.60 (+15 %) and a cent more per invoice, so no two invoices of the order
            // have the same total.
            var body = string.Join(',', ids.Select((id, n) => $$"""{"purchaseOrderLineId":"{{id}}","quantity":"1","unitPrice":"{{(n == ids.Count - 1 ? 4.60m + (0.01m * i) : 4.20m).ToString("0.00", CultureInfo.InvariantCulture)}}"}"""));
            var invoice = await PostAsync(people["ap"], "/api/v1/invoices",
                $$"""{"purchaseOrderId":"{{order["id"]}}","number":"{{number}}-{{i}}","invoiceDate":"{{dated.AddDays(i):yyyy-MM-dd}}","lines":[{{body}}]}""");
            if ((string?)invoice?["status"] != "exception")
            {
                await Console.Error.WriteLineAsync($"invoice {number}-{i}: expected an exception, got {invoice?["status"]}");
                return null;
            }

            billed.Add((string)invoice!["id"]!);
        }

        return billed;
    }
}
