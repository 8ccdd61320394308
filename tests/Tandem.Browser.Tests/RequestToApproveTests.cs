using Microsoft.Playwright;

namespace Tandem.Browser.Tests;

/// <summary>
/// In Chromium: a requester builds a request from the catalog and a free-text line, splits it across two cost centers
/// while the totals update as they type, sees the route before submitting, and submits; the buyer approves it from
/// the inbox in bulk, the Engineering manager approves it on the request; the requester sees it approved.
/// </summary>
public sealed class RequestToApproveTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Requester_asks_buyer_and_manager_approve_with_every_step_explained()
    {
        var requester = await browser.SignInAsync("requester@demo.tandem.dev");
        await requester.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Requisitions" }).ClickAsync();
        await requester.GetByTestId("new-requisition").ClickAsync();
        await requester.GetByLabel("Title").FillAsync("Lab workstation");

        // A catalog line through the picker, then a free-text line.
        await requester.GetByTestId("picker-search").PressSequentiallyAsync("monitor 27", new() { Delay = 30 });
        await requester.GetByRole(AriaRole.Button, new() { Name = "Add Monitor 27\" 4K USB-C from Contoso" }).ClickAsync();
        var lines = requester.GetByTestId("line");
        await lines.Nth(0).GetByLabel("Quantity").FillAsync("2");
        await Assertions.Expect(requester.GetByTestId("live-total")).ToHaveTextAsync("658.00");
        await requester.GetByTestId("add-free-line").ClickAsync();
        await lines.Nth(1).GetByLabel("Description").FillAsync("Standing desk frame");
        await lines.Nth(1).GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Facilities & maintenance" });
        await lines.Nth(1).GetByLabel("Estimated unit price").FillAsync("450");
        await Assertions.Expect(requester.GetByTestId("live-total")).ToHaveTextAsync("1108.00");

        // The allocation editor says what is left while the parts are typed in.
        await requester.GetByTestId("add-split").ClickAsync();
        await requester.GetByTestId("add-split").ClickAsync();
        var splits = requester.GetByTestId("split");
        foreach (var (row, center, percent) in new[] { (0, "CC-200 Product Development", "60"), (1, "CC-210 Research Lab", "40") })
        {
            await splits.Nth(row).GetByLabel("Department").SelectOptionAsync(new SelectOptionValue { Label = "Engineering" });
            await splits.Nth(row).GetByLabel("Cost center").SelectOptionAsync(new SelectOptionValue { Label = center });
            await splits.Nth(row).GetByLabel("Percent").FillAsync(percent);
            if (row == 0)
            {
                await Assertions.Expect(requester.GetByTestId("allocation-status")).ToContainTextAsync("443.20 still to allocate");
            }
        }

        await Assertions.Expect(requester.GetByTestId("allocation-status")).ToContainTextAsync("Allocated in full");
        await requester.GetByTestId("save-requisition").ClickAsync();

        // The draft shows the route it would take, each step with its rule.
        await Assertions.Expect(requester.GetByTestId("requisition-status")).ToHaveTextAsync("Draft");
        await Assertions.Expect(requester.GetByTestId("requisition-total")).ToContainTextAsync("1108.00 USD");
        var preview = requester.GetByTestId("preview-step");
        await Assertions.Expect(preview).ToHaveCountAsync(2);
        await Assertions.Expect(preview.Nth(0)).ToContainTextAsync("Non-catalog purchase");
        await Assertions.Expect(preview.Nth(1)).ToContainTextAsync("Alex Approver");
        await requester.GetByTestId("submit").ClickAsync();
        await Assertions.Expect(requester.GetByTestId("requisition-status")).ToHaveTextAsync("In approval");
        await Assertions.Expect(requester.GetByTestId("route-step")).ToHaveCountAsync(2);
        var number = (await requester.Locator("h1").InnerTextAsync()).Split(' ')[0];

        // The buyer approves it from the inbox, with the reason it is theirs in view.
        var buyer = await browser.SignInAsync("buyer@demo.tandem.dev");
        await buyer.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Approvals" }).ClickAsync();
        var item = buyer.GetByTestId("inbox-item").Filter(new() { HasText = number });
        await Assertions.Expect(item).ToContainTextAsync("Non-catalog purchase");
        await item.GetByRole(AriaRole.Checkbox).CheckAsync();
        await buyer.GetByTestId("bulk-approve").ClickAsync();
        await Assertions.Expect(buyer.GetByRole(AriaRole.Status)).ToContainTextAsync("Approved 1 request(s).");
        await buyer.Context.CloseAsync();

        // The Engineering manager opens it and approves on the request itself.
        var manager = await browser.SignInAsync("approver@demo.tandem.dev");
        await manager.GotoAsync("/Approvals");
        await manager.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await manager.GetByTestId("comment-body").FillAsync("@requester please add the desk to the lab inventory list.");
        await manager.GetByTestId("add-comment").ClickAsync();
        await Assertions.Expect(manager.GetByTestId("comment")).ToContainTextAsync("lab inventory");
        await manager.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync("now approved");
        await manager.Context.CloseAsync();

        await requester.ReloadAsync();
        await Assertions.Expect(requester.GetByTestId("requisition-status")).ToHaveTextAsync("Approved");
        await Assertions.Expect(requester.GetByTestId("route-step").Nth(1)).ToContainTextAsync("approve by Alex Approver");
        await Assertions.Expect(requester.GetByTestId("comment")).ToContainTextAsync("Alex Approver");
        await requester.Context.CloseAsync();
    }
}
