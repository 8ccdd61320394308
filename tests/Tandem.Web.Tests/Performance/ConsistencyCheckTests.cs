using Microsoft.EntityFrameworkCore;
using Tandem.Cycle;
using Tandem.Web.Platform.Cli;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Performance;

/// <summary>
/// The benchmark data generator writes in bulk, past the use cases; the app's own consistency check proves what it
/// wrote is as whole as what the API writes — and the check itself notices a broken row.
/// </summary>
public sealed class ConsistencyCheckTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    [Fact]
    public async Task Bulk_seeded_history_and_full_cycles_keep_every_invariant_and_a_broken_total_is_found()
    {
        var ct = TestContext.Current.CancellationToken;
        var world = await CycleWorld.PrepareAsync(role => factory.SignedInClientAsync(role));
        Assert.Empty((await CycleRun.RunAsync(new CycleOptions(1, 2, null, 0), (role, _) => factory.SignedInClientAsync(role), world)).Errors);
        Assert.Equal(0, await factory.WithDbAsync(db => SpendHistorySeed.RunAsync(db, 300, 12, 7, ct)));

        var findings = await factory.WithDbAsync(db => ConsistencyCheck.RunAsync(db, ct));
        Assert.All(findings, f => Assert.True(f.Violations == 0, $"{f.Invariant}: {f.Violations} of {f.Checked}"));
        Assert.True(findings.Single(f => f.Invariant.StartsWith("invoice total", StringComparison.Ordinal)).Checked > 500, "the seed's invoices were checked");

        await factory.WithDbAsync(async db =>
        {
            var order = await db.PurchaseOrders.OrderBy(p => p.Number).FirstAsync(ct);
            order.TotalMinor += 1;
            return await db.SaveChangesAsync(ct);
        });
        var broken = await factory.WithDbAsync(db => ConsistencyCheck.RunAsync(db, ct));
        Assert.Equal(1, broken.Single(f => f.Invariant == "purchase order total = subtotal + tax").Violations);
        Assert.Equal(1, broken.Count(f => f.Violations > 0));
    }
}
