using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Tandem.Bench;

/// <summary>
/// End-to-end submit latency: N requesters (each its own signed-in session) in a closed loop create a draft through
/// the API and submit it — flags, conversion, policy evaluation, approval steps, notifications, e-mail outbox,
/// webhook events and audit, all in one transaction. Prints the submit latency percentiles (and the create's).
/// With a think time each requester starts at a random moment within it and pauses between one submit and the next draft
/// (drawn uniformly from half to one and a half times it, so the requesters do not fall into step): the latency people
/// see at that pace, not at saturation. The loop runs unmeasured for the warm-up seconds first (the JIT settles; see
/// docs/performance.md), then measured, without stopping in between.
/// Usage: Tandem.Bench submit-load &lt;baseUrl&gt; [requesters=32] [seconds=30] [email=requester@demo.tandem.dev] [thinkMs=0] [warmSeconds=0]
/// </summary>
internal static class SubmitLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var baseUrl = new Uri(args[0].TrimEnd('/'));
        var requesters = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;
        var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
        var email = args.Length > 3 ? args[3] : "requester@demo.tandem.dev";
        var thinkMs = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 0;
        var warmSeconds = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 0;

        var clients = new List<HttpClient>();
        for (var i = 0; i < requesters; i++)
        {
            var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseUrl };
            if (!await SignIn.AsAsync(client, email, "tandem-demo-2026"))
            {
                return 2;
            }

            clients.Add(client);
        }

        var categories = JsonNode.Parse(await clients[0].GetStringAsync(new Uri("/api/v1/catalog/categories", UriKind.Relative)))!.AsArray();
        var lab = (string)categories.First(c => (string?)c!["code"] == "LAB")!["id"]!;
        var body = $$"""
            {"title":"Bench request","justification":"Load test","lines":[
              {"description":"Centrifuge tubes 50 ml","categoryId":"{{lab}}","quantity":"40","unitPrice":"18.75","needBy":"2027-01-15"},
              {"description":"Pipette filler","categoryId":"{{lab}}","quantity":"2","unitPrice":"64.00","needBy":"2027-01-15"}]}
            """;

        // Warm-up: a few requests through every path.
        for (var i = 0; i < 20; i++)
        {
            await OneAsync(clients[i % clients.Count], body);
        }

        var (results, errors, elapsed) = await LoopAsync(clients, body, TimeSpan.FromSeconds(warmSeconds), TimeSpan.FromSeconds(seconds), thinkMs);
        var all = results.SelectMany(r => r).ToList();
        var submits = all.Select(a => a.Submit).Order().ToArray();
        var creates = all.Select(a => a.Create).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"submit: {requesters} requesters, think time {thinkMs} ms, {elapsed:F1} s after {warmSeconds} s of warm-up, {submits.Length} submitted ({submits.Length / elapsed:F0}/s), p50 {P(submits, 0.50):F1} ms, p95 {P(submits, 0.95):F1} ms, p99 {P(submits, 0.99):F1} ms, errors {errors}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"create (draft, for reference): p50 {P(creates, 0.50):F1} ms, p95 {P(creates, 0.95):F1} ms"));
        foreach (var c in clients)
        {
            c.Dispose();
        }

        return errors == 0 ? 0 : 1;
    }

    /// <summary>
    /// Every requester creates and submits until the warm-up and the measured time are up, pausing for the think time
    /// between rounds; only rounds started after the warm-up are kept. Returns them, the errors and the measured seconds.
    /// </summary>
    private static async Task<(List<(double Create, double Submit)>[] Results, int Errors, double Seconds)> LoopAsync(
        List<HttpClient> clients, string body, TimeSpan warmUp, TimeSpan measured, int thinkMs)
    {
        var clock = Stopwatch.StartNew();
        var errors = 0;
        var results = await Task.WhenAll(clients.Select(async (client, i) =>
        {
            var random = new Random(i);
            var mine = new List<(double Create, double Submit)>();
            await Task.Delay(random.Next(thinkMs + 1));
            while (clock.Elapsed < warmUp + measured)
            {
                var counted = clock.Elapsed >= warmUp;
                var one = await OneAsync(client, body);
                if (one is null)
                {
                    Interlocked.Increment(ref errors);
                }
                else if (counted)
                {
                    mine.Add(one.Value);
                }

                if (thinkMs > 0)
                {
                    await Task.Delay(thinkMs / 2 + random.Next(thinkMs + 1));
                }
            }

            return mine;
        }));
        return (results, errors, (clock.Elapsed - warmUp).TotalSeconds);
    }

    private static double P(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static async Task<(double Create, double Submit)?> OneAsync(HttpClient client, string body)
    {
        var t0 = Stopwatch.GetTimestamp();
        using var created = await client.PostAsync(new Uri("/api/v1/requisitions", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        var create = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        if (created.StatusCode != HttpStatusCode.Created)
        {
            await Console.Error.WriteLineAsync($"create: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
            return null;
        }

        var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        var t1 = Stopwatch.GetTimestamp();
        using var submitted = await client.PostAsync(new Uri($"/api/v1/requisitions/{id}/submit", UriKind.Relative), null);
        await submitted.Content.ReadAsByteArrayAsync();
        var submit = Stopwatch.GetElapsedTime(t1).TotalMilliseconds;
        if (submitted.StatusCode != HttpStatusCode.OK)
        {
            await Console.Error.WriteLineAsync($"submit: {(int)submitted.StatusCode} {await submitted.Content.ReadAsStringAsync()}");
            return null;
        }

        return (create, submit);
    }
}
