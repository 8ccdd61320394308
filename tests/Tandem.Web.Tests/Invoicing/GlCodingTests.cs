using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Invoicing;

/// <summary>GL coding of invoice lines an order does not code: explicit rules, then what AP taught the classifier; overrides are audited and learned.</summary>
public sealed class GlCodingTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An issued, received order of one line whose account was left open, and an invoice for it.</summary>
    private async Task<JsonNode> UncodedInvoiceAsync(Guid vendorId, string title, string number, string price)
    {
        var order = await IssuedOrderAsync(factory, price, quantity: "1", title: title, vendorId: vendorId);
        var lineId = Guid.Parse((string)order["lines"]![0]!["id"]!);
        await factory.WithDbAsync(async db =>
        {
            var line = await db.PurchaseOrderLines.Include(l => l.Splits).SingleAsync(l => l.Id == lineId, Ct);
            line.GlAccountId = null;
            foreach (var split in line.Splits)
            {
                split.GlAccountId = null;
            }

            return await db.SaveChangesAsync(Ct);
        });
        using var receiver = await factory.ClientForAsync("receiver");
        await PostOkAsync(receiver, "/api/v1/receipts", $$"""{"purchaseOrderId":"{{order["id"]}}","lines":[{"purchaseOrderLineId":"{{lineId}}","accepted":"1"}]}""");
        using var ap = await factory.ClientForAsync("ap");
        using var response = await ap.PostAsync("/api/v1/invoices", Json.Body($$"""
            {"purchaseOrderId":"{{order["id"]}}","number":"{{number}}","invoiceDate":"2026-12-20","lines":[{"purchaseOrderLineId":"{{lineId}}","quantity":"1","unitPrice":"{{price}}"}]}
            """), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await Json.ReadAsync(response);
    }

    private Task<Guid> AccountAsync(string code) => factory.WithDbAsync(db => db.GlAccounts.Where(g => g.Code == code).Select(g => g.Id).SingleAsync(Ct));

    [Fact]
    public async Task A_rule_codes_first_then_the_classifier_learns_from_what_AP_chooses()
    {
        var vendorId = await NewVendorAsync(factory, "GLC1");
        var facilities = await AccountAsync("6500");
        using var ap = await factory.ClientForAsync("ap");
        using var rule = await ap.PostAsync("/api/v1/gl-coding-rules", Json.Body($$"""{"vendorId":"{{vendorId}}","keyword":"calibration","glAccountId":"{{facilities}}"}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, rule.StatusCode);

        var byRule = await UncodedInvoiceAsync(vendorId, "Annual calibration visit", "GLC-1", "300.00");
        Assert.Equal("rule", (string)byRule["lines"]![0]!["codingSource"]!);
        Assert.Equal(facilities.ToString(), (string)byRule["lines"]![0]!["glAccountId"]!);

        // No rule codes a "freight" line: what Tandem learned from this vendor so far (the calibration) is wrong; AP corrects it.
        var first = await UncodedInvoiceAsync(vendorId, "Freight to the Boston site", "GLC-2", "80.00");
        Assert.Contains((string)first["lines"]![0]!["codingSource"]!, new[] { "learned", "suggested" });
        Assert.Equal(facilities.ToString(), (string)first["lines"]![0]!["suggestedGlAccountId"]!);
        var freight = await AccountAsync("6200");
        var coded = await PostOkAsync(ap, $"/api/v1/invoices/{first["id"]}/lines/{first["lines"]![0]!["id"]}/coding", $$"""{"glAccountId":"{{freight}}"}""");
        Assert.Equal("manual", (string)coded["lines"]![0]!["codingSource"]!);

        var second = await UncodedInvoiceAsync(vendorId, "Freight to the Denver site", "GLC-3", "95.00");
        Assert.Equal(freight.ToString(), (string)second["lines"]![0]!["suggestedGlAccountId"]!); // one example: suggested, perhaps not yet sure enough
        await PostOkAsync(ap, $"/api/v1/invoices/{second["id"]}/lines/{second["lines"]![0]!["id"]}/coding", $$"""{"glAccountId":"{{freight}}"}""");

        var third = await UncodedInvoiceAsync(vendorId, "Freight to the Austin site", "GLC-4", "90.00");
        var line = third["lines"]![0]!;
        Assert.True((string)line["codingSource"]! == "learned", line.ToJsonString()); // two confirmations: sure enough to apply (80 % by default)
        Assert.Equal(freight.ToString(), (string)line["glAccountId"]!);
        Assert.True((int)line["codingConfidence"]! >= 80);

        var reviewed = await Json.ReadAsync(await ap.GetAsync("/api/v1/invoices/coding-review", Ct));
        Assert.True(reviewed is JsonArray, reviewed.ToJsonString());
        var review = reviewed.AsArray();
        Assert.Contains(review, r => (string)r!["number"]! == "GLC-4" && (string)r["source"]! == "learned");
        var page = await ap.GetStringAsync("/Invoices/Coding", Ct);
        Assert.Contains("GLC-4", page);
        Assert.Contains("Learned (", page);
        var audited = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == (string)first["lines"]![0]!["id"]! && a.Action == "updated", Ct));
        Assert.True(audited >= 1);
    }

    [Fact]
    public async Task Rules_are_validated_and_only_AP_edits_them()
    {
        using var ap = await factory.ClientForAsync("ap");
        using var missing = await ap.PostAsync("/api/v1/gl-coding-rules", Json.Body("""{"keyword":""}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var body = await missing.Content.ReadAsStringAsync(Ct);
        Assert.Contains("keyword", body);
        Assert.Contains("glAccountId", body);
        using var requester = await factory.ClientForAsync("requester");
        using var forbidden = await requester.GetAsync("/api/v1/gl-coding-rules", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
