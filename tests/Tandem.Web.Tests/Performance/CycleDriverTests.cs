using Microsoft.EntityFrameworkCore;
using Tandem.Cycle;
using Tandem.Web.Features.Invoices;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Performance;

/// <summary>
/// The benchmark's full-cycle driver (bench/Tandem.Cycle) runs a few cycles against the real app on the engine under test,
/// so it keeps working as the API changes: every step answers as the cycle expects, and the documents it leaves are whole.
/// </summary>
public sealed class CycleDriverTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    [Fact]
    public async Task A_few_full_cycles_by_two_clients_finish_without_errors_and_pay_every_invoice()
    {
        var world = await CycleWorld.PrepareAsync(role => factory.SignedInClientAsync(role));
        var report = await CycleRun.RunAsync(new CycleOptions(Clients: 2, Cycles: 4, Duration: null, Warmup: 1), (role, _) => factory.SignedInClientAsync(role), world);

        Assert.Empty(report.Errors);
        Assert.Equal(4, report.Cycles.Count);
        Assert.All(report.Cycles, cycle => Assert.All(cycle, call => Assert.True(call.Statements > 0 && call.Milliseconds > 0)));
        Assert.Contains("4 cycles", report.Format(), StringComparison.Ordinal);

        var (invoices, paid, orders, distinctOrders) = await factory.WithDbAsync(async db =>
        {
            var cycle = db.Invoices.Where(i => i.Number.StartsWith("CYC-"));
            var numbers = await db.PurchaseOrders.Select(p => p.Number).ToListAsync(TestContext.Current.CancellationToken);
            return (await cycle.CountAsync(TestContext.Current.CancellationToken),
                await cycle.CountAsync(i => i.Status == InvoiceStatus.ReadyToPay && i.PaidAtUtc != null, TestContext.Current.CancellationToken),
                numbers.Count, numbers.Distinct().Count());
        });
        Assert.Equal(6, invoices); // 2 warm-up cycles and 4 measured
        Assert.Equal(invoices, paid);
        Assert.Equal(orders, distinctOrders);

        // A second run on the same database finds the world it made and does not repeat an invoice total.
        var again = await CycleWorld.PrepareAsync(role => factory.SignedInClientAsync(role));
        Assert.Equal((world.DepartmentId, world.VendorId, world.BankAccountId), (again.DepartmentId, again.VendorId, again.BankAccountId));
        Assert.Equal(world.OfferIds, again.OfferIds);
        Assert.True(again.QuantityBase >= world.QuantityBase + 6, "the first run ordered QuantityBase + 1 … + 6 ties");
        Assert.Empty((await CycleRun.RunAsync(new CycleOptions(1, 1, null, 0), (role, _) => factory.SignedInClientAsync(role), again)).Errors);
    }
}
