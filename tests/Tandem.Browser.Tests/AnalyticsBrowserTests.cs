using Microsoft.Playwright;

using static Tandem.Browser.Tests.BrowserSteps;

namespace Tandem.Browser.Tests;

/// <summary>
/// In Chromium: the controller opens the spend dashboard, drills into a figure, reads the KPIs and the weekly review
/// pack, and downloads its PDF. Full-page screenshots of the dashboard and the pack are saved (TestResults/screenshots)
/// so a person can check they look right; the test checks what can be checked mechanically — charts described for
/// screen readers, amounts with their currency, nothing wider than the window.
/// </summary>
public sealed class AnalyticsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Screenshots => Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    [Fact]
    public async Task The_dashboard_and_the_review_pack_show_the_spend_with_its_documents()
    {
        using var receiver = await browser.App.ClientForAsync("receiver");
        using var ap = await browser.App.ClientForAsync("ap");
        foreach (var (what, price, number) in new[] { ("Monitors", "240.00", "ANA-1"), ("Chairs", "155.00", "ANA-2") })
        {
            var order = await IssuedOrderAsync(browser.App, what, what, "2", price);
            var line = order["lines"]![0]!["id"]!.ToString();
            await PostAsync(receiver, "/api/v1/receipts", new { purchaseOrderId = order["id"]!.ToString(), lines = new[] { new { purchaseOrderLineId = line, accepted = "2" } } });
            await PostAsync(ap, "/api/v1/invoices", new
            {
                purchaseOrderId = order["id"]!.ToString(),
                number,
                invoiceDate = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), // a day the company's time zone has reached
                tax = "0.00",
                lines = new[] { new { purchaseOrderLineId = line, quantity = "2", unitPrice = price } },
            });
        }

        Directory.CreateDirectory(Screenshots);
        var page = await browser.SignInAsync("controller@demo.tandem.dev");
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync("/Analytics/Spend?by=vendor");
        await Assertions.Expect(page.GetByTestId("spend-totals")).ToContainTextAsync("790.00 USD");
        var chart = page.GetByTestId("chart-over-time").Locator("svg[role=img]");
        await Assertions.Expect(chart).ToBeVisibleAsync();
        await Assertions.Expect(chart.Locator("title").First).ToContainTextAsync("Actual spend by vendor");
        await Assertions.Expect(page.GetByTestId("spend-table")).ToContainTextAsync("790.00");
        foreach (var id in new[] { "chart-vendors", "chart-categories", "chart-budget", "chart-funnel" })
        {
            await Assertions.Expect(page.GetByTestId(id).Locator("svg")).ToBeVisibleAsync();
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "spend-dashboard.png"), FullPage = true });
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + e.getBoundingClientRect().right).join('; ')"));
        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("csv-spend").ClickAsync());
        Assert.Contains("790.00", await File.ReadAllTextAsync(await csv.PathAsync(), Ct), StringComparison.Ordinal);

        // Every number leads to its documents.
        await page.GetByTestId("spend-totals").GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("documents-table")).ToContainTextAsync("ANA-1");
        await page.GetByTestId("documents-table").GetByRole(AriaRole.Link, new() { Name = "ANA-1" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Invoices/Detail"));

        await page.GotoAsync("/Analytics/Kpis");
        await Assertions.Expect(page.GetByTestId("kpi-spendUnderManagement")).ToContainTextAsync("100 %");
        await Assertions.Expect(page.GetByTestId("savings")).ToContainTextAsync("USD");

        await page.GotoAsync("/Analytics/ReviewPack");
        await Assertions.Expect(page.GetByTestId("pack-summary")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("pack-trend")).ToContainTextAsync("Spend under management");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "review-pack.png"), FullPage = true });
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The review pack is wider than the window.");
        var pdf = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("pack-pdf").ClickAsync());
        Assert.Equal("%PDF"u8.ToArray(), (await File.ReadAllBytesAsync(await pdf.PathAsync(), Ct))[..4]);
        await page.Context.CloseAsync();
    }
}
