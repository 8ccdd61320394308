using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using static Tandem.Bench.BenchHttp;

namespace Tandem.Bench;

/// <summary>
/// Purchase order benchmarks against a running server with the demo company, all through the HTTP API:
///  1. a 500-line order: three requests (200 + 200 + 100 lines, the most a request has) are approved, then one order is made from them, issued (budget check under
///     locks, the PDF rendered and queued for the vendor) and received in one 500-line receipt (half of each line) — each timed, with the
///     SQL statements the server ran (its Server-Timing header); the same for a 5-line order, to show how the
///     statements grow (reads stay constant; writes are batched by EF);
///  2. throughput: 16 buyers (separate sessions) make orders from approved one-line requests as fast as they can.
/// Usage: Tandem.Bench order-load &lt;baseUrl&gt; [repeats=3] [buyers=16] [ordersPerBuyer=20]
/// </summary>
internal static class OrderLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var baseUrl = new Uri(args[0].TrimEnd('/'));
        var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var buyers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
        var perBuyer = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;
        var people = new Dictionary<string, HttpClient>();
        foreach (var who in new[] { "requester", "buyer", "approver", "controller", "receiver" })
        {
            if (await ClientAsync(baseUrl, $"{who}@demo.tandem.dev") is not { } client)
            {
                return 2;
            }

            people[who] = client;
        }

        var gl = JsonNode.Parse(await people["controller"].GetStringAsync(Relative("/api/v1/gl-accounts?pageSize=200")))!["items"]!.AsArray()
            .Single(a => (string)a!["code"]! == "6100")!["id"]!.ToString();
        var vendor = JsonNode.Parse(await people["buyer"].GetStringAsync(Relative("/api/v1/vendors?pageSize=200")))!["items"]!.AsArray()
            .First(v => (string)v!["status"]! == "active")!["id"]!.ToString();

        foreach (var size in new[] { 5, 500 })
        {
            var results = new List<(double Create, string CreateSql, double Issue, string IssueSql, double Receive, string ReceiveSql)>();
            for (var r = 0; r < (size == 5 ? 1 : repeats); r++)
            {
                // A request has at most 200 lines: a 500-line order merges three requests.
                var requestLines = new List<string>();
                for (var part = 0; part * 200 < size; part++)
                {
                    if (await ApprovedAsync(people, gl, Math.Min(200, size - (part * 200)), $"Order bench {size}.{r}.{part}") is not { } requisition)
                    {
                        return 1;
                    }

                    requestLines.AddRange(requisition["lines"]!.AsArray().Select(l => (string)l!["id"]!));
                }

                var lines = string.Join(',', requestLines.Select(id => $$"""{"requisitionLineId":"{{id}}","taxRate":"8"}"""));
                var (order, createMs, createSql) = await TimedAsync(people["buyer"], "/api/v1/purchase-orders", $$"""{"vendorId":"{{vendor}}","lines":[{{lines}}]}""");
                var (_, issueMs, issueSql) = await TimedAsync(people["buyer"], $"/api/v1/purchase-orders/{order!["id"]}/issue", "");
                var received = string.Join(',', order["lines"]!.AsArray().Select(l => $$"""{"purchaseOrderLineId":"{{l!["id"]}}","accepted":"1"}"""));
                var (receipt, receiveMs, receiveSql) = await TimedAsync(people["receiver"], "/api/v1/receipts", $$"""{"purchaseOrderId":"{{order["id"]}}","lines":[{{received}}]}""");
                if (receipt is null || (string?)receipt["purchaseOrderStatus"] != "partiallyReceived")
                {
                    await Console.Error.WriteLineAsync("the receipt did not leave the order partially received");
                    return 1;
                }

                results.Add((createMs, createSql, issueMs, issueSql, receiveMs, receiveSql));
            }

            foreach (var x in results)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{size}-line order: create {x.Create:F0} ms ({x.CreateSql}); issue {x.Issue:F0} ms ({x.IssueSql}); receipt of every line {x.Receive:F0} ms ({x.ReceiveSql})"));
            }
        }

        // 2. Throughput of order creation: approved one-line requests first, then the buyers at once.
        var ready = new List<string>();
        for (var i = 0; i < buyers * perBuyer; i++)
        {
            var requisition = await ApprovedAsync(people, gl, 1, $"Throughput {i}");
            if (requisition is null)
            {
                return 1;
            }

            ready.Add((string)requisition["lines"]![0]!["id"]!);
        }

        var sessions = new List<HttpClient>();
        for (var b = 0; b < buyers; b++)
        {
            sessions.Add((await ClientAsync(baseUrl, "buyer@demo.tandem.dev"))!);
        }

        var errors = 0;
        var clock = Stopwatch.StartNew();
        var latencies = (await Task.WhenAll(sessions.Select(async (client, b) =>
        {
            var mine = new List<double>();
            foreach (var line in ready.Skip(b * perBuyer).Take(perBuyer))
            {
                var t0 = Stopwatch.GetTimestamp();
                using var response = await client.PostAsync(Relative("/api/v1/purchase-orders"), Json($$"""{"vendorId":"{{vendor}}","lines":[{"requisitionLineId":"{{line}}"}]}"""));
                mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref errors);
                }
            }

            return mine;
        }))).SelectMany(x => x).Order().ToArray();
        var wall = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"order creation, {buyers} concurrent buyers, {latencies.Length} orders: {latencies.Length / wall:F1} orders/s, p50 {Quantile(latencies, 0.5):F0} ms, p95 {Quantile(latencies, 0.95):F0} ms, p99 {Quantile(latencies, 0.99):F0} ms, errors {errors}"));
        foreach (var client in sessions.Concat(people.Values))
        {
            client.Dispose();
        }

        return errors == 0 ? 0 : 1;
    }

    internal static async Task<(JsonNode? Body, double Milliseconds, string Statements)> TimedAsync(HttpClient client, string path, string body)
    {
        var t0 = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync(Relative(path), body.Length == 0 ? null : Json(body));
        var text = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            await Console.Error.WriteLineAsync($"POST {path}: {(int)response.StatusCode} {text}");
            return (null, elapsed, "?");
        }

        return (JsonNode.Parse(text), elapsed, Statements(response));
    }

    /// <summary>A free-text request of <paramref name="lines"/> lines (each <paramref name="quantity"/> × 4.00), submitted and approved by whoever its route names.</summary>
    internal static async Task<JsonNode?> ApprovedAsync(Dictionary<string, HttpClient> people, string gl, int lines, string title, int quantity = 2)
    {
        var body = string.Join(',', Enumerable.Range(1, lines).Select(i => $$"""{"description":"Part {{i}}","quantity":"{{quantity}}","unitPrice":"4.00","glAccountId":"{{gl}}"}"""));
        var draft = await PostAsync(people["requester"], "/api/v1/requisitions", $$"""{"title":"{{title}}","lines":[{{body}}]}""");
        var requisition = draft is null ? null : await PostAsync(people["requester"], $"/api/v1/requisitions/{draft["id"]}/submit", "");
        for (var round = 0; round < 4 && requisition is not null && (string?)requisition["status"] == "inApproval"; round++)
        {
            foreach (var who in new[] { "buyer", "approver", "controller" })
            {
                using var response = await people[who].PostAsync(Relative($"/api/v1/approvals/{requisition["id"]}/decision"), Json("""{"decision":"approve"}"""));
                if (response.IsSuccessStatusCode)
                {
                    requisition = JsonNode.Parse(await response.Content.ReadAsStringAsync());
                    break;
                }
            }
        }

        return (string?)requisition?["status"] == "approved" ? requisition : null;
    }
}
