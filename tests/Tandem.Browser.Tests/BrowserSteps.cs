using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Browser.Tests;

/// <summary>What the browser tests set up through the API before a person takes over in Chromium.</summary>
internal static class BrowserSteps
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<JsonNode> PostAsync(HttpClient client, string url, object body)
    {
        using var response = await client.PostAsJsonAsync(url, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>An order to Contoso of one line, requested, approved by the buyer and issued (software GL).</summary>
    public static async Task<JsonNode> IssuedOrderAsync(TandemFactory app, string title, string description, string quantity, string unitPrice)
    {
        var gl = await app.WithDbAsync(async db => (await db.GlAccounts.FirstAsync(g => g.Code == "6100", Ct)).Id);
        var vendor = await app.WithDbAsync(db => db.Vendors.Where(v => v.Code == "CONTOSO").Select(v => v.Id).SingleAsync(Ct));
        using var requester = await app.ClientForAsync("requester");
        using var buyer = await app.ClientForAsync("buyer");
        var requisition = await PostAsync(requester, "/api/v1/requisitions", new { title, lines = new[] { new { description, quantity, unitPrice, glAccountId = gl } } });
        await PostAsync(requester, $"/api/v1/requisitions/{requisition["id"]}/submit", new { });
        await PostAsync(buyer, $"/api/v1/approvals/{requisition["id"]}/decision", new { decision = "approve" });
        var order = await PostAsync(buyer, "/api/v1/purchase-orders", new { vendorId = vendor, lines = new[] { new { requisitionLineId = requisition["lines"]![0]!["id"]!.ToString() } } });
        return await PostAsync(buyer, $"/api/v1/purchase-orders/{order["id"]}/issue", new { });
    }
}
