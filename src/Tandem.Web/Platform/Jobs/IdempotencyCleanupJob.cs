using Microsoft.EntityFrameworkCore;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Platform.Jobs;

/// <summary>Forgets Idempotency-Key outcomes after 24 hours, so the table does not grow without bound.</summary>
public sealed class IdempotencyCleanupJob(TimeProvider clock) : IScheduledJob
{
    public string Name => "idempotency-cleanup";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddHours(-24);
        await services.GetRequiredService<TandemDb>().IdempotencyRecords.Where(r => r.CreatedAtUtc < cutoff).ExecuteDeleteAsync(ct);
    }
}
