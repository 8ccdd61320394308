using System.Globalization;
using System.Text;

namespace Tandem.Cycle;

/// <summary>What a run measured: each cycle's calls (the steps, then the whole cycle), the errors and, when asked for, the
/// servers' CPU seconds while the measured cycles ran.</summary>
public sealed record CycleReport(int Clients, TimeSpan Elapsed, IReadOnlyList<IReadOnlyList<Call>> Cycles, IReadOnlyList<string> Errors,
    double? ServerCpuSeconds = null)
{
    public double CyclesPerSecond => Cycles.Count / Elapsed.TotalSeconds;

    /// <summary>The q-quantile (nearest rank) of a step's latency in ms; the step after the last is the whole cycle.</summary>
    public double Latency(int step, double q)
    {
        var sorted = Cycles.Select(c => c[step].Milliseconds).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public double StatementsPerCycle => Cycles.Count == 0 ? 0 : Cycles.Average(c => c[^1].Statements);

    /// <summary>A table of every step and the whole cycle: p50/p95/p99 in ms and SQL statements (mean).</summary>
    public string Format()
    {
        var text = new StringBuilder();
        var rows = PurchaseToPay.Steps.Append("whole cycle").Select((name, i) => (name, i));
        text.AppendLine(CultureInfo.InvariantCulture, $"{"step",-14} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"SQL",6}");
        foreach (var (name, i) in rows)
        {
            var sql = Cycles.Count == 0 ? 0 : Cycles.Average(c => c[i].Statements);
            text.AppendLine(CultureInfo.InvariantCulture, $"{name,-14} {Latency(i, 0.50),8:F1} {Latency(i, 0.95),8:F1} {Latency(i, 0.99),8:F1} {sql,6:F1}");
        }

        text.Append(CultureInfo.InvariantCulture,
            $"{Clients} clients, {Cycles.Count} cycles in {Elapsed.TotalSeconds:F1} s: {CyclesPerSecond:F1} cycles/s, {StatementsPerCycle:F0} SQL statements per cycle, {Errors.Count} errors");
        foreach (var error in Errors.Take(5))
        {
            text.AppendLine().Append("  error: ").Append(error);
        }

        return text.ToString();
    }
}
