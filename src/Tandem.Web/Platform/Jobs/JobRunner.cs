using Microsoft.EntityFrameworkCore;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Platform.Jobs;

/// <summary>A piece of work that runs on a schedule, on exactly one instance at a time (ADR 0013).</summary>
public interface IScheduledJob
{
    string Name { get; }

    TimeSpan Interval { get; }

    Task RunAsync(IServiceProvider services, CancellationToken ct);
}

/// <summary>
/// Polls the scheduled jobs. A job runs when this instance wins its lease: a conditional UPDATE that moves the lease
/// forward by the job's interval only if it has run out. Two instances on one database therefore never run a job twice,
/// and the schedule survives restarts. Disabled with Jobs:Enabled=false (tests run jobs directly).
/// </summary>
public sealed class JobRunner(IServiceScopeFactory scopes, IEnumerable<IScheduledJob> jobs, IConfiguration configuration, TimeProvider clock, ILogger<JobRunner> logger)
    : BackgroundService
{
    // Unique per process; the machine name is only there to help a person reading job_leases.
    private readonly string _holder = $"{Guid.NewGuid():N}/{Environment.MachineName}"[..Math.Min(100, 33 + Environment.MachineName.Length)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Jobs:Enabled", true))
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(configuration.GetValue("Jobs:PollSeconds", 30)), clock);
        do
        {
            foreach (var job in jobs)
            {
                await RunIfDueAsync(job, stoppingToken);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Runs <paramref name="job"/> if this instance wins its lease; returns whether it ran.</summary>
    public async Task<bool> RunIfDueAsync(IScheduledJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TandemDb>();
            var now = clock.GetUtcNow().UtcDateTime;
            if (!await TryLeaseAsync(db, job.Name, _holder, now, job.Interval, ct))
            {
                return false;
            }

            // One line per run, so operators (and the two-instance benchmark) can see each run happened exactly once.
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Scheduled job {Job} leased from {Start:O} until {Until:O} by {Holder}", job.Name, now, now + job.Interval, _holder);
            }

            string? error = null;
            try
            {
                await job.RunAsync(scope.ServiceProvider, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                error = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
                logger.LogError(e, "Scheduled job {Job} failed", job.Name);
            }

            var finished = clock.GetUtcNow().UtcDateTime;
            await db.JobLeases.Where(l => l.Name == job.Name && l.Holder == _holder)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.LastFinishedAtUtc, finished).SetProperty(l => l.LastError, error), ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not run scheduled job {Job}", job.Name);
            return false;
        }
    }

    public static async Task<bool> TryLeaseAsync(TandemDb db, string name, string holder, DateTime nowUtc, TimeSpan interval, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var expired = DateTime.UnixEpoch;
        await db.Database.ExecuteSqlAsync($"INSERT INTO job_leases (name, holder, leased_until_utc) VALUES ({name}, {""}, {expired}) ON CONFLICT (name) DO NOTHING", ct);
        var until = nowUtc + interval;
        var won = await db.Database.ExecuteSqlAsync(
            $"UPDATE job_leases SET holder = {holder}, leased_until_utc = {until}, last_started_at_utc = {nowUtc} WHERE name = {name} AND leased_until_utc <= {nowUtc}", ct);
        return won == 1;
    }
}
