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
/// Given the server's process id (on the same machine), the three saves run first over a tenth as many orders (warm-up,
/// printed apart), and the measured ones only once the runtime's background compiler is idle after the set-up: the
/// figures of a server that has run the path before, with the server's CPU time in each save. Without it, of a server
/// running it for the first time.
/// Usage: Tandem.Bench batch-match &lt;baseUrl&gt; [orders=100] [lines=100] [invoicesPerOrder=10] [clients=4] [serverPid]
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
        int? serverPid = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : null;
        if (await InvoiceLoad.DemoPurchasingAsync(baseUrl) is not { } signedIn)
        {
            return 2;
        }

        var (people, gl, contoso) = signedIn;
        if ((await ToleranceAsync(people["controller"], 1)).Ms < 0)
        {
            return 1;
        }

        if (serverPid is { } pid)
        {
            // Warm-up, reported apart: the same three saves over a tenth of the orders (dated before the measured ones, so
            // no invoice looks like a duplicate of another), which releases them; then the tolerance back to 1 %.
            var warm = Math.Max(1, orders / 10);
            if (await SetUpAsync(people, gl, contoso, (orders, warm), lines, perOrder, clients) is not { } warmIds
                || !await StepsAsync(people, warmIds, warm * perOrder * lines, clients, "warm-up: ", null)
                || (await ToleranceAsync(people["controller"], 1)).Ms < 0)
            {
                return 1;
            }
        }

        var setup = Stopwatch.StartNew();
        if (await SetUpAsync(people, gl, contoso, (0, orders), lines, perOrder, clients) is not { } invoiceIds)
        {
            return 1;
        }

        var total = orders * perOrder * lines;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"set up {orders} received orders of {lines} lines and {orders * perOrder} invoices in exception ({total:N0} lines) in {setup.Elapsed.TotalSeconds:F0} s"));
        if (serverPid is { } server)
        {
            var waited = await ServerProcess.WaitForJitIdleAsync(server, TimeSpan.FromSeconds(180));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"waited {waited.TotalSeconds:F0} s until the server's JIT compiler was idle"));
        }

        var ok = await StepsAsync(people, invoiceIds, total, clients, "", serverPid);
        foreach (var client in people.Values)
        {
            client.Dispose();
        }

        return ok ? 0 : 1;
    }

    /// <summary>Orders <c>first</c> … <c>first + count - 1</c> (order o dated 11 × o days before 1 November 2026), each billed in exception; the invoices' ids.</summary>
    private static async Task<List<string>?> SetUpAsync(Dictionary<string, HttpClient> people, string gl, string contoso, (int First, int Count) orders, int lines, int perOrder, int clients)
    {
        var run = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture)[^8..];
        var failed = 0;
        var invoiceIds = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            for (var o = orders.First + c; o < orders.First + orders.Count && failed == 0; o += clients)
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
        return failed == 0 ? [.. invoiceIds] : null;
    }

    /// <summary>The three timed saves of the tolerance, each followed by counting the invoices' statuses (and, given the server's pid, its CPU time in the save).</summary>
    private static async Task<bool> StepsAsync(Dictionary<string, HttpClient> people, List<string> invoiceIds, int total, int clients, string prefix, int? serverPid)
    {
        foreach (var (percent, what) in new[] { (2, "nothing changes"), (10, "all lines but each invoice's last within tolerance now"), (20, "every invoice released") })
        {
            var cpuBefore = serverPid is { } pid ? ServerProcess.CpuSeconds(pid) : 0;
            var (ms, statements) = await ToleranceAsync(people["controller"], percent);
            if (ms < 0)
            {
                return false;
            }

            var cpu = serverPid is { } p ? string.Create(CultureInfo.InvariantCulture, $", server CPU {ServerProcess.CpuSeconds(p) - cpuBefore:F2} s") : "";
            var read = new System.Collections.Concurrent.ConcurrentBag<string>();
            await Parallel.ForEachAsync(invoiceIds, new ParallelOptions { MaxDegreeOfParallelism = clients }, async (id, ct) =>
                read.Add((string)JsonNode.Parse(await people["ap"].GetStringAsync(Relative($"/api/v1/invoices/{id}"), ct))!["status"]!));
            var statuses = read.CountBy(s => s);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{prefix}batch match of {total:N0} waiting invoice lines, tolerance {percent} % ({what}): {ms / 1000:F2} s, {total / (ms / 1000):N0} lines/s ({statements}{cpu}); the invoices now: {string.Join(", ", statuses.Select(s => $"{s.Value} {s.Key}"))}"));
        }

        return true;
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
