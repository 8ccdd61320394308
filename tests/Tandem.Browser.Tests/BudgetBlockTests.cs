using System.Globalization;
using Microsoft.Playwright;

namespace Tandem.Browser.Tests;

/// <summary>
/// In Chromium: the controller adds a block-mode budget for Engineering's facilities spend this month on the budgets
/// page; a requester's bigger request shows the budget check with the numbers that explain it, and submitting it is
/// refused with the same explanation while it stays a draft.
/// </summary>
public sealed class BudgetBlockTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_request_over_a_block_budget_is_refused_with_its_explanation()
    {
        // The demo company lives in New York: its "this month" decides the budget period of a request without a need-by date.
        var month = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var controller = await browser.SignInAsync("controller@demo.tandem.dev");
        await controller.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Budgets" }).ClickAsync();
        await Assertions.Expect(controller.GetByTestId("budget-row").Filter(new() { HasText = "Engineering" }).First).ToBeVisibleAsync();
        await controller.GetByText("Add a budget line").ClickAsync();
        var form = controller.GetByTestId("new-budget");
        await form.GetByLabel("Period").FillAsync(month);
        await form.GetByLabel("Amount").FillAsync("300.00");
        await form.GetByLabel("Control").SelectOptionAsync("block");
        await form.GetByLabel("Department").SelectOptionAsync(new SelectOptionValue { Label = "Engineering" });
        await form.GetByLabel("GL account").SelectOptionAsync(new SelectOptionValue { Label = "6500 Facilities & Maintenance" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Add line" }).ClickAsync();
        var name = $"Engineering · 6500 Facilities & Maintenance · {month}";
        await Assertions.Expect(controller.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Added {name}.");
        await controller.Context.CloseAsync();

        var requester = await browser.SignInAsync("requester@demo.tandem.dev");
        await requester.GotoAsync("/Requisitions/Edit");
        await requester.GetByLabel("Title").FillAsync("Office chairs");
        await requester.GetByTestId("add-free-line").ClickAsync();
        var line = requester.GetByTestId("line").Last;
        await line.GetByLabel("Description").FillAsync("Ergonomic office chair");
        await line.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Facilities & maintenance" });
        await line.GetByLabel("Estimated unit price").FillAsync("450");
        await requester.GetByTestId("save-requisition").ClickAsync();

        // Before submitting, the request shows the budget it would break and by how much.
        await Assertions.Expect(requester.GetByTestId("requisition-status")).ToHaveTextAsync("Draft");
        var check = requester.GetByTestId("budget-check");
        await Assertions.Expect(check.GetByTestId("budget-verdict")).ToHaveTextAsync("Over budget: a budget in block mode does not allow this request.");
        var explanation = $"{name}: budget 300.00 USD, committed 0.00 USD, actual 0.00 USD, this request 450.00 USD → 150.00 USD over (blocks)";
        await Assertions.Expect(check.GetByTestId("budget-explanation").Filter(new() { HasText = name })).ToHaveTextAsync(explanation);

        await requester.GetByTestId("submit").ClickAsync();
        await Assertions.Expect(requester.GetByTestId("errors")).ToContainTextAsync(explanation);
        await Assertions.Expect(requester.GetByTestId("requisition-status")).ToHaveTextAsync("Draft");
        await requester.Context.CloseAsync();
    }
}
