using Microsoft.Playwright;

namespace Tandem.Browser.Tests;

/// <summary>
/// In Chromium: the AP clerk keys a cleaning bill that has no purchase order, for Engineering; it waits for the
/// department's manager, who finds it in the approvals inbox and approves it on the invoice page — ready to pay.
/// </summary>
public sealed class NonPoInvoiceBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_clerk_keys_an_invoice_without_an_order_and_the_department_manager_approves_it()
    {
        var clerk = await browser.SignInAsync("ap@demo.tandem.dev");
        await clerk.GotoAsync("/Invoices/New");
        var form = clerk.GetByTestId("non-po-form");
        await form.GetByLabel("Department").SelectOptionAsync(new SelectOptionValue { Label = "ENG — Engineering" });
        await form.GetByLabel("Invoice number").FillAsync("CLEAN-2026-11");
        await form.GetByLabel("Invoice date").FillAsync("2026-11-30");
        await form.GetByLabel("Description, line 1").FillAsync("Office cleaning, November");
        await form.GetByLabel("Quantity, line 1").FillAsync("1");
        await form.GetByLabel("Unit price, line 1").FillAsync("640.00");
        await clerk.GetByTestId("enter-non-po").ClickAsync();
        await Assertions.Expect(clerk.GetByTestId("invoice-status")).ToHaveTextAsync("exception");
        await Assertions.Expect(clerk.GetByTestId("non-po")).ToContainTextAsync("No purchase order");
        await Assertions.Expect(clerk.GetByTestId("header-exceptions")).ToContainTextAsync("Alex Approver");
        await Assertions.Expect(clerk.GetByTestId("approve-invoice")).ToHaveCountAsync(0); // who keyed it never approves it
        await clerk.Context.CloseAsync();

        var manager = await browser.SignInAsync("approver@demo.tandem.dev");
        await manager.GotoAsync("/Approvals");
        var row = manager.GetByTestId("inbox-invoice").Filter(new() { HasText = "CLEAN-2026-11" });
        await Assertions.Expect(row).ToContainTextAsync("Engineering");
        await row.GetByRole(AriaRole.Link, new() { Name = "CLEAN-2026-11" }).ClickAsync();
        await Assertions.Expect(manager.GetByTestId("approval-route")).ToContainTextAsync("Non-PO invoice");
        await manager.GetByLabel("Comment (optional)").FillAsync("Monthly contract");
        await manager.GetByTestId("approve-invoice").ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToHaveTextAsync("Approved; the invoice is readyToPay.");
        await Assertions.Expect(manager.GetByTestId("invoice-status")).ToHaveTextAsync("readyToPay");
        await manager.Context.CloseAsync();
    }
}
