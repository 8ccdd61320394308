using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Tandem.Browser.Tests;

/// <summary>
/// In Chromium: an invoice bills 10 where 8 arrived; the AP clerk finds it in the invoices inbox with its reason and
/// the three documents side by side, and the controller accepts the variance with a reason — ready to pay.
/// </summary>
public sealed class InvoiceExceptionTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonNode> PostAsync(HttpClient client, string url, object body)
    {
        using var response = await client.PostAsJsonAsync(url, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {text}");
        return JsonNode.Parse(text)!;
    }

    [Fact]
    public async Task The_controller_accepts_a_quantity_variance_from_the_invoice_page()
    {
        // An issued order of 10 boxes, 8 received, and an invoice for 10 (through the API: orders have their own test).
        var gl = await browser.App.WithDbAsync(async db => (await db.GlAccounts.FirstAsync(g => g.Code == "6100", Ct)).Id);
        var vendor = await browser.App.WithDbAsync(db => db.Vendors.Where(v => v.Code == "CONTOSO").Select(v => v.Id).SingleAsync(Ct));
        using var requester = await browser.App.ClientForAsync("requester");
        using var buyer = await browser.App.ClientForAsync("buyer");
        using var receiver = await browser.App.ClientForAsync("receiver");
        using var ap = await browser.App.ClientForAsync("ap");
        var requisition = await PostAsync(requester, "/api/v1/requisitions", new { title = "Archive boxes", lines = new[] { new { description = "Archive box", quantity = "10", unitPrice = "5.00", glAccountId = gl } } });
        await PostAsync(requester, $"/api/v1/requisitions/{requisition["id"]}/submit", new { });
        await PostAsync(buyer, $"/api/v1/approvals/{requisition["id"]}/decision", new { decision = "approve" });
        var order = await PostAsync(buyer, "/api/v1/purchase-orders", new { vendorId = vendor, lines = new[] { new { requisitionLineId = requisition["lines"]![0]!["id"]!.ToString() } } });
        await PostAsync(buyer, $"/api/v1/purchase-orders/{order["id"]}/issue", new { });
        var line = order["lines"]![0]!["id"]!.ToString();
        await PostAsync(receiver, "/api/v1/receipts", new { purchaseOrderId = order["id"]!.ToString(), lines = new[] { new { purchaseOrderLineId = line, accepted = "8" } } });
        await PostAsync(ap, "/api/v1/invoices", new { purchaseOrderId = order["id"]!.ToString(), number = "AB-77", invoiceDate = "2026-12-01", lines = new[] { new { purchaseOrderLineId = line, quantity = "10", unitPrice = "5.00" } } });

        var clerk = await browser.SignInAsync("ap@demo.tandem.dev");
        await clerk.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Invoices" }).ClickAsync();
        var row = clerk.GetByTestId("invoices").GetByRole(AriaRole.Row).Filter(new() { HasText = "AB-77" });
        await Assertions.Expect(row).ToContainTextAsync("quantityOverReceived");
        await row.GetByRole(AriaRole.Link, new() { Name = "AB-77" }).ClickAsync();
        await Assertions.Expect(clerk.GetByTestId("match")).ToContainTextAsync("(2 more)");
        await Assertions.Expect(clerk.GetByTestId("accept-variance")).ToHaveCountAsync(0); // a clerk may reject, not accept
        var url = clerk.Url;
        await clerk.Context.CloseAsync();

        var controller = await browser.SignInAsync("controller@demo.tandem.dev");
        await controller.GotoAsync(url);
        await Assertions.Expect(controller.GetByTestId("invoice-status")).ToHaveTextAsync("exception");
        await controller.GetByLabel("Why the variance is accepted").FillAsync("Two boxes delivered to the branch office");
        await controller.GetByTestId("accept-variance").ClickAsync();
        await Assertions.Expect(controller.GetByRole(AriaRole.Status)).ToHaveTextAsync("Variance accepted; the invoice is ready to pay.");
        await Assertions.Expect(controller.GetByTestId("invoice-status")).ToHaveTextAsync("readyToPay");
        await Assertions.Expect(controller.GetByTestId("match")).ToContainTextAsync("accepted");
        await controller.Context.CloseAsync();
    }
}
