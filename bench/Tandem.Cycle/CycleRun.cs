using System.Collections.Concurrent;
using System.Diagnostics;

namespace Tandem.Cycle;

/// <summary>How long and how wide to run: a number of cycles or a duration, by this many concurrent virtual users.</summary>
/// <param name="Warmup">Cycles each user runs first, not measured (JIT, connection pools, caches).</param>
public sealed record CycleOptions(int Clients, int? Cycles, TimeSpan? Duration, int Warmup = 2);

/// <summary>
/// Runs the cycle with N concurrent virtual users (closed loop: each starts its next cycle when the last one ends) and
/// collects every step's latency and SQL statement count. Users are signed in before the clock starts; any failed
/// step counts as an error and ends that cycle.
/// </summary>
public static class CycleRun
{
    /// <summary><paramref name="signIn"/> gives a signed-in client for a role and a user number (spread users over instances there).</summary>
    /// <param name="serverCpuSeconds">Reads the servers' CPU seconds so far; read when the measured cycles start and end, so
    /// sign-ins (a deliberately slow password hash each) and warm-up cycles are not counted.</param>
    public static async Task<CycleReport> RunAsync(CycleOptions options, Func<string, int, Task<HttpClient>> signIn, CycleWorld world,
        Func<double>? serverCpuSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(signIn);
        var tag = DateTime.UtcNow.ToString("MMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        var users = new List<(PurchaseToPay Cycle, List<HttpClient> Clients)>();
        for (var u = 0; u < options.Clients; u++)
        {
            var people = new Dictionary<string, HttpClient>();
            foreach (var role in PurchaseToPay.Roles)
            {
                people[role] = await signIn(role, u);
            }

            users.Add((new PurchaseToPay(people, world, $"{tag}-{u}"), people.Values.ToList()));
        }

        var errors = new ConcurrentQueue<string>();
        var next = 0;
        try
        {
            await Task.WhenAll(users.Select(async (user, u) =>
            {
                for (var w = 0; w < options.Warmup; w++)
                {
                    await RunOneAsync(user.Cycle, Interlocked.Increment(ref next), errors);
                }
            }));
            var measured = new ConcurrentBag<IReadOnlyList<Call>>();
            errors.Clear();
            var first = next;
            var cpuBefore = serverCpuSeconds?.Invoke();
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(users.Select(async user =>
            {
                while (true)
                {
                    var n = Interlocked.Increment(ref next);
                    if ((options.Cycles is { } max && n - first > max) || (options.Duration is { } d && clock.Elapsed >= d))
                    {
                        return;
                    }

                    var started = Stopwatch.GetTimestamp();
                    if (await RunOneAsync(user.Cycle, n, errors) is { } calls)
                    {
                        measured.Add([.. calls, new Call(null, Stopwatch.GetElapsedTime(started).TotalMilliseconds, calls.Sum(c => c.Statements))]);
                    }
                }
            }));
            var elapsed = clock.Elapsed;
            return new CycleReport(options.Clients, elapsed, [.. measured], [.. errors], serverCpuSeconds?.Invoke() - cpuBefore);
        }
        finally
        {
            foreach (var client in users.SelectMany(u => u.Clients))
            {
                client.Dispose();
            }
        }
    }

    private static async Task<IReadOnlyList<Call>?> RunOneAsync(PurchaseToPay cycle, int number, ConcurrentQueue<string> errors)
    {
        try
        {
            return [.. await cycle.RunAsync(number)];
        }
        catch (Exception e) when (e is CycleStepException or HttpRequestException or TaskCanceledException)
        {
            errors.Enqueue(e.Message);
            return null;
        }
    }
}
