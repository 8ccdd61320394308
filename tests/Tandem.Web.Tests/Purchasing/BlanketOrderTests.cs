using System.Net;
using System.Text.Json.Nodes;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Purchasing;

/// <summary>Vendor agreements: releases take agreed prices and draw the limit down; beyond it a release is refused or waits for a controller.</summary>
public sealed class BlanketOrderTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonNode> AgreementAsync(Guid vendor, string limit, string overLimit)
    {
        using var buyer = await factory.ClientForAsync("buyer");
        return await PostOkAsync(buyer, "/api/v1/blanket-orders", $$"""
            {"vendorId":"{{vendor}}","limit":{"amount":"{{limit}}","currency":"USD"},"validFrom":"2026-01-01","validTo":"2027-12-31","overLimit":"{{overLimit}}",
             "prices":[{"description":"Sample storage box","unit":"EA","unitPrice":"3.50"}]}
            """);
    }

    private async Task<HttpResponseMessage> ReleaseAsync(JsonNode agreement, string quantity)
    {
        var requisition = await ApprovedRequisitionAsync(factory, "4.00", "Sample storage box", quantity);
        using var buyer = await factory.ClientForAsync("buyer");
        return await buyer.PostAsync("/api/v1/purchase-orders", Json.Body($$"""
            {"blanketOrderId":"{{agreement["id"]}}","lines":[{"requisitionLineId":"{{requisition["lines"]![0]!["id"]}}"}]}
            """), Ct);
    }

    [Fact]
    public async Task Releases_take_the_agreed_price_and_draw_the_limit_down_and_one_beyond_it_is_refused()
    {
        var agreement = await AgreementAsync(await NewVendorAsync(factory, "BPA1"), "100.00", "refuse");
        Assert.Matches(@"^BPA-2026-\d+$", (string)agreement["number"]!);
        using var first = await ReleaseAsync(agreement, "20");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var release = await Json.ReadAsync(first);
        Assert.Equal("3.50", (string)release["lines"]![0]!["unitPrice"]!);
        Assert.Equal("70.00", (string)release["subtotal"]!["amount"]!);
        Assert.Equal((string)agreement["vendorId"]!, (string)release["vendorId"]!);

        using var buyer = await factory.ClientForAsync("buyer");
        var drawn = await Json.ReadAsync(await buyer.GetAsync($"/api/v1/blanket-orders/{agreement["id"]}", Ct));
        Assert.Equal("70.00", (string)drawn["released"]!["amount"]!);
        Assert.Equal("30.00", (string)drawn["remaining"]!["amount"]!);

        using var browser = await factory.SignedInClientAsync("buyer@demo.tandem.dev");
        var page = await browser.GetStringAsync($"/BlanketOrders/Detail?id={agreement["id"]}", Ct);
        Assert.Contains((string)release["number"]!, page);
        Assert.Contains("30.00", page);
        Assert.Contains((string)agreement["number"]!, await browser.GetStringAsync("/BlanketOrders", Ct));

        using var over = await ReleaseAsync(agreement, "10"); // 35.00 of the 30.00 left
        Assert.Equal(HttpStatusCode.Conflict, over.StatusCode);
        var problem = await over.Content.ReadAsStringAsync(Ct);
        Assert.Contains("blanket.over_limit", problem);
        Assert.Contains("5.00 USD over", problem);

        await PostOkAsync(buyer, $"/api/v1/purchase-orders/{release["id"]}/cancel", """{"reason":"Wrong site"}""");
        var restored = await Json.ReadAsync(await buyer.GetAsync($"/api/v1/blanket-orders/{agreement["id"]}", Ct));
        Assert.Equal("100.00", (string)restored["remaining"]!["amount"]!);
        await PostOkAsync(buyer, $"/api/v1/blanket-orders/{agreement["id"]}/close");
        using var closed = await ReleaseAsync(agreement, "1");
        Assert.Equal(HttpStatusCode.BadRequest, closed.StatusCode);
        Assert.Contains("blanket.not_open", await closed.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task An_overrun_of_a_routing_agreement_waits_for_a_controller_before_it_is_issued()
    {
        var agreement = await AgreementAsync(await NewVendorAsync(factory, "BPA2"), "10.00", "route");
        using var created = await ReleaseAsync(agreement, "10");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var release = await Json.ReadAsync(created);
        Assert.True((bool)release["overrunPending"]!);
        using var buyer = await factory.ClientForAsync("buyer");
        using var early = await buyer.PostAsync($"/api/v1/purchase-orders/{release["id"]}/issue", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        using var notController = await buyer.PostAsync($"/api/v1/purchase-orders/{release["id"]}/approve-overrun", null, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, notController.StatusCode);

        using var controller = await factory.ClientForAsync("controller");
        var approved = await PostOkAsync(controller, $"/api/v1/purchase-orders/{release["id"]}/approve-overrun");
        Assert.False((bool)approved["overrunPending"]!);
        var issued = await PostOkAsync(buyer, $"/api/v1/purchase-orders/{release["id"]}/issue");
        Assert.Equal("issued", (string)issued["status"]!);
        var drawn = await Json.ReadAsync(await buyer.GetAsync($"/api/v1/blanket-orders/{agreement["id"]}", Ct));
        Assert.Equal("-25.00", (string)drawn["remaining"]!["amount"]!);
    }
}
