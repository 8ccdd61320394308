using System.Net;
using System.Text.Json.Nodes;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Vendors;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Purchasing;

/// <summary>Receipts against order lines: partial, over-receipt tolerance, rejections, services, returns, the inbox and vendor performance.</summary>
public sealed class ReceivingTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Receipt(JsonNode order, string lines, string? receivedOn = null) =>
        $$"""{"purchaseOrderId":"{{order["id"]}}",{{(receivedOn is null ? "" : $"\"receivedOn\":\"{receivedOn}\",")}}"deliveryNote":"DN-1","lines":[{{lines}}]}""";

    private static string Line(JsonNode order, string accepted, string rejected = "0", string? reason = null) =>
        $$"""{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","accepted":"{{accepted}}","rejected":"{{rejected}}"{{(reason is null ? "" : $",\"rejectReason\":\"{reason}\"")}}}""";

    private async Task<JsonNode> OrderOfAsync(JsonNode order)
    {
        using var buyer = await factory.ClientForAsync("buyer");
        return await Json.ReadAsync(await buyer.GetAsync($"/api/v1/purchase-orders/{order["id"]}", Ct));
    }

    [Fact]
    public async Task Partial_then_full_receipts_move_the_order_and_its_request_and_over_receipt_beyond_the_tolerance_is_refused()
    {
        var order = await IssuedOrderAsync(factory, "20.00", quantity: "10", title: "Receipt probe");
        using var receiver = await factory.ClientForAsync("receiver");
        var first = await PostOkAsync(receiver, "/api/v1/receipts", Receipt(order, Line(order, "4")));
        Assert.Equal("partiallyReceived", (string)first["purchaseOrderStatus"]!);
        Assert.Matches(@"^GRN-\d{4}-\d+$", (string)first["number"]!);
        Assert.Equal("6", (string)(await OrderOfAsync(order))["lines"]![0]!["remaining"]!);

        // 10 % tolerance on 10 ordered: at most 11 in all, so 4 + 8 is refused, naming the line and the numbers.
        using var over = await receiver.PostAsync("/api/v1/receipts", Json.Body(Receipt(order, Line(order, "8"))), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        var problem = await over.Content.ReadAsStringAsync(Ct);
        Assert.Contains("lines[0].accepted", problem);
        Assert.Contains("can take 7 more", problem);

        var second = await PostOkAsync(receiver, "/api/v1/receipts", Receipt(order, Line(order, "7")));
        Assert.Equal("received", (string)second["purchaseOrderStatus"]!);
        using var requester = await factory.ClientForAsync("requester");
        var requisition = await Json.ReadAsync(await requester.GetAsync($"/api/v1/requisitions/{order["lines"]![0]!["requisitionId"]}", Ct));
        Assert.Equal("received", (string)requisition["status"]!);
        var receipts = await Json.ReadAsync(await requester.GetAsync($"/api/v1/purchase-orders/{order["id"]}/receipts", Ct));
        Assert.Equal(2, receipts.AsArray().Count);

        // The answer to the POST (built from what the request loaded) is the receipt as it is read back later.
        Assert.Equal("Robin Receiver", (string)second["receiver"]!["name"]!);
        Assert.True(JsonNode.DeepEquals(second, receipts.AsArray().Single(r => (string)r!["id"]! == (string)second["id"]!)), second.ToJsonString());
    }

    [Fact]
    public async Task Bad_receipts_are_refused_with_the_field_and_nothing_is_written()
    {
        var order = await IssuedOrderAsync(factory, "20.00", quantity: "5", title: "Bad receipt probe");
        using var receiver = await factory.ClientForAsync("receiver");
        foreach (var (body, field) in new[]
        {
            (Receipt(order, Line(order, "1", "2")), "lines[0].rejectReason"),
            (Receipt(order, Line(order, "-1")), "lines[0].accepted"),
            (Receipt(order, Line(order, "1.23456")), "lines[0].accepted"),
            (Receipt(order, Line(order, "1"), receivedOn: "2099-01-01"), "receivedOn"),
            (Receipt(order, ""), "lines"),
            (Receipt(order, Line(order, "0")), "lines"),
        })
        {
            using var response = await receiver.PostAsync("/api/v1/receipts", Json.Body(body), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(Ct));
        }

        var unchanged = await OrderOfAsync(order);
        Assert.Equal("issued", (string)unchanged["status"]!);
        Assert.Empty(unchanged["receipts"]!.AsArray());

        using var ap = await factory.ClientForAsync("ap");
        using var notAReceiver = await ap.PostAsync("/api/v1/receipts", Json.Body(Receipt(order, Line(order, "1"))), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, notAReceiver.StatusCode);
        using var approver = await factory.ClientForAsync("approver"); // a requester, but not of this order
        using var notTheirs = await approver.PostAsync("/api/v1/receipts", Json.Body(Receipt(order, Line(order, "1"))), Ct);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
    }

    [Fact]
    public async Task A_service_line_is_confirmed_by_percentage_complete_or_amount()
    {
        var requisition = await ApprovedRequisitionAsync(factory, "1000.00", "Calibration service");
        using var buyer = await factory.ClientForAsync("buyer");
        using var created = await buyer.PostAsync("/api/v1/purchase-orders", Json.Body($$"""
            {"vendorId":"{{await ActiveVendorAsync(factory)}}","lines":[{"requisitionLineId":"{{requisition["lines"]![0]!["id"]}}","receiveBy":"amount"}]}
            """), Ct);
        var order = await Json.ReadAsync(created);
        await PostOkAsync(buyer, $"/api/v1/purchase-orders/{order["id"]}/issue");
        using var receiver = await factory.ClientForAsync("receiver");
        var half = await PostOkAsync(receiver, "/api/v1/receipts",
            $$"""{"purchaseOrderId":"{{order["id"]}}","lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","percentComplete":"50"}]}""");
        Assert.Equal("500.00", (string)half["lines"]![0]!["accepted"]!);
        using var tooMuch = await receiver.PostAsync("/api/v1/receipts", Json.Body(
            $$"""{"purchaseOrderId":"{{order["id"]}}","lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","accepted":"700.00"}]}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        var rest = await PostOkAsync(receiver, "/api/v1/receipts",
            $$"""{"purchaseOrderId":"{{order["id"]}}","lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","percentComplete":"100"}]}""");
        Assert.Equal("500.00", (string)rest["lines"]![0]!["accepted"]!);
        Assert.Equal("received", (string)rest["purchaseOrderStatus"]!);
    }

    [Fact]
    public async Task The_inbox_lists_what_is_due_to_receivers_and_to_the_requester_of_it()
    {
        var order = await IssuedOrderAsync(factory, "15.00", quantity: "2", title: "Inbox probe");
        var lineId = (string)order["lines"]![0]!["id"]!;
        foreach (var who in new[] { "receiver", "requester" })
        {
            using var client = await factory.ClientForAsync(who);
            var due = await Json.ReadAsync(await client.GetAsync("/api/v1/receipts/due?dueBy=2026-12-31", Ct));
            var line = due.AsArray().Single(l => (string)l!["purchaseOrderLineId"]! == lineId)!;
            Assert.Equal("2", (string)line["remaining"]!);
            Assert.Equal((string)order["number"]!, (string)line["purchaseOrderNumber"]!);
        }

        using var receiver = await factory.ClientForAsync("receiver");
        var thisWeek = await Json.ReadAsync(await receiver.GetAsync("/api/v1/receipts/due", Ct)); // need-by 2026-12-15 is not within a week of 2026-11-22
        Assert.DoesNotContain(thisWeek.AsArray(), l => (string)l!["purchaseOrderLineId"]! == lineId);
        using var approver = await factory.ClientForAsync("approver"); // a requester of other requests: sees none of this order
        var theirs = await Json.ReadAsync(await approver.GetAsync("/api/v1/receipts/due?dueBy=2026-12-31", Ct));
        Assert.DoesNotContain(theirs.AsArray(), l => (string)l!["purchaseOrderLineId"]! == lineId);
        using var ap = await factory.ClientForAsync("ap");
        using var forbidden = await ap.GetAsync("/api/v1/receipts/due", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Returns_and_rejections_feed_the_vendor_scorecard_with_on_time_lead_time_and_reject_rate()
    {
        var start = factory.Clock.Now;
        try
        {
            var vendor = await NewVendorAsync(factory, "SCORE1");
            using var receiver = await factory.ClientForAsync("receiver");
            var early = await IssuedOrderAsync(factory, "10.00", quantity: "4", title: "Score A", vendorId: vendor); // issued 2026-11-22, need by 2026-12-15
            factory.Clock.Now = start.AddDays(5);
            await PostOkAsync(receiver, "/api/v1/receipts", Receipt(early, Line(early, "3", "1", "Dented")));
            var late = await IssuedOrderAsync(factory, "10.00", quantity: "2", title: "Score B", vendorId: vendor); // issued 2026-11-27
            factory.Clock.Now = start.AddDays(28); // 2026-12-20: after the need-by date
            var receipt = await PostOkAsync(receiver, "/api/v1/receipts", Receipt(late, Line(late, "2")));
            Assert.Equal("received", (string)receipt["purchaseOrderStatus"]!);

            using var tooMany = await receiver.PostAsync("/api/v1/returns", Json.Body($$"""{"receiptLineId":"{{receipt["lines"]![0]!["id"]}}","quantity":"3","reason":"Wrong size"}"""), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
            var returned = await PostOkAsync(receiver, "/api/v1/returns", $$"""{"receiptLineId":"{{receipt["lines"]![0]!["id"]}}","quantity":"1","reason":"Wrong size"}""");
            Assert.Equal("partiallyReceived", (string)returned["purchaseOrderStatus"]!);
            Assert.Matches(@"^RTV-\d{4}-\d+$", (string)returned["number"]!);

            var card = await Json.ReadAsync(await receiver.GetAsync($"/api/v1/vendors/{vendor}/scorecard", Ct));
            decimal? Metric(string key) => (decimal?)card["metrics"]!.AsArray().Single(m => (string)m!["key"]! == key)!["value"];
            Assert.Equal(50m, Metric("onTimeDelivery"));   // one of two receipt lines by its need-by date
            Assert.Equal(14m, Metric("averageLeadTime"));  // (5 + 23) / 2 days
            Assert.Equal(23m, Metric("p90LeadTime"));
            Assert.Equal(33.3m, Metric("rejectRate"));      // (1 rejected + 1 returned) / (3 + 1 + 2 delivered)
        }
        finally
        {
            factory.Clock.Now = start;
        }
    }
}
