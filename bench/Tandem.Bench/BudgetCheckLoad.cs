using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

using static Tandem.Bench.BenchHttp;

namespace Tandem.Bench;

/// <summary>
/// Budget benchmarks against a running server with the demo company:
///  1. imports 10,000 budget lines through the CSV API: a seeded sample of every combination of 17 periods (months, quarters,
///     the year), departments, expense GL accounts, locations and projects, each dimension also left empty ("any");
///  2. creates a 50-line requisition charged to Engineering at headquarters, each line on a software GL account, and
///     times GET /api/v1/budgets/check for it (one client, sequential) — p50/p95/p99;
///  3. concurrency: 50 requests of 300.00 wait for the buyer against a fresh 10,000.00 block budget; 50 approvals are
///     fired at once; prints the wall time, approvals per second, how many passed, and checks nothing was overspent.
/// Usage: Tandem.Bench budget-check &lt;baseUrl&gt; [budgetLines=10000] [iterations=500] [year=2030]
/// </summary>
internal static class BudgetCheckLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var baseUrl = new Uri(args[0].TrimEnd('/'));
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var iterations = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 500;
        var year = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2030;
        using var controller = await ClientAsync(baseUrl, "controller@demo.tandem.dev");
        using var requester = await ClientAsync(baseUrl, "requester@demo.tandem.dev");
        using var buyer = await ClientAsync(baseUrl, "buyer@demo.tandem.dev");
        if (controller is null || requester is null || buyer is null)
        {
            return 2;
        }

        // 1. The budget lines.
        var departments = await CodesAsync(controller, "/api/v1/departments?pageSize=200");
        var locations = await CodesAsync(controller, "/api/v1/locations?pageSize=200");
        var accounts = (await CodesAsync(controller, "/api/v1/gl-accounts?pageSize=200")).Where(a => a.Code.StartsWith('6')).ToList();
        var periods = Enumerable.Range(1, 12).Select(m => $"{year}-{m:00}").Concat(Enumerable.Range(1, 4).Select(q => $"FY{year}-Q{q}")).Append($"FY{year}").ToList();
        var projects = await CodesAsync(controller, "/api/v1/projects?pageSize=200");
        var combinations =
            from period in periods
            from department in departments.Select(d => d.Code).Prepend("")
            from account in accounts.Select(a => a.Code).Prepend("")
            from location in locations.Select(l => l.Code).Prepend("")
            from project in projects.Select(p => p.Code).Prepend("")
            select (period, department, location, account, project);
        var chosen = combinations.ToList();
        var random = new Random(20261130); // the same sample on every run and engine
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(chosen));
        var written = Math.Min(count, chosen.Count);
        var csv = new StringBuilder("period,department,location,gl_account,project,amount,control\n");
        foreach (var (period, department, location, account, project) in chosen.Take(written))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{period},{department},{location},{account},{project},{1_000_000 + random.Next(0, 97) * 1000}.00,warn\n");
        }

        var t = Stopwatch.StartNew();
        using (var imported = await controller.PostAsync(Relative("/api/v1/budgets/import"), new StringContent(csv.ToString(), Encoding.UTF8, "text/csv")))
        {
            if (!imported.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"import: {(int)imported.StatusCode} {await imported.Content.ReadAsStringAsync()}");
                return 1;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"imported {written} budget lines in {t.Elapsed.TotalSeconds:F1} s"));

        // 2. A 50-line request and its check.
        var eng = departments.Single(d => d.Code == "ENG").Id;
        var hq = locations.Single(l => l.Code == "HQ").Id;
        var software = accounts.Where(a => a.Code.StartsWith("61", StringComparison.Ordinal)).Select(a => a.Id).ToList();
        var lines = string.Join(",", Enumerable.Range(1, 50).Select(i =>
            $$"""{"description":"Licence {{i}}","quantity":"1","unitPrice":"{{100 + i}}.00","glAccountId":"{{software[i % software.Count]}}","needBy":"{{year}}-{{1 + (i % 12):00}}-15"}"""));
        var request = await PostAsync(requester, "/api/v1/requisitions",
            $$"""{"title":"Budget bench","lines":[{{lines}}],"shipToLocationId":"{{hq}}","splits":[{"departmentId":"{{eng}}","locationId":"{{hq}}","percent":"100"}]}""");
        if (request is null)
        {
            return 1;
        }

        var checkUrl = Relative($"/api/v1/budgets/check?requisitionId={request["id"]}");
        var first = JsonNode.Parse(await requester.GetStringAsync(checkUrl))!;
        Console.WriteLine($"the 50-line request touches {first["lines"]!.AsArray().Count} budget lines ({first["decision"]})");
        for (var i = 0; i < 50; i++)
        {
            (await requester.GetAsync(checkUrl)).EnsureSuccessStatusCode();
        }

        var latencies = new double[iterations];
        var server = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            using var response = await requester.GetAsync(checkUrl);
            await response.Content.ReadAsByteArrayAsync();
            latencies[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            response.EnsureSuccessStatusCode();
            // Server-Timing: budget;dur=1.23 — the check itself, after the request was loaded and before the JSON is written.
            var timing = response.Headers.GetValues("Server-Timing").Single(v => v.StartsWith("budget", StringComparison.Ordinal));
            server[i] = double.Parse(timing.Split(';').Single(p => p.StartsWith("dur=", StringComparison.Ordinal))[4..], CultureInfo.InvariantCulture);
        }

        Array.Sort(latencies);
        Array.Sort(server);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"budget check, 50 lines vs {written} budget lines, {iterations} checks: the check p50 {Quantile(server, 0.50):F2} ms, p95 {Quantile(server, 0.95):F2} ms, p99 {Quantile(server, 0.99):F2} ms; "
            + $"the whole HTTP request (sign-in cookie, loading the request, JSON) p50 {Quantile(latencies, 0.50):F2} ms, p95 {Quantile(latencies, 0.95):F2} ms, p99 {Quantile(latencies, 0.99):F2} ms"));

        // 3. Fifty approvals at once against one block budget.
        var lab = accounts.Single(a => a.Code == "6700").Id;
        var month = $"{year + 1}-06";
        var budget = await PostAsync(controller, "/api/v1/budgets",
            $$"""{"period":"{{month}}","amount":{"amount":"10000.00","currency":"USD"},"departmentId":"{{eng}}","glAccountId":"{{lab}}","control":"block"}""");
        var ids = new List<string>();
        for (var i = 0; i < 50 && budget is not null; i++)
        {
            var draft = await PostAsync(requester, "/api/v1/requisitions",
                $$"""{"title":"Gloves {{i}}","lines":[{"description":"Gloves","quantity":"1","unitPrice":"300.00","glAccountId":"{{lab}}","needBy":"{{month}}-10"}],"splits":[{"departmentId":"{{eng}}","percent":"100"}]}""");
            if (draft is null || await PostAsync(requester, $"/api/v1/requisitions/{draft["id"]}/submit", "") is null)
            {
                return 1;
            }

            ids.Add((string)draft["id"]!);
        }

        t.Restart();
        var outcomes = await Task.WhenAll(ids.Select(async id =>
        {
            using var response = await buyer.PostAsync(Relative($"/api/v1/approvals/{id}/decision"), Json("""{"decision":"approve"}"""));
            return response.StatusCode;
        }));
        var wall = t.Elapsed.TotalSeconds;
        var line = JsonNode.Parse(await controller.GetStringAsync(Relative($"/api/v1/budgets/{budget!["id"]}")))!["line"]!;
        var approved = outcomes.Count(s => s == HttpStatusCode.OK);
        var refused = outcomes.Count(s => s == HttpStatusCode.Conflict);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"concurrency: 50 approvals at once in {wall * 1000:F0} ms ({50 / wall:F0} decisions/s): {approved} approved, {refused} refused as over budget, committed {line["committed"]!["amount"]} of {line["amount"]!["amount"]}"));
        var ok = approved == 33 && refused == 17 && (string?)line["committed"]!["amount"] == "9900.00";
        Console.WriteLine(ok ? "never overspent: yes" : "UNEXPECTED OUTCOME");
        return ok ? 0 : 1;
    }

    private static async Task<List<(string Id, string Code)>> CodesAsync(HttpClient client, string path) =>
        [.. JsonNode.Parse(await client.GetStringAsync(Relative(path)))!["items"]!.AsArray().Select(x => ((string)x!["id"]!, (string)x["code"]!))];
}
