using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Purchasing;

/// <summary>From approved request to order: the workbench's grouping, carry-over, budget hand-over, issue, cancel and close.</summary>
public sealed class PurchaseOrderTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_workbench_proposes_an_order_per_vendor_currency_and_ship_to_and_free_text_lines_need_a_vendor()
    {
        var requisition = await ApprovedRequisitionAsync(factory, "320.00", "Workbench probe");
        using var buyer = await factory.ClientForAsync("buyer");
        using var response = await buyer.GetAsync("/api/v1/purchase-orders/workbench", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var proposals = (await Json.ReadAsync(response)).AsArray();
        var line = (string)requisition["lines"]![0]!["id"]!;
        var proposal = proposals.Single(p => p!["lines"]!.AsArray().Any(l => (string)l!["requisitionLineId"]! == line))!;
        Assert.Null(proposal["vendorId"]); // free text without a suggested vendor
        Assert.Equal("USD", (string)proposal["currency"]!);
        Assert.True(proposals.Select(p => ((string?)p!["vendorId"], (string)p["currency"]!, (string?)p["shipToLocationId"])).Distinct().Count() == proposals.Count);

        using var noVendor = await buyer.PostAsync("/api/v1/purchase-orders", Json.Body($$"""{"lines":[{"requisitionLineId":"{{line}}"}]}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noVendor.StatusCode);
        Assert.Contains("vendorId", await noVendor.Content.ReadAsStringAsync(Ct));

        // Every response says what it cost the database.
        var timing = Assert.Single(response.Headers.GetValues("Server-Timing"), v => v.StartsWith("sql;", StringComparison.Ordinal));
        Assert.Matches(@"^sql;desc=""\d+ statements: \d+ reads, 0 writes""$", timing);

        using var requester = await factory.ClientForAsync("requester");
        using var forbidden = await requester.GetAsync("/api/v1/purchase-orders/workbench", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task An_order_carries_over_lines_and_allocations_and_takes_over_the_commitment()
    {
        var requisition = await ApprovedRequisitionAsync(factory, "250.00", "Carry-over probe", quantity: "2");
        var before = await LedgerAsync(factory, (string)requisition["id"]!);
        Assert.Equal(50_000, before["Committed"]);
        var order = await OrderAsync(factory, requisition, await ActiveVendorAsync(factory));

        Assert.Equal("draft", (string)order["status"]!);
        Assert.Matches(@"^PO-\d{4}-\d+$", (string)order["number"]!);
        var line = order["lines"]![0]!;
        var source = requisition["lines"]![0]!;
        Assert.Equal((string)source["id"]!, (string)line["requisitionLineId"]!);
        Assert.Equal((string)requisition["number"]!, (string)line["requisitionNumber"]!);
        Assert.Equal("2", (string)line["quantity"]!);
        Assert.Equal("500.00", (string)line["amount"]!["amount"]!);
        Assert.Equal("50.00", (string)line["tax"]!["amount"]!);
        Assert.Equal("550.00", (string)order["total"]!["amount"]!);
        Assert.Equal((string)source["glAccountId"]!, (string)line["glAccountId"]!);
        Assert.Equal(
            source["splits"]!.AsArray().Select(s => ((string)s!["departmentId"]!, (string)s["amount"]!["amount"]!)),
            line["splits"]!.AsArray().Select(s => ((string)s!["departmentId"]!, (string)s["amount"]!["amount"]!)));
        Assert.Equal("net 30", ((string)order["paymentTerms"]!).ToLowerInvariant()[^6..]);

        // The commitment moved: the request holds nothing, the order holds the same amount; nothing counted twice.
        Assert.Empty(await LedgerAsync(factory, (string)requisition["id"]!));
        Assert.Equal(50_000, (await LedgerAsync(factory, (string)order["id"]!))["Committed"]);
        using var requester = await factory.ClientForAsync("requester");
        var ordered = await Json.ReadAsync(await requester.GetAsync($"/api/v1/requisitions/{requisition["id"]}", Ct));
        Assert.Equal("ordered", (string)ordered["status"]!);

        // The same line cannot be ordered twice.
        using var buyer = await factory.ClientForAsync("buyer");
        using var again = await CreateOrderAsync(buyer, await ActiveVendorAsync(factory), [(string)source["id"]!]);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("not_orderable", await again.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Lines_of_several_requests_merge_into_one_order_and_a_blocked_vendor_gets_none()
    {
        var first = await ApprovedRequisitionAsync(factory, "100.00", "Merge probe A");
        var second = await ApprovedRequisitionAsync(factory, "120.00", "Merge probe B");
        var ids = new[] { first, second }.Select(r => (string)r["lines"]![0]!["id"]!).ToList();
        using var buyer = await factory.ClientForAsync("buyer");
        var blocked = await factory.WithDbAsync(async db =>
        {
            var vendor = await db.Vendors.OrderByDescending(v => v.Code).FirstAsync();
            vendor.Status = Domain.Vendors.VendorStatus.Blocked;
            await db.SaveChangesAsync();
            return vendor.Id;
        });
        using var refused = await CreateOrderAsync(buyer, blocked, ids);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("vendor_not_active", await refused.Content.ReadAsStringAsync(Ct));

        using var merged = await CreateOrderAsync(buyer, await ActiveVendorAsync(factory), ids);
        Assert.Equal(HttpStatusCode.Created, merged.StatusCode);
        var order = await Json.ReadAsync(merged);
        Assert.Equal(2, order["lines"]!.AsArray().Count);
        Assert.Equal("220.00", (string)order["subtotal"]!["amount"]!);
        Assert.Equal(2, order["lines"]!.AsArray().Select(l => (string)l!["requisitionId"]!).Distinct().Count());
    }

    [Fact]
    public async Task Cancelling_returns_the_lines_to_the_workbench_and_the_commitment_to_the_request()
    {
        var requisition = await ApprovedRequisitionAsync(factory, "180.00", "Cancel probe");
        var order = await OrderAsync(factory, requisition, await ActiveVendorAsync(factory));
        using var buyer = await factory.ClientForAsync("buyer");
        using var noReason = await buyer.PostAsync($"/api/v1/purchase-orders/{order["id"]}/cancel", Json.Body("{}"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync(Ct));

        var cancelled = await PostOkAsync(buyer, $"/api/v1/purchase-orders/{order["id"]}/cancel", """{"reason":"Vendor cannot deliver in time"}""");
        Assert.Equal("cancelled", (string)cancelled["status"]!);
        Assert.Empty(await LedgerAsync(factory, (string)order["id"]!));
        Assert.Equal(18_000, (await LedgerAsync(factory, (string)requisition["id"]!))["Committed"]);
        var workbench = await Json.ReadAsync(await buyer.GetAsync("/api/v1/purchase-orders/workbench", Ct));
        Assert.Contains(workbench.AsArray().SelectMany(p => p!["lines"]!.AsArray()), l => (string)l!["requisitionLineId"]! == (string)requisition["lines"]![0]!["id"]!);
        using var requester = await factory.ClientForAsync("requester");
        var back = await Json.ReadAsync(await requester.GetAsync($"/api/v1/requisitions/{requisition["id"]}", Ct));
        Assert.Equal("approved", (string)back["status"]!);
    }

    [Fact]
    public async Task Closing_an_issued_order_releases_its_commitment_and_closes_the_request()
    {
        var order = await IssuedOrderAsync(factory, "90.00", title: "Close probe");
        Assert.Equal("issued", (string)order["status"]!);
        Assert.Equal(9_000, (await LedgerAsync(factory, (string)order["id"]!))["Committed"]);
        using var buyer = await factory.ClientForAsync("buyer");
        using var cancelIssued = await buyer.PostAsync($"/api/v1/purchase-orders/{order["id"]}/issue", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, cancelIssued.StatusCode);

        var closed = await PostOkAsync(buyer, $"/api/v1/purchase-orders/{order["id"]}/close", """{"reason":"No longer needed"}""");
        Assert.Equal("closed", (string)closed["status"]!);
        Assert.Empty(await LedgerAsync(factory, (string)order["id"]!));
        using var requester = await factory.ClientForAsync("requester");
        var requisition = await Json.ReadAsync(await requester.GetAsync($"/api/v1/requisitions/{order["lines"]![0]!["requisitionId"]}", Ct));
        Assert.Equal("closed", (string)requisition["status"]!);
    }

    [Fact]
    public async Task Orders_are_audited_and_a_requester_sees_only_orders_of_their_requests()
    {
        var order = await IssuedOrderAsync(factory, "75.00", title: "Audit probe");
        var actions = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == (string)order["id"]!).Select(a => a.Action).ToListAsync());
        Assert.Contains("created", actions);
        Assert.Contains("updated", actions);

        using var requester = await factory.ClientForAsync("requester");
        using var mine = await requester.GetAsync($"/api/v1/purchase-orders/{order["id"]}", Ct);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        using var approver = await factory.ClientForAsync("approver");
        using var notTheirs = await approver.GetAsync($"/api/v1/purchase-orders/{order["id"]}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        using var issueAsRequester = await requester.PostAsync($"/api/v1/purchase-orders/{order["id"]}/close", Json.Body("""{"reason":"x"}"""), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, issueAsRequester.StatusCode);
    }

    [Fact]
    public async Task A_delivery_note_is_attached_to_the_order_thread_for_whoever_sees_the_order()
    {
        var order = await IssuedOrderAsync(factory, "30.00", title: "Delivery note probe");
        using var receiver = await factory.ClientForAsync("receiver");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Delivery note for the first parcel, @buyer"), "body" },
            { new ByteArrayContent("%PDF-1.4\n%test\n"u8.ToArray()) { Headers = { ContentType = new("application/pdf") } }, "files", "delivery-note.pdf" },
        };
        using var posted = await receiver.PostAsync($"/api/v1/purchase-orders/{order["id"]}/comments", form, Ct);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        using var buyer = await factory.ClientForAsync("buyer");
        var thread = (await Json.ReadAsync(await buyer.GetAsync($"/api/v1/purchase-orders/{order["id"]}/comments", Ct))).AsArray();
        var attachment = Assert.Single(thread[0]!["attachments"]!.AsArray())!;
        Assert.Equal("delivery-note.pdf", (string)attachment["fileName"]!);
        using var file = await buyer.GetAsync($"/api/v1/purchase-orders/{order["id"]}/attachments/{attachment["id"]}", Ct);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType!.MediaType);
        using var approver = await factory.ClientForAsync("approver");
        using var hidden = await approver.GetAsync($"/api/v1/purchase-orders/{order["id"]}/comments", Ct);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }
}
