using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

using static Tandem.Browser.Tests.BrowserSteps;

namespace Tandem.Browser.Tests;

/// <summary>
/// In Chromium: an invoice bills 10 where 8 arrived; the AP clerk finds it in the invoices inbox with its reason and
/// the three documents side by side, and the controller accepts the variance with a reason — ready to pay.
/// </summary>
public sealed class InvoiceExceptionTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_controller_accepts_a_quantity_variance_from_the_invoice_page()
    {
        // An issued order of 10 boxes, 8 received, and an invoice for 10 (through the API: orders have their own test).
        var order = await IssuedOrderAsync(browser.App, "Archive boxes", "Archive box", "10", "5.00");
        using var receiver = await browser.App.ClientForAsync("receiver");
        using var ap = await browser.App.ClientForAsync("ap");
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
