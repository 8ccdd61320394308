using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Tandem.Browser.Tests;

/// <summary>
/// In Chromium: the buyer turns an approved request into an order on the workbench and issues it; the receiver finds
/// changes its price within the tolerance (revision 1); the receiver finds it in the receiving inbox and records a partial receipt; the order shows it partially received.
/// </summary>
public sealed class OrderToReceiptTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Buyer_issues_an_order_from_an_approved_request_and_the_receiver_records_a_partial_receipt()
    {
        // An approved free-text request for 8 boxes, needed in three days (through the API: the request pages have their own test).
        var needBy = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var gl = await browser.App.WithDbAsync(async db => (await db.GlAccounts.FirstAsync(g => g.Code == "6100", Ct)).Id);
        using var requesterApi = await browser.App.ClientForAsync("requester");
        using var created = await requesterApi.PostAsJsonAsync("/api/v1/requisitions", new
        {
            title = "Sample boxes",
            lines = new[] { new { description = "Sample storage box", quantity = "8", unitPrice = "40.00", glAccountId = gl, needBy } },
        }, Ct);
        var requisition = JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!;
        (await requesterApi.PostAsync($"/api/v1/requisitions/{requisition["id"]}/submit", null, Ct)).EnsureSuccessStatusCode();
        using var buyerApi = await browser.App.ClientForAsync("buyer");
        (await buyerApi.PostAsJsonAsync($"/api/v1/approvals/{requisition["id"]}/decision", new { decision = "approve" }, Ct)).EnsureSuccessStatusCode();
        var number = (string)requisition["number"]!;
        var vendor = await browser.App.WithDbAsync(db => db.Vendors.Where(v => v.Code == "CONTOSO").Select(v => $"{v.TradingName ?? v.LegalName} ({v.Code})").SingleAsync(Ct));

        var buyer = await browser.SignInAsync("buyer@demo.tandem.dev");
        await buyer.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Orders" }).ClickAsync();
        await buyer.GetByTestId("workbench").ClickAsync();
        var proposal = buyer.GetByTestId("proposal").Filter(new() { HasText = number });
        await Assertions.Expect(proposal).ToContainTextAsync("No vendor named yet");
        await proposal.GetByLabel("Vendor").SelectOptionAsync(new SelectOptionValue { Label = vendor });
        await proposal.GetByLabel("Tax rate %").FillAsync("8");
        await proposal.GetByTestId("create-order").ClickAsync();
        await Assertions.Expect(buyer.GetByTestId("order-status")).ToHaveTextAsync("Draft");
        await Assertions.Expect(buyer.GetByTestId("order-lines")).ToContainTextAsync("Sample storage box");
        await Assertions.Expect(buyer.GetByTestId("linked")).ToContainTextAsync(number);
        var order = (await buyer.Locator("h1").InnerTextAsync()).Split(' ')[0];
        await buyer.GetByTestId("issue").ClickAsync();
        await Assertions.Expect(buyer.GetByRole(AriaRole.Status)).ToContainTextAsync($"Issued {order}");
        await Assertions.Expect(buyer.GetByTestId("order-status")).ToHaveTextAsync("Issued");

        // A small price rise from the vendor: within the policy's tolerance, so it applies as revision 1 at once.
        await buyer.GetByText("Change this order").ClickAsync();
        await buyer.GetByLabel("Unit price of line 1").FillAsync("41.00");
        await buyer.GetByLabel("Why").FillAsync("Vendor's price list of December");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Save change" }).ClickAsync();
        await Assertions.Expect(buyer.GetByRole(AriaRole.Status)).ToHaveTextAsync("Changed; the order is at revision 1.");
        await Assertions.Expect(buyer.GetByTestId("revisions")).ToContainTextAsync("Line 1: unit price 40.00 → 41.00");
        await buyer.Context.CloseAsync();

        var receiver = await browser.SignInAsync("receiver@demo.tandem.dev");
        await receiver.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Receiving" }).ClickAsync();
        var due = receiver.GetByTestId("due-lines").GetByRole(AriaRole.Row).Filter(new() { HasText = order });
        await Assertions.Expect(due).ToContainTextAsync("Sample storage box");
        await due.GetByRole(AriaRole.Link, new() { Name = "Receive" }).ClickAsync();
        await receiver.GetByLabel("Delivery note").FillAsync("DN-4471");
        await receiver.GetByLabel("Accepted quantity of line 1").FillAsync("5");
        await receiver.GetByLabel("Rejected quantity of line 1").FillAsync("1");
        await receiver.GetByTestId("record-receipt").ClickAsync();
        await Assertions.Expect(receiver.GetByTestId("errors")).ToContainTextAsync("Say why goods were rejected.");
        await receiver.GetByLabel("Why line 1 was rejected").FillAsync("Crushed corner");
        await receiver.GetByLabel("Accepted quantity of line 1").FillAsync("5");
        await receiver.GetByLabel("Rejected quantity of line 1").FillAsync("1");
        await receiver.GetByTestId("record-receipt").ClickAsync();
        await Assertions.Expect(receiver.GetByRole(AriaRole.Status)).ToContainTextAsync("Receipt GRN-");
        await Assertions.Expect(receiver.GetByTestId("order-status")).ToHaveTextAsync("Partially received");
        await Assertions.Expect(receiver.GetByTestId("order-lines")).ToContainTextAsync("3");
        await receiver.Context.CloseAsync();
    }
}
