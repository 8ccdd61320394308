using System.Net;
using System.Text.Json.Nodes;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Requisitions;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Purchasing;

/// <summary>Change orders: revisions with their diff, the tolerance and re-approval, quantities below what arrived, lines removed and added.</summary>
public sealed class ChangeOrderTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string LineChange(JsonNode order, string field, string value) =>
        $$"""{"reason":"Vendor update","lines":[{"lineId":"{{order["lines"]![0]!["id"]}}","{{field}}":"{{value}}"}]}""";

    private async Task<HttpResponseMessage> ChangeAsync(JsonNode order, string body)
    {
        using var buyer = await factory.ClientForAsync("buyer");
        return await buyer.PostAsync($"/api/v1/purchase-orders/{order["id"]}/changes", Json.Body(body), Ct);
    }

    [Fact]
    public async Task A_change_within_the_tolerance_is_a_new_revision_with_its_diff_and_commitment()
    {
        var order = await IssuedOrderAsync(factory, "20.00", quantity: "10", title: "Small change probe");
        using var response = await ChangeAsync(order, LineChange(order, "quantity", "10.5")); // +5 %: within the starter policy's 5 %
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changed = await Json.ReadAsync(response);
        Assert.Equal(1, (int)changed["revision"]!);
        Assert.Equal("210.00", (string)changed["subtotal"]!["amount"]!);
        var revision = changed["revisions"]![0]!;
        Assert.Equal("applied", (string)revision["status"]!);
        Assert.Equal("Line 1: quantity 10 → 10.5", (string)revision["changes"]![0]!);
        Assert.Equal("Vendor update", (string)revision["reason"]!);
        Assert.Equal("Blake Buyer", (string)revision["by"]!["name"]!);
        Assert.Equal(21_000, (await LedgerAsync(factory, (string)order["id"]!))["Committed"]);
        var mails = await factory.WithDbAsync(db => Task.FromResult(db.OutboxEmails.Count(m => m.Subject.StartsWith($"Revised (revision 1) purchase order {order["number"]}"))));
        Assert.Equal(1, mails);

        using var noReason = await ChangeAsync(order, $$"""{"lines":[{"lineId":"{{order["lines"]![0]!["id"]}}","quantity":"9"}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using var zero = await ChangeAsync(order, LineChange(order, "quantity", "0"));
        Assert.Contains("lines[0].quantity", await zero.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Quantities_below_what_arrived_are_refused_and_received_lines_are_not_removed()
    {
        var order = await IssuedOrderAsync(factory, "20.00", quantity: "10", title: "Below received probe");
        using var receiver = await factory.ClientForAsync("receiver");
        await PostOkAsync(receiver, "/api/v1/receipts", $$"""{"purchaseOrderId":"{{order["id"]}}","lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","accepted":"6"}]}""");
        using var below = await ChangeAsync(order, LineChange(order, "quantity", "5"));
        Assert.Equal(HttpStatusCode.BadRequest, below.StatusCode);
        var problem = await below.Content.ReadAsStringAsync(Ct);
        Assert.Contains("lines[0].quantity", problem);
        Assert.Contains("already received 6", problem);
        using var remove = await ChangeAsync(order, $$"""{"reason":"x","lines":[{"lineId":"{{order["lines"]![0]!["id"]}}","remove":true}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, remove.StatusCode);
        using var toSix = await ChangeAsync(order, LineChange(order, "quantity", "6")); // down to what arrived: the order is now received in full
        Assert.Equal(HttpStatusCode.OK, toSix.StatusCode);
        Assert.Equal("120.00", (string)(await Json.ReadAsync(toSix))["subtotal"]!["amount"]!);
    }

    [Fact]
    public async Task Growth_beyond_the_tolerance_waits_for_its_change_request_to_be_approved()
    {
        var order = await IssuedOrderAsync(factory, "20.00", quantity: "10", title: "Big change probe");
        using var response = await ChangeAsync(order, LineChange(order, "unitPrice", "30.00"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pending = await Json.ReadAsync(response);
        Assert.Equal(0, (int)pending["revision"]!);
        Assert.Equal("200.00", (string)pending["subtotal"]!["amount"]!); // not applied yet
        var revision = pending["revisions"]![0]!;
        Assert.Equal("pendingApproval", (string)revision["status"]!);
        Assert.Equal("Line 1: unit price 20.00 → 30.00", (string)revision["changes"]![0]!);
        var requestId = (string)revision["approvalRequisitionId"]!;

        using var another = await ChangeAsync(order, LineChange(order, "quantity", "9"));
        Assert.Equal(HttpStatusCode.Conflict, another.StatusCode);

        using var buyer = await factory.ClientForAsync("buyer");
        var request = await Json.ReadAsync(await buyer.GetAsync($"/api/v1/requisitions/{requestId}", Ct));
        Assert.Equal("inApproval", (string)request["status"]!);
        Assert.Equal("100.00", (string)request["total"]!["amount"]!);
        Assert.Equal(10_000, (await LedgerAsync(factory, requestId))["PreCommitted"]);
        for (var round = 0; round < 4 && (string)request["status"]! == "inApproval"; round++)
        {
            foreach (var who in new[] { "approver", "controller", "admin" })
            {
                using var client = await factory.ClientForAsync(who);
                using var decided = await RequisitionSteps.DecideAsync(client, request, "approve");
                if (decided.StatusCode == HttpStatusCode.OK)
                {
                    request = await Json.ReadAsync(decided);
                    break;
                }
            }
        }

        Assert.Equal("ordered", (string)request["status"]!); // its line moved onto the order
        var applied = await Json.ReadAsync(await buyer.GetAsync($"/api/v1/purchase-orders/{order["id"]}", Ct));
        Assert.Equal(1, (int)applied["revision"]!);
        Assert.Equal("300.00", (string)applied["subtotal"]!["amount"]!);
        Assert.Equal("applied", (string)applied["revisions"]![0]!["status"]!);
        Assert.Equal(30_000, (await LedgerAsync(factory, (string)order["id"]!))["Committed"]);
        Assert.Empty(await LedgerAsync(factory, requestId));
    }

    [Fact]
    public async Task A_rejected_change_request_leaves_the_order_as_it_was()
    {
        var order = await IssuedOrderAsync(factory, "20.00", quantity: "10", title: "Rejected change probe");
        var pending = await Json.ReadAsync(await ChangeAsync(order, LineChange(order, "quantity", "20")));
        var requestId = (string)pending["revisions"]![0]!["approvalRequisitionId"]!;
        using var buyer = await factory.ClientForAsync("buyer");
        var request = await Json.ReadAsync(await buyer.GetAsync($"/api/v1/requisitions/{requestId}", Ct));
        var rejected = false;
        foreach (var who in new[] { "approver", "controller", "admin" })
        {
            using var client = await factory.ClientForAsync(who);
            using var decided = await RequisitionSteps.DecideAsync(client, request, "reject", "Not this quarter");
            rejected |= decided.StatusCode == HttpStatusCode.OK;
            if (rejected)
            {
                break;
            }
        }

        Assert.True(rejected);
        var after = await Json.ReadAsync(await buyer.GetAsync($"/api/v1/purchase-orders/{order["id"]}", Ct));
        Assert.Equal("rejected", (string)after["revisions"]![0]!["status"]!);
        Assert.Equal("200.00", (string)after["subtotal"]!["amount"]!);
        Assert.Equal(0, (int)after["revision"]!);
        Assert.Empty(await LedgerAsync(factory, requestId));
        using var next = await ChangeAsync(order, LineChange(order, "quantity", "9")); // nothing pending any more
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Lines_are_removed_back_to_the_workbench_and_approved_lines_added()
    {
        var first = await ApprovedRequisitionAsync(factory, "50.00", "Remove probe A");
        var second = await ApprovedRequisitionAsync(factory, "60.00", "Remove probe B");
        var third = await ApprovedRequisitionAsync(factory, "70.00", "Remove probe C");
        using var buyer = await factory.ClientForAsync("buyer");
        using var created = await CreateOrderAsync(buyer, await ActiveVendorAsync(factory), [(string)first["lines"]![0]!["id"]!, (string)second["lines"]![0]!["id"]!]);
        var order = await Json.ReadAsync(created);
        await PostOkAsync(buyer, $"/api/v1/purchase-orders/{order["id"]}/issue");
        using var response = await ChangeAsync(order, $$"""
            {"reason":"Swap B for C","lines":[{"lineId":"{{order["lines"]![1]!["id"]}}","remove":true}],"add":[{"requisitionLineId":"{{third["lines"]![0]!["id"]}}"}]}
            """);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changed = await Json.ReadAsync(response);
        Assert.Equal(["Remove probe A", "Remove probe C"], changed["lines"]!.AsArray().Select(l => (string)l!["description"]!));
        Assert.Equal(3, (int)changed["lines"]![1]!["lineNo"]!);
        Assert.Equal("120.00", (string)changed["subtotal"]!["amount"]!);
        Assert.Contains("Line 2 (Remove probe B): removed", changed["revisions"]![0]!["changes"]!.AsArray().Select(c => (string)c!));
        using var requester = await factory.ClientForAsync("requester");
        Assert.Equal("approved", (string)(await Json.ReadAsync(await requester.GetAsync($"/api/v1/requisitions/{second["id"]}", Ct)))["status"]!);
        Assert.Equal("ordered", (string)(await Json.ReadAsync(await requester.GetAsync($"/api/v1/requisitions/{third["id"]}", Ct)))["status"]!);
        Assert.Equal(6_000, (await LedgerAsync(factory, (string)second["id"]!))["Committed"]);
        Assert.Equal(12_000, (await LedgerAsync(factory, (string)order["id"]!))["Committed"]);
    }
}
