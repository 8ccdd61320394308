using System.Diagnostics;
using System.Globalization;

namespace Tandem.Bench;

/// <summary>What a benchmark reads about the server process it drives (Linux /proc; CPU in clock ticks of 1/100 s).</summary>
internal static class ServerProcess
{
    /// <summary>User + system CPU time of the process so far.</summary>
    public static double CpuSeconds(int pid) => Ticks($"/proc/{pid}/stat") / 100.0;

    public static double PeakRssMiB(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0).Single();

    /// <summary>
    /// Waits until the runtime's background compiler (the ".NET Tiered Com" thread, which recompiles hot methods
    /// optimised) has used under 0.05 s of CPU in 5 s, at most <paramref name="max"/>; returns how long it waited. On two
    /// cores a freshly started server keeps it busy for a minute or two, and a measurement meanwhile shares the cores with it.
    /// </summary>
    public static async Task<TimeSpan> WaitForJitIdleAsync(int pid, TimeSpan max)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < max)
        {
            var before = JitTicks(pid);
            await Task.Delay(TimeSpan.FromSeconds(5));
            if (JitTicks(pid) - before < 5)
            {
                break;
            }
        }

        return waited.Elapsed;
    }

    private static long JitTicks(int pid) =>
        Directory.GetDirectories($"/proc/{pid}/task").Where(t => File.Exists($"{t}/comm") && File.ReadAllText($"{t}/comm").Trim() == ".NET Tiered Com")
            .Sum(t => Ticks($"{t}/stat"));

    private static long Ticks(string statPath)
    {
        var stat = File.ReadAllText(statPath);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
