using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

using static Tandem.Browser.Tests.BrowserSteps;

namespace Tandem.Browser.Tests;

/// <summary>
/// In Chromium: the AP clerk builds a payment run on the payments page and submits it; the controller approves it and
/// downloads the ISO 20022 pain.001 file.
/// </summary>
public sealed class PaymentRunBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_clerk_builds_a_run_the_controller_approves_it_and_the_bank_file_downloads()
    {
        var order = await IssuedOrderAsync(browser.App, "Monitors", "Monitor", "2", "150.00");
        using var receiver = await browser.App.ClientForAsync("receiver");
        using var ap = await browser.App.ClientForAsync("ap");
        var line = order["lines"]![0]!["id"]!.ToString();
        await PostAsync(receiver, "/api/v1/receipts", new { purchaseOrderId = order["id"]!.ToString(), lines = new[] { new { purchaseOrderLineId = line, accepted = "2" } } });
        var invoice = await PostAsync(ap, "/api/v1/invoices", new
        {
            purchaseOrderId = order["id"]!.ToString(),
            number = "MON-1",
            invoiceDate = "2026-11-20",
            tax = "0.00",
            lines = new[] { new { purchaseOrderLineId = line, quantity = "2", unitPrice = "150.00" } },
        });
        Assert.Equal("readyToPay", invoice["status"]!.ToString());

        var clerk = await browser.SignInAsync("ap@demo.tandem.dev");
        await clerk.GotoAsync("/Payments");
        await Assertions.Expect(clerk.GetByTestId("due-weeks")).ToBeVisibleAsync();
        var form = clerk.GetByTestId("propose-form");
        await form.GetByLabel("Pay what is due by").FillAsync("2027-12-31");
        await form.GetByLabel("Pay from").SelectOptionAsync(new SelectOptionValue { Label = "Operating (USD) (USD, •••• 4321 (routing 026009593))" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Propose run" }).ClickAsync();
        await Assertions.Expect(clerk.GetByTestId("run-status")).ToHaveTextAsync("draft");
        await Assertions.Expect(clerk.GetByTestId("payment").Filter(new() { HasText = "MON-1" })).ToContainTextAsync("300.00");
        await clerk.GetByTestId("submit-run").ClickAsync();
        await Assertions.Expect(clerk.GetByTestId("run-status")).ToHaveTextAsync("awaitingApproval");
        await Assertions.Expect(clerk.GetByTestId("approve-run")).ToHaveCountAsync(0); // AP prepares, never approves
        var runUrl = clerk.Url;
        await clerk.Context.CloseAsync();

        var controller = await browser.SignInAsync("controller@demo.tandem.dev");
        await controller.GotoAsync(runUrl);
        await controller.GetByTestId("approve-run").ClickAsync();
        await Assertions.Expect(controller.GetByTestId("run-status")).ToHaveTextAsync("approved");
        var download = await controller.RunAndWaitForDownloadAsync(() => controller.GetByTestId("file-pain.001.001.09").ClickAsync());
        Assert.EndsWith(".pain.001.001.09.xml", download.SuggestedFilename, StringComparison.Ordinal);
        var xml = await File.ReadAllTextAsync(await download.PathAsync(), Ct);
        Assert.Contains("<CstmrCdtTrfInitn>", xml, StringComparison.Ordinal);
        Assert.Contains("MON-1", xml, StringComparison.Ordinal);
        await controller.Context.CloseAsync();
    }
}
