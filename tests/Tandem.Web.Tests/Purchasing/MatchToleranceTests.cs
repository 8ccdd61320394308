using System.Net;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Purchasing;

/// <summary>Match tolerances as data: the company default and a vendor's override decide the price-variance worked example.</summary>
public sealed class MatchToleranceTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<System.Text.Json.Nodes.JsonNode> InvoiceAsync(Guid vendor, string number, string price) => InvoiceAsync(factory, vendor, number, price);

    /// <summary>An invoice of 100 bolts at <paramref name="price"/> against a received order of 100 × 2.00.</summary>
    internal static async Task<System.Text.Json.Nodes.JsonNode> InvoiceAsync(TandemFactory factory, Guid vendor, string number, string price)
    {
        var order = await IssuedOrderAsync(factory, "2.00", quantity: "100", title: "Bolts", vendorId: vendor);
        using var receiver = await factory.ClientForAsync("receiver");
        await PostOkAsync(receiver, "/api/v1/receipts", $$"""{"purchaseOrderId":"{{order["id"]}}","lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","accepted":"100"}]}""");
        using var ap = await factory.ClientForAsync("ap");
        return await PostOkAsync(ap, "/api/v1/invoices", $$"""
            {"purchaseOrderId":"{{order["id"]}}","number":"{{number}}","invoiceDate":"2026-12-20","lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","quantity":"100","unitPrice":"{{price}}"}]}
            """);
    }

    [Fact]
    public async Task Worked_example_price_variance_against_the_default_and_a_vendor_override()
    {
        using var controller = await factory.ClientForAsync("controller");
        await PutAsync(controller, """{"pricePercent":"1","amountPercent":"1"}""");
        var strict = await InvoiceAsync(await NewVendorAsync(factory, "TOL1"), "B-1", "2.03"); // +1.5 %
        Assert.Equal("exception", (string)strict["status"]!);
        Assert.Equal("priceOverTolerance", (string)strict["lines"]![0]!["exceptions"]![0]!);

        var lenient = await NewVendorAsync(factory, "TOL2");
        await PutAsync(controller, $$"""{"vendorId":"{{lenient}}","pricePercent":"1","pricePerUnit":"0.05","amountPercent":"1","amount":"5.00"}""");
        var within = await InvoiceAsync(lenient, "B-2", "2.04"); // +2 %: over 1 %, within 0.05 a unit
        Assert.Equal("readyToPay", (string)within["status"]!);
        Assert.Equal("withinTolerance", (string)within["lines"]![0]!["matchStatus"]!);
        Assert.Equal("4.00", (string)within["lines"]![0]!["variance"]!["amount"]!);

        var rules = await Json.ReadAsync(await controller.GetAsync("/api/v1/match-tolerances", Ct));
        Assert.Equal(2, rules.AsArray().Count);
        Assert.Equal("0.05", (string)rules[1]!["pricePerUnit"]!);
        using var bad = await controller.PutAsync("/api/v1/match-tolerances", Json.Body("""{"pricePercent":"150","priceCombination":"sometimes"}"""), Ct);
        var problem = await bad.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("pricePercent", problem);
        Assert.Contains("priceCombination", problem);
        using var ap = await factory.ClientForAsync("ap");
        using var notSetter = await ap.PutAsync("/api/v1/match-tolerances", Json.Body("{}"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, notSetter.StatusCode);
    }

    internal static async Task PutAsync(HttpClient client, string body)
    {
        using var response = await client.PutAsync("/api/v1/match-tolerances", Json.Body(body), Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }
}
