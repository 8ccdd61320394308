using Microsoft.EntityFrameworkCore;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Platform.Data;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Purchasing;

/// <summary>Orders loaded to change come tracked with exactly their lines and each line's splits, in id order.</summary>
public sealed class OrderWithLinesTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Orders_come_with_their_own_lines_and_splits_in_id_order_and_nothing_else()
    {
        var ids = new List<Guid>();
        foreach (var price in new[] { "10.00", "20.00", "30.00" })
        {
            ids.Add(Guid.Parse((string)(await IssuedOrderAsync(factory, price, "2", $"Loaded order {price}"))["id"]!));
        }

        // A second split on the first order's line, so a line holds more than one.
        await factory.WithDbAsync(async db =>
        {
            var line = await db.PurchaseOrderLines.SingleAsync(l => l.PurchaseOrderId == ids[0], Ct);
            var split = await db.Set<PurchaseOrderSplit>().FirstAsync(s => s.PurchaseOrderLineId == line.Id, Ct);
            db.Add(new PurchaseOrderSplit { Id = Ids.New(db.Clock.GetUtcNow().UtcDateTime), PurchaseOrderLineId = line.Id, Position = 99, DepartmentId = split.DepartmentId, PercentUnits = 0 });
            return await db.SaveChangesAsync(Ct);
        });

        List<Guid> firstTwo = [ids[0], ids[1]];
        var expected = await factory.WithDbAsync(async db => await db.PurchaseOrders.AsNoTracking().Include(p => p.Lines).ThenInclude(l => l.Splits)
            .Where(p => firstTwo.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Lines.Select(l => (l.Id, Splits: l.Splits.Select(s => s.Id).Order().ToList())).ToList(), Ct));
        Assert.Equal(2, expected[ids[0]].Single().Splits.Count);

        var (loaded, tracked) = await factory.WithDbAsync(async db =>
        {
            var orders = await OrderWithLines.ToListAsync(db, db.PurchaseOrders.Where(p => firstTwo.Contains(p.Id)), Ct);
            return (orders, db.ChangeTracker.Entries().Count(e => e.State == EntityState.Unchanged));
        });

        Assert.Equal(expected.Keys.Order(), loaded.Select(o => o.Id).Order());
        foreach (var order in loaded)
        {
            Assert.Equal(expected[order.Id].Select(l => l.Id).Order(), order.Lines.Select(l => l.Id));
            Assert.All(order.Lines, l => Assert.Equal(expected[order.Id].Single(e => e.Id == l.Id).Splits, l.Splits.Select(s => s.Id)));
        }

        // The two orders, their lines and splits are all the context holds: the third order's rows were not read.
        Assert.Equal(loaded.Count + loaded.Sum(o => o.Lines.Count + o.Lines.Sum(l => l.Splits.Count)), tracked);

        var single = await factory.WithDbAsync(db => OrderWithLines.SingleOrDefaultAsync(db, db.PurchaseOrders.Where(p => p.Id == ids[2]), Ct));
        Assert.Equal(ids[2], single!.Id);
        Assert.NotEmpty(Assert.Single(single.Lines).Splits);
        Assert.Null(await factory.WithDbAsync(db => OrderWithLines.SingleOrDefaultAsync(db, db.PurchaseOrders.Where(p => p.Id == Guid.Empty), Ct)));
    }
}
