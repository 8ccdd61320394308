using System.Diagnostics;
using System.Globalization;
using System.Net;

// A small closed-loop HTTP load driver: signs in through the real sign-in page, then N connections request URLs
// back to back for a fixed duration (several paths separated by '|' are taken in turn). Prints requests/second and
// latency percentiles; any non-2xx fails the run.
// Usage: Tandem.Bench <baseUrl> [path=/api/v1/departments] [connections=32] [seconds=20] [email] [password]
//        Tandem.Bench load-catalog <baseUrl> [items=100000] [offersPerItem=3]   (see CatalogLoad.cs)
//        Tandem.Bench submit-load <baseUrl> [requesters=32] [seconds=30] [email]    (see SubmitLoad.cs)
//        Tandem.Bench budget-check <baseUrl> [budgetLines=10000] [iterations=500]   (see BudgetCheckLoad.cs)
//        Tandem.Bench order-load <baseUrl> [repeats=3] [buyers=16] [ordersPerBuyer=20] (see OrderLoad.cs)
//        Tandem.Bench gl-classifier [lines=24000] [seed=7]                           (see GlClassifierEval.cs)
//        Tandem.Bench invoice-load <baseUrl> [repeats=2] [clients=8] [invoices=200] [warmUps=1] (see InvoiceLoad.cs)
//        Tandem.Bench batch-match <baseUrl> [orders=100] [lines=100] [invoicesPerOrder=10] [clients=4] (see BatchMatchLoad.cs)
//        Tandem.Bench payment-run <baseUrl> [dueBy] [payDate]                        (see PaymentRunLoad.cs)
//        Tandem.Bench billing <baseUrl> [a day of the month to bill]                  (see BillingLoad.cs)
//        Tandem.Bench analytics <baseUrl> [iterations=20]                             (see AnalyticsLoad.cs)
//        Tandem.Bench cycle <url[,url]> [--clients 8] [--seconds 30|--cycles N] [--pids p,p] (see CycleLoad.cs)
if (args.Length > 0 && args[0] == "submit-load")
{
    return await Tandem.Bench.SubmitLoad.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "budget-check")
{
    return await Tandem.Bench.BudgetCheckLoad.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "order-load")
{
    return await Tandem.Bench.OrderLoad.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "gl-classifier")
{
    return Tandem.Bench.GlClassifierEval.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "invoice-load")
{
    return await Tandem.Bench.InvoiceLoad.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "batch-match")
{
    return await Tandem.Bench.BatchMatchLoad.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "payment-run")
{
    return await Tandem.Bench.PaymentRunLoad.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "cycle")
{
    return await Tandem.Bench.CycleLoad.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "analytics")
{
    return await Tandem.Bench.AnalyticsLoad.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "billing")
{
    return await Tandem.Bench.BillingLoad.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "load-catalog")
{
    return await Tandem.Bench.CatalogLoad.RunAsync(args[1..]);
}

var baseUrl = args.Length > 0 ? args[0].TrimEnd('/') : "http://127.0.0.1:5080";
var paths = (args.Length > 1 ? args[1] : "/api/v1/departments").Split('|');
var path = paths[0];
var connections = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 32;
var seconds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;
var email = args.Length > 4 ? args[4] : "admin@demo.tandem.dev";
var password = args.Length > 5 ? args[5] : "tandem-demo-2026";

var cookies = new CookieContainer();
using var handler = new SocketsHttpHandler { CookieContainer = cookies, MaxConnectionsPerServer = connections, AllowAutoRedirect = false };
using var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
if (!await Tandem.Bench.SignIn.AsAsync(client, email, password))
{
    return 2;
}

// Warm-up, then measure.
for (var i = 0; i < 200; i++)
{
    (await client.GetAsync(paths[i % paths.Length])).EnsureSuccessStatusCode();
}

var stop = Stopwatch.StartNew();
var deadline = TimeSpan.FromSeconds(seconds);
var errors = 0;
var latencies = await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
{
    var mine = new List<double>(100_000);
    var next = Random.Shared.Next(paths.Length);
    while (stop.Elapsed < deadline)
    {
        var t = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(paths[next++ % paths.Length]);
        await response.Content.ReadAsByteArrayAsync();
        mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        if (!response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref errors);
        }
    }

    return mine;
}));
var elapsed = stop.Elapsed.TotalSeconds;
var all = latencies.SelectMany(l => l).Order().ToArray();
double P(double q) => all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"GET {(paths.Length > 1 ? $"{paths.Length} URLs like {path}" : path)}: {connections} connections, {elapsed:F1} s, {all.Length} requests, {all.Length / elapsed:F0} req/s, p50 {P(0.50):F2} ms, p95 {P(0.95):F2} ms, p99 {P(0.99):F2} ms, errors {errors}"));
return errors == 0 ? 0 : 1;
