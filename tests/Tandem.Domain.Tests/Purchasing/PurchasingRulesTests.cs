using Tandem.Domain.Purchasing;
using Tandem.Domain.Requisitions;

namespace Tandem.Domain.Tests.Purchasing;

public class PurchasingRulesTests
{
    private static readonly Guid Acme = Guid.Parse("00000000-0000-0000-0000-00000000a001");
    private static readonly Guid Globex = Guid.Parse("00000000-0000-0000-0000-00000000a002");
    private static readonly Guid Hq = Guid.Parse("00000000-0000-0000-0000-00000000b001");

    [Fact]
    public void Proposals_group_by_vendor_currency_and_ship_to_with_vendorless_lines_last()
    {
        OpenLine Line(Guid? vendor, string currency = "USD", Guid? shipTo = null) => new(Guid.CreateVersion7(), vendor, currency, shipTo ?? Hq, vendor is not null);
        var lines = new[] { Line(Acme), Line(null), Line(Acme), Line(Acme, "EUR"), Line(Globex), Line(Acme, shipTo: Guid.CreateVersion7()), Line(null) };
        var proposals = OrderProposals.Group(lines);
        Assert.Equal(5, proposals.Count);
        Assert.True(proposals[^1].NeedsVendor);
        Assert.Equal(2, proposals[^1].Lines.Count);
        Assert.Equal(2, proposals.Single(p => p.VendorId == Acme && p.Currency == "USD" && p.ShipToLocationId == Hq).Lines.Count);
        Assert.Equal(lines.Length, proposals.Sum(p => p.Lines.Count));
    }

    [Theory]
    [InlineData(100_000, 0, 1000, 110_000)]   // 10 units, 10 % → 11
    [InlineData(100_000, 60_000, 1000, 50_000)]
    [InlineData(100_000, 110_000, 1000, 0)]
    [InlineData(100_000, 0, 0, 100_000)]
    [InlineData(30_000, 0, 500, 31_500)]       // 3 units, 5 % → 3.15
    [InlineData(10_000, 0, -100, 10_000)]      // a negative tolerance counts as none
    public void Over_receipt_tolerance_caps_what_may_still_be_accepted(long ordered, long accepted, int toleranceBasisPoints, long remaining) =>
        Assert.Equal(remaining, ReceivingRules.Remaining(ordered, accepted, toleranceBasisPoints));

    [Theory]
    [InlineData(100_000, 5000, 50_000)]
    [InlineData(100_001, 3333, 33_330)]  // rounds down: never more than the share
    [InlineData(100_000, 10_000, 100_000)]
    public void A_percentage_complete_is_that_share_of_a_service_line(long amount, int basisPoints, long expected) =>
        Assert.Equal(expected, ReceivingRules.AmountForPercent(amount, basisPoints));

    [Theory]
    [InlineData(false, false, false, PurchaseOrderStatus.Issued)]
    [InlineData(true, false, false, PurchaseOrderStatus.Acknowledged)]
    [InlineData(true, true, false, PurchaseOrderStatus.PartiallyReceived)]
    [InlineData(false, true, true, PurchaseOrderStatus.Received)]
    public void Receiving_moves_an_order_by_what_arrived_net_of_returns(bool acknowledged, bool any, bool all, PurchaseOrderStatus expected) =>
        Assert.Equal(expected, PurchaseOrderLifecycle.AfterReceiving(acknowledged, any, all));

    [Fact]
    public void What_each_order_status_permits()
    {
        Assert.True(PurchaseOrderLifecycle.CanCancel(PurchaseOrderStatus.Issued, anythingReceived: false));
        Assert.False(PurchaseOrderLifecycle.CanCancel(PurchaseOrderStatus.Issued, anythingReceived: true));
        Assert.False(PurchaseOrderLifecycle.CanClose(PurchaseOrderStatus.Draft));
        Assert.True(PurchaseOrderLifecycle.CanChange(PurchaseOrderStatus.PartiallyReceived));
        Assert.False(PurchaseOrderLifecycle.CanChange(PurchaseOrderStatus.Received));
        Assert.False(PurchaseOrderLifecycle.IsOpen(PurchaseOrderStatus.Closed));
        Assert.True(PurchaseOrderLifecycle.CanReceive(PurchaseOrderStatus.Received)); // late lines within the tolerance
        Assert.False(PurchaseOrderLifecycle.CanReceive(PurchaseOrderStatus.Draft));
    }

    [Fact]
    public void Delivery_performance_counts_on_time_lead_time_and_rejects()
    {
        var issued = new DateOnly(2026, 11, 2);
        DeliveryFact[] facts =
        [
            new(issued, new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 9), 10, 0, 0),   // on time, 7 days
            new(issued, new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 12), 8, 2, 1),   // late, 10 days, 2 rejected + 1 returned
            new(issued, null, new DateOnly(2026, 11, 4), 5, 0, 0),                          // no due date: not counted for on time
        ];
        var figures = DeliveryPerformance.Of(facts);
        Assert.Equal(3, figures.Receipts);
        Assert.Equal(50.0m, figures.OnTimePercent);
        Assert.Equal(6.3m, figures.AverageLeadDays); // (7 + 10 + 2) / 3
        Assert.Equal(10m, figures.P90LeadDays);
        Assert.Equal(12.0m, figures.RejectPercent);   // 3 of 25 delivered
        Assert.Equal(new DeliveryFigures(0, null, null, null, null), DeliveryPerformance.Of([]));
    }

    [Theory]
    [InlineData(100_000, 70_000, 30_000, false, ReleaseVerdict.Fits)]
    [InlineData(100_000, 70_000, 30_001, false, ReleaseVerdict.Refused)]
    [InlineData(100_000, 70_000, 35_000, true, ReleaseVerdict.NeedsApproval)]
    public void A_release_fits_what_remains_of_its_agreement_or_is_refused_or_routed(long limit, long drawn, long release, bool route, ReleaseVerdict expected) =>
        Assert.Equal(expected, BlanketDrawdown.Judge(limit, drawn, release, route));

    [Fact]
    public void An_agreement_takes_releases_only_while_open_and_valid()
    {
        var from = new DateOnly(2026, 1, 1);
        var to = new DateOnly(2026, 12, 31);
        Assert.True(BlanketDrawdown.IsOpenOn(false, from, to, to));
        Assert.False(BlanketDrawdown.IsOpenOn(false, from, to, to.AddDays(1)));
        Assert.False(BlanketDrawdown.IsOpenOn(true, from, to, from));
    }

    [Fact]
    public void A_request_follows_the_orders_of_its_lines()
    {
        Assert.Equal(RequisitionStatus.Approved, RequisitionLifecycle.FromOrders([(true, true, false), (false, false, false)]));
        Assert.Equal(RequisitionStatus.Ordered, RequisitionLifecycle.FromOrders([(true, true, false), (true, false, false)]));
        Assert.Equal(RequisitionStatus.Received, RequisitionLifecycle.FromOrders([(true, true, false), (true, true, true)]));
        Assert.Equal(RequisitionStatus.Closed, RequisitionLifecycle.FromOrders([(true, false, true), (true, true, true)]));
    }
}
