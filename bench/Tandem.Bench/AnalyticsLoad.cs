using System.Diagnostics;
using System.Globalization;

using static Tandem.Bench.BenchHttp;

namespace Tandem.Bench;

/// <summary>
/// Analytics benchmark against a server whose demo company holds <c>seed --spend-history</c>: each question asked
/// again and again by one signed-in controller (after two warm-up requests), printing p50 and p95 and the SQL
/// statements of the last response. The questions: spend by department × month for the last year (API), the same by
/// vendor, the KPI page, the KPI API, the spend dashboard page and the review pack.
/// Usage: Tandem.Bench analytics &lt;baseUrl&gt; [iterations=20]
/// </summary>
internal static class AnalyticsLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var baseUrl = new Uri(args[0].TrimEnd('/'));
        var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        using var controller = await ClientAsync(baseUrl, "controller@demo.tandem.dev");
        if (controller is null)
        {
            return 2;
        }

        var to = DateTime.UtcNow.Date.AddDays(-1);
        var from = to.AddYears(-1).AddDays(1);
        var year = FormattableString.Invariant($"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&period=month");
        (string Name, string Path, int Times)[] questions =
        [
            ("spend by department x month, 1 year (API)", $"/api/v1/analytics/spend?by=department&{year}", iterations),
            ("spend by vendor x month, 1 year (API)", $"/api/v1/analytics/spend?by=vendor&{year}", iterations),
            ("KPI page (30 days)", "/Analytics/Kpis", iterations),
            ("KPIs (API, 30 days)", "/api/v1/kpis", iterations),
            ("spend dashboard page (1 year)", "/Analytics/Spend", Math.Max(3, iterations / 4)),
            ("review pack (API, 5 weeks of KPIs)", "/api/v1/review-pack", Math.Max(3, iterations / 4)),
        ];
        var failed = false;
        foreach (var (name, path, times) in questions)
        {
            var samples = new List<double>();
            var statements = "?";
            for (var i = 0; i < times + 2; i++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await controller.GetAsync(Relative(path));
                await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                {
                    await Console.Error.WriteLineAsync($"GET {path}: {(int)response.StatusCode}");
                    failed = true;
                    break;
                }

                if (i >= 2)
                {
                    samples.Add(clock.Elapsed.TotalMilliseconds);
                }

                statements = Statements(response);
            }

            if (samples.Count > 0)
            {
                var sorted = samples.Order().ToArray();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-45} p50 {Quantile(sorted, 0.5),7:F1} ms   p95 {Quantile(sorted, 0.95),7:F1} ms   ({sorted.Length} requests; {statements})"));
            }
        }

        return failed ? 1 : 0;
    }
}
