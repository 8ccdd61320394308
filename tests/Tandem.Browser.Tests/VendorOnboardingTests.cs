using System.Net.Http.Headers;
using System.Text;
using Microsoft.Playwright;

namespace Tandem.Browser.Tests;

/// <summary>
/// In Chromium: a buyer onboards a vendor for a requester, a controller reviews its documents, verifies its bank
/// account and approves it, and the requester finds the vendor's item by typing part of its name, cheapest offer first.
/// </summary>
public sealed class VendorOnboardingTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Buyer_onboards_controller_approves_requester_finds_the_item_cheapest_first()
    {
        var pdf = Path.Combine(Path.GetTempPath(), $"tandem-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdf, Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"), TestContext.Current.CancellationToken);

        // The buyer onboards Zephyr on behalf of Riley Requester.
        var buyer = await browser.SignInAsync("buyer@demo.tandem.dev");
        await buyer.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Vendors" }).ClickAsync();
        await buyer.GetByTestId("new-vendor").ClickAsync();
        await buyer.GetByLabel("Vendor code").FillAsync("ZEPHYR");
        await buyer.GetByLabel("Legal name").FillAsync("Zephyr Floorcare Supply LLC");
        await buyer.GetByLabel("Country (ISO code)").FillAsync("US");
        await buyer.GetByLabel("Requested by").SelectOptionAsync(new SelectOptionValue { Label = "Riley Requester" });
        await buyer.GetByLabel("Account number").FillAsync("987654321");
        await buyer.GetByLabel("ABA routing number").FillAsync("011000015");
        await buyer.GetByTestId("create-vendor").ClickAsync();
        await Assertions.Expect(buyer.GetByTestId("vendor-status")).ToHaveTextAsync("Prospect");
        var vendorId = new Uri(buyer.Url).Query.Split("id=")[1];

        foreach (var code in new[] { "TAX", "COI" })
        {
            var row = buyer.GetByTestId($"doc-{code}");
            await row.Locator("input[type=file]").SetInputFilesAsync(pdf);
            if (code == "COI")
            {
                await row.Locator("input[type=date]").FillAsync("2030-06-30");
            }

            await row.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
            await Assertions.Expect(buyer.GetByTestId($"doc-{code}")).ToContainTextAsync("pending");
        }

        await buyer.GetByLabel("Move to").SelectOptionAsync(new SelectOptionValue { Label = "In review" });
        await buyer.GetByLabel("Reason").First.FillAsync("Floor mats for the new lab");
        await buyer.GetByTestId("change-status").ClickAsync();
        await Assertions.Expect(buyer.GetByTestId("vendor-status")).ToHaveTextAsync("In review");
        await buyer.GetByTestId("sign-off").ClickAsync();
        await Assertions.Expect(buyer.GetByRole(AriaRole.Status)).ToContainTextAsync("Signed off");
        await buyer.Context.CloseAsync();

        // Its item and prices are set up through the API (Zephyr undercuts Northwind).
        await SetUpItemAsync(vendorId);

        // The controller accepts the documents, verifies the bank account and approves: the vendor is active.
        var controller = await browser.SignInAsync("controller@demo.tandem.dev");
        await controller.GotoAsync($"/Vendors?status=inReview");
        await controller.GetByRole(AriaRole.Link, new() { Name = "ZEPHYR" }).ClickAsync();
        foreach (var code in new[] { "TAX", "COI" })
        {
            await controller.GetByTestId($"doc-{code}").GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
            await Assertions.Expect(controller.GetByTestId($"doc-{code}")).ToContainTextAsync("accepted");
        }

        await controller.GetByTestId("approve-bank").ClickAsync();
        await Assertions.Expect(controller.GetByTestId("bank")).ToContainTextAsync("987654321");
        await controller.GetByTestId("sign-off").ClickAsync();
        await Assertions.Expect(controller.GetByTestId("vendor-status")).ToHaveTextAsync("Active");
        await controller.Context.CloseAsync();

        // The requester types part of the name and sees Zephyr's offer first.
        var requester = await browser.SignInAsync("requester@demo.tandem.dev");
        await requester.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Catalog" }).ClickAsync();
        await requester.GetByTestId("catalog-search").PressSequentiallyAsync("anti-sta", new() { Delay = 40 });
        // The last keystroke's search must have answered (it pushes its URL): a push while a click's navigation is
        // pending cancels that navigation, and an earlier prefix may already show the same result.
        await Assertions.Expect(requester).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=anti-sta(&|$)"));
        var result = requester.GetByTestId("result").Filter(new() { HasText = "Anti-static floor mat" });
        await Assertions.Expect(result).ToHaveCountAsync(1);
        await Assertions.Expect(result.GetByTestId("best-offer")).ToContainTextAsync("Zephyr");
        await Assertions.Expect(result).ToContainTextAsync("2 vendor(s)");
        await result.GetByRole(AriaRole.Link, new() { Name = "Anti-static floor mat" }).ClickAsync();
        await Assertions.Expect(requester.GetByTestId("comparison").Locator("tbody tr").First).ToContainTextAsync("Zephyr");
        await Assertions.Expect(requester.GetByTestId("cheapest")).ToContainTextAsync("46.00 USD");
        await requester.Context.CloseAsync();
        File.Delete(pdf);
    }

    private async Task SetUpItemAsync(string vendorId)
    {
        using var api = await browser.App.ClientForAsync("buyer");
        var ct = TestContext.Current.CancellationToken;
        var categories = await api.GetStringAsync("/api/v1/catalog/categories", ct);
        var fac = System.Text.Json.Nodes.JsonNode.Parse(categories)!.AsArray().First(c => (string?)c!["code"] == "FAC")!["id"];
        var item = System.Text.Json.Nodes.JsonNode.Parse(await (await api.PostAsync("/api/v1/catalog/items", Json($$"""{"sku":"FAC-MAT-AS","name":"Anti-static floor mat","unit":"EA","categoryId":"{{fac}}"}"""), ct)).Content.ReadAsStringAsync(ct))!;
        var northwind = System.Text.Json.Nodes.JsonNode.Parse(await api.GetStringAsync("/api/v1/vendors?q=NORTHWIND", ct))!["items"]![0]!["id"];
        foreach (var (vendor, price) in new[] { (vendorId, "46.00"), ((string)northwind!, "52.00") })
        {
            using var offer = await api.PostAsync("/api/v1/catalog/offers", Json($$"""
                {"itemId":"{{item["id"]}}","vendorId":"{{vendor}}","unitPrice":{"amount":"{{price}}","currency":"USD"},"leadTimeDays":5,"validFrom":"2026-01-01"}
                """), ct);
            Assert.Equal(System.Net.HttpStatusCode.Created, offer.StatusCode);
        }

        var essentials = System.Text.Json.Nodes.JsonNode.Parse(await api.GetStringAsync("/api/v1/catalog/catalogs", ct))!.AsArray().First(c => (string?)c!["code"] == "ESSENTIALS")!;
        var items = essentials["itemIds"]!.AsArray().Select(i => $"\"{i}\"").Append($"\"{item["id"]}\"");
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/catalog/catalogs/{essentials["id"]}")
        {
            Content = Json($$"""{"code":"ESSENTIALS","name":"Office essentials","audience":[{"kind":"everyone"}],"itemIds":[{{string.Join(',', items)}}]}"""),
        };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{essentials["version"]}\""));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.SendAsync(put, ct)).StatusCode);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
