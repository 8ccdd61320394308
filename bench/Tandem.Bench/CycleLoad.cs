using System.Globalization;
using System.Net;
using Tandem.Cycle;
using static Tandem.Bench.BenchHttp;

namespace Tandem.Bench;

/// <summary>
/// The full purchase-to-pay cycle through the HTTP API (see Tandem.Cycle/PurchaseToPay.cs) by N concurrent clients,
/// against one server or several sharing a database (clients spread over the URLs). Prints cycles/s, p50/p95/p99 per
/// step and per cycle, SQL statements per cycle, errors, and — given the servers' process ids — their CPU seconds during
/// the measured run and peak resident memory. With several URLs it first checks that a sign-in on one is valid on the others.
/// Usage: Tandem.Bench cycle &lt;url[,url…]&gt; [--clients 8] [--seconds 30 | --cycles N] [--warmup 2] [--pids pid,pid]
/// Exit code 0 only with zero errors.
/// </summary>
internal static class CycleLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var urls = args[0].Split(',').Select(u => new Uri(u.TrimEnd('/'))).ToArray();
        var clients = Option(args, "--clients") ?? 8;
        var cycles = Option(args, "--cycles");
        var seconds = Option(args, "--seconds") ?? (cycles is null ? 30 : null);
        var pids = OptionText(args, "--pids")?.Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray() ?? [];
        var options = new CycleOptions(clients, cycles, seconds is { } s ? TimeSpan.FromSeconds(s) : null, Option(args, "--warmup") ?? 2);

        if (urls.Length > 1 && !await SessionsSharedAsync(urls))
        {
            return 1;
        }

        async Task<HttpClient> SignInAsync(string role, int user) =>
            await ClientAsync(urls[user % urls.Length], $"{role}@demo.tandem.dev") ?? throw new InvalidOperationException($"{role} could not sign in");

        var world = await CycleWorld.PrepareAsync(role => SignInAsync(role, 0));
        var report = await CycleRun.RunAsync(options, SignInAsync, world, pids.Length > 0 ? () => pids.Sum(ServerProcess.CpuSeconds) : null);
        Console.WriteLine($"== full cycle, {string.Join(" + ", urls.Select(u => u.Authority))}");
        Console.WriteLine(report.Format());
        foreach (var pid in pids)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server {pid}: peak RSS {ServerProcess.PeakRssMiB(pid):F0} MiB"));
        }

        if (report.ServerCpuSeconds is { } cpu)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"server CPU: {cpu:F1} s for {report.Cycles.Count} cycles ({cpu * 1000 / Math.Max(1, report.Cycles.Count):F1} ms per cycle)"));
        }

        return report.Errors.Count == 0 && report.Cycles.Count > 0 ? 0 : 1;
    }

    /// <summary>Signs in on the first URL and reads <c>/api/v1/me</c> with that cookie from every other one.</summary>
    private static async Task<bool> SessionsSharedAsync(Uri[] urls)
    {
        var cookies = new CookieContainer();
        using var first = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = urls[0] };
        if (!await SignIn.AsAsync(first, "requester@demo.tandem.dev", Password))
        {
            return false;
        }

        foreach (var other in urls.Skip(1))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(other, "/api/v1/me"));
            request.Headers.Add("Cookie", cookies.GetCookieHeader(urls[0]));
            using var plain = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
            using var response = await plain.SendAsync(request);
            Console.WriteLine($"a sign-in on {urls[0].Authority} read /api/v1/me on {other.Authority}: {(int)response.StatusCode}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }
        }

        return true;
    }

    private static string? OptionText(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static int? Option(string[] args, string name) => OptionText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;
}
