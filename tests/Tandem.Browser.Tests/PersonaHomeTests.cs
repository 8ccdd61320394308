using Microsoft.Playwright;
using Tandem.Web.Platform.Hosting;

namespace Tandem.Browser.Tests;

/// <summary>In Chromium: every demo user signs in and sees their persona's home; an admin sets up a department.</summary>
public sealed class PersonaHomeTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string> Emails() => new(DemoData.People.Select(p => p.Email));

    [Theory]
    [MemberData(nameof(Emails))]
    public async Task Each_demo_user_sees_their_persona_home(string email)
    {
        var person = DemoData.People.Single(p => p.Email == email);
        var page = await browser.SignInAsync(email);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(person.Name);
        foreach (var role in person.Roles)
        {
            await Assertions.Expect(page.GetByTestId($"home-{role}")).ToBeVisibleAsync();
        }

        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(person.Roles.Contains("admin") ? 1 : 0);
        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_no_home()
    {
        var page = await browser.SignInAsync("buyer@demo.tandem.dev", "wrong-password!");
        await Assertions.Expect(page.GetByTestId("errors")).ToContainTextAsync("wrong");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_adds_and_edits_a_department_with_the_keyboard_and_sees_it_audited()
    {
        var page = await browser.SignInAsync("admin@demo.tandem.dev");
        await page.GotoAsync("/Organization/Departments");
        await page.GetByLabel("Code").FillAsync("LEGAL");
        await page.GetByLabel("Name").FillAsync("Legal");
        await page.GetByLabel("Name").PressAsync("Enter");
        var row = page.GetByTestId("list").GetByRole(AriaRole.Row).Filter(new() { HasText = "LEGAL" });
        await Assertions.Expect(row).ToContainTextAsync("Legal");

        await page.GetByLabel("Code").FillAsync("LEGAL");
        await page.GetByLabel("Name").FillAsync("Duplicate");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("errors")).ToContainTextAsync("already exists");

        await row.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Legal & Compliance");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("list")).ToContainTextAsync("Legal & Compliance");

        await page.GotoAsync("/Audit?entityType=Department");
        await Assertions.Expect(page.GetByTestId("audit")).ToContainTextAsync("Legal & Compliance");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_deactivates_a_user_by_unchecking_active()
    {
        var page = await browser.SignInAsync("admin@demo.tandem.dev");
        await page.GotoAsync("/Users");
        var row = page.GetByTestId("list").GetByRole(AriaRole.Row).Filter(new() { HasText = "receiver@demo.tandem.dev" });
        await row.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await page.GetByLabel("Active").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync("no");
        await page.Context.CloseAsync();

        var refused = await browser.SignInAsync("receiver@demo.tandem.dev");
        await Assertions.Expect(refused.GetByTestId("errors")).ToBeVisibleAsync();
        await refused.Context.CloseAsync();
    }

    [Fact]
    public async Task A_requester_is_refused_admin_pages()
    {
        var page = await browser.SignInAsync("requester@demo.tandem.dev");
        await page.GotoAsync("/Users");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
