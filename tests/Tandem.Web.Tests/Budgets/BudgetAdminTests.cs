using System.Net;
using Microsoft.EntityFrameworkCore;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Budgets.BudgetSteps;
using static Tandem.Web.Tests.Requisitions.RequisitionSteps;

namespace Tandem.Web.Tests.Budgets;

/// <summary>Finance's side of budgets: import a year (dry run, all-or-nothing), revise with a reason, reallocate, spending limits.</summary>
public sealed class BudgetAdminTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Csv(string text) => new(text, System.Text.Encoding.UTF8, "text/csv");

    [Fact]
    public async Task A_years_budget_imports_all_or_nothing_with_every_error_by_row_and_column()
    {
        using var controller = await factory.ClientForAsync("controller");
        const string header = "period,department,gl_account,gl_account_group,amount,control,warn_at_percent,owner\n";
        var bad = header
            + "2028-01,ENG,6100,,12000.00,block,90,approver@demo.tandem.dev\n"
            + "2028-13,ENG,6100,,1.00,block,,\n"
            + "2028-02,NOPE,,,5.00,,,\n"
            + "2028-03,ENG,,61,-1.00,sometimes,101,ghost@demo.tandem.dev\n"
            + "2028-01,ENG,6100,,1.00,,,\n";
        using (var dry = await controller.PostAsync("/api/v1/budgets/import?dryRun=true", Csv(bad), Ct))
        {
            var report = await Json.ReadAsync(dry);
            var errors = report["rowErrors"]!.AsArray().Select(e => ((int)e!["line"]!, (string)e["column"]!)).ToList();
            Assert.Equal([(3, "period"), (4, "department"), (5, "amount"), (5, "control"), (5, "warn_at_percent"), (5, "owner"), (6, "period")], errors);
        }

        using (var real = await controller.PostAsync("/api/v1/budgets/import", Csv(bad), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, real.StatusCode);
        }

        Assert.Equal(0, await factory.WithDbAsync(db => db.BudgetLines.CountAsync(b => b.PeriodStart.Year == 2028, Ct)));

        var good = header
            + "2028-01,ENG,6100,,12000.00,block,90,approver@demo.tandem.dev\n"
            + "2028-02,ENG,,61,8000.00,route,80,controller@demo.tandem.dev\n"
            + "FY2028,,,,500000.00,warn,,\n";
        using (var imported = await controller.PostAsync("/api/v1/budgets/import", Csv(good), Ct))
        {
            var report = await Json.ReadAsync(imported);
            Assert.Equal((3, 0), ((int)report["created"]!, (int)report["updated"]!));
        }

        var lines = await Json.ReadAsync(await controller.GetAsync("/api/v1/budgets?period=FY2028", Ct));
        Assert.Equal(["Company-wide · FY2028", "Engineering · 6100 Software Subscriptions · 2028-01", "Engineering · GL 61* · 2028-02"],
            lines["items"]!.AsArray().Select(l => (string?)l!["name"]));

        // Importing again revises the amount, and the revision says where it came from.
        using (var again = await controller.PostAsync("/api/v1/budgets/import", Csv(header + "2028-01,ENG,6100,,15000.00,block,90,\n"), Ct))
        {
            Assert.Equal(1, (int)(await Json.ReadAsync(again))["updated"]!);
        }

        // The export imports back as it is: every line found again, nothing created, figures read past.
        var exported = await controller.GetStringAsync("/api/v1/budgets/export?period=FY2028", Ct);
        Assert.StartsWith("period,amount,department,location,cost_center,gl_account,gl_account_group,project,control,warn_at_percent,owner,name,pre_committed,committed,actual,available,forecast,at_risk\r\n", exported, StringComparison.Ordinal);
        Assert.Contains("2028-02,8000.00,ENG,,,,61,,route,80,controller@demo.tandem.dev,Engineering · GL 61* · 2028-02,0.00,0.00,0.00,8000.00,0.00,no", exported, StringComparison.Ordinal);
        using (var roundTrip = await controller.PostAsync("/api/v1/budgets/import", Csv(exported), Ct))
        {
            var report = await Json.ReadAsync(roundTrip);
            Assert.Equal((0, 3), ((int)report["created"]!, (int)report["updated"]!));
        }

        var january = lines["items"]!.AsArray()[1]!;
        var detail = await Json.ReadAsync(await controller.GetAsync($"/api/v1/budgets/{january["id"]}", Ct));
        Assert.Equal("15000.00", (string?)detail["line"]!["amount"]!["amount"]);
        Assert.Equal(("import", "12000.00", "15000.00", "CSV import"), (
            (string)detail["adjustments"]![0]!["kind"]!, (string)detail["adjustments"]![0]!["before"]!["amount"]!,
            (string)detail["adjustments"]![0]!["after"]!["amount"]!, (string)detail["adjustments"]![0]!["reason"]!));
    }

    [Fact]
    public async Task Revisions_need_a_reason_and_reallocation_cannot_give_away_what_is_committed()
    {
        using var controller = await factory.ClientForAsync("controller");
        using var requester = await factory.ClientForAsync("requester");
        using var buyer = await factory.ClientForAsync("buyer");
        using var manager = await factory.ClientForAsync("approver");
        var (eng, ops) = (await IdOfAsync(factory, "department", "ENG"), await IdOfAsync(factory, "department", "OPS"));
        var from = await BudgetAsync(controller, "2029-01", "5000.00", $$""" "departmentId":"{{eng}}","control":"block" """);
        var to = await BudgetAsync(controller, "2029-01", "1000.00", $$""" "departmentId":"{{ops}}","control":"block" """);

        using (var duplicate = await controller.PostAsync("/api/v1/budgets", Json.Body($$"""{"period":"2029-01","amount":{"amount":"1.00","currency":"USD"},"departmentId":"{{eng}}"}"""), Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        }

        var noReason = await ReviseAsync(controller, from, """{"amount":{"amount":"4500.00","currency":"USD"},"control":"block"}""", HttpStatusCode.BadRequest);
        Assert.Equal("reason", noReason["errors"]!.AsObject().Single().Key);
        from = await ReviseAsync(controller, from, """{"amount":{"amount":"4500.00","currency":"USD"},"control":"block","reason":"Hiring freeze"}""");
        Assert.Equal("4500.00", (string?)from["amount"]!["amount"]);

        // 4,000.00 committed: only 500.00 can move.
        var r = await SubmitAsync(requester, await CreateAsync(requester, "4000.00", await GlAccountAsync(factory), eng, "2029-01-10"));
        await ApproveAsync(buyer, r);
        await ApproveAsync(manager, r);
        using (var tooMuch = await controller.PostAsync("/api/v1/budgets/reallocate", Json.Body($$"""
            {"fromId":"{{from["id"]}}","toId":"{{to["id"]}}","amount":{"amount":"600.00","currency":"USD"},"reason":"Ops overtime"}
            """), Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode);
            Assert.Contains("500.00 USD available", (string?)(await Json.ReadAsync(tooMuch))["detail"], StringComparison.Ordinal);
        }

        using var moved = await controller.PostAsync("/api/v1/budgets/reallocate", Json.Body($$"""
            {"fromId":"{{from["id"]}}","toId":"{{to["id"]}}","amount":{"amount":"500.00","currency":"USD"},"reason":"Ops overtime"}
            """), Ct);
        var result = await Json.ReadAsync(moved);
        Assert.Equal(("4000.00", "0.00", "1500.00"), ((string)result["from"]!["amount"]!["amount"]!, (string)result["from"]!["available"]!["amount"]!, (string)result["to"]!["amount"]!["amount"]!));

        // Both sides keep the why and the other line; the audit trail has before and after.
        var adjustments = await factory.WithDbAsync(db => db.BudgetAdjustments.Where(a => a.Reason == "Ops overtime").OrderBy(a => a.Kind).Select(a => new { a.Kind, a.BeforeMinor, a.AfterMinor }).ToListAsync(Ct));
        Assert.Equal([("reallocationIn", 100_000L, 150_000L), ("reallocationOut", 450_000L, 400_000L)], adjustments.Select(a => (a.Kind, a.BeforeMinor, a.AfterMinor)));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "BudgetLine" && a.EntityId == (string)from["id"]! && a.AfterJson!.Contains("400000"), Ct)));

        // Nobody but controllers and admins changes budgets.
        using var asBuyer = await buyer.PostAsync("/api/v1/budgets/reallocate", Json.Body("{}"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, asBuyer.StatusCode);
    }

    [Fact]
    public async Task Spending_limits_flag_requests_over_the_document_or_the_month()
    {
        using var admin = await factory.ClientForAsync("admin");
        using var buyer = await factory.ClientForAsync("buyer");
        var (me, eng, gl) = (await IdOfAsync(factory, "user", "buyer"), await IdOfAsync(factory, "department", "ENG"), await GlAccountAsync(factory));

        using (var role = await admin.PutAsync("/api/v1/spending-limits", Json.Body("""{"role":"buyer","perDocument":{"amount":"100000.00","currency":"USD"}}"""), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, role.StatusCode);
        }

        using (var personal = await admin.PutAsync("/api/v1/spending-limits", Json.Body($$$"""
            {"userId":"{{{me}}}","perDocument":{"amount":"1000.00","currency":"USD"},"perMonth":{"amount":"1500.00","currency":"USD"}}
            """), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, personal.StatusCode);
        }

        using (var wrongCurrency = await admin.PutAsync("/api/v1/spending-limits", Json.Body("""{"role":"requester","perDocument":{"amount":"1.00","currency":"EUR"}}"""), Ct))
        {
            Assert.Equal(["perDocument.amount"], await Json.ErrorFieldsAsync(wrongCurrency));
        }

        async Task<IReadOnlyList<string?>> FlagsAsync(System.Text.Json.Nodes.JsonNode r) =>
            [.. (await Json.ReadAsync(await buyer.GetAsync($"/api/v1/requisitions/{r["id"]}/route-preview", Ct)))["flags"]!.AsArray().Select(f => (string?)f)];

        // The personal limit replaces the role's: 1,100.00 is over the 1,000.00 per document.
        Assert.Contains("overSpendingLimit", await FlagsAsync(await CreateAsync(buyer, "1100.00", gl, eng, "2029-02-01")));
        var first = await CreateAsync(buyer, "900.00", gl, eng, "2029-02-01");
        Assert.DoesNotContain("overSpendingLimit", await FlagsAsync(first));
        await SubmitAsync(buyer, first);

        // 900.00 already this month + 700.00 = 1,600.00, over the 1,500.00 a month.
        Assert.Contains("overSpendingLimit", await FlagsAsync(await CreateAsync(buyer, "700.00", gl, eng, "2029-02-01")));
        Assert.DoesNotContain("overSpendingLimit", await FlagsAsync(await CreateAsync(buyer, "600.00", gl, eng, "2029-02-01")));

        var limits = await Json.ReadAsync(await admin.GetAsync("/api/v1/spending-limits", Ct));
        Assert.Equal(2, limits.AsArray().Count);
        using var asBuyer = await buyer.GetAsync("/api/v1/spending-limits", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, asBuyer.StatusCode);
    }

    [Fact]
    public async Task A_request_charged_where_no_budget_reaches_is_flagged_unbudgeted()
    {
        using var requester = await factory.ClientForAsync("requester");
        var r = await CreateAsync(requester, "50.00", await GlAccountAsync(factory, "6800"), await IdOfAsync(factory, "department", "HR"), "2031-05-01");

        var check = await CheckAsync(requester, r);
        Assert.Equal(("unbudgeted", "50.00"), ((string)check["decision"]!, (string)check["unbudgeted"]!["amount"]!));
        var preview = await Json.ReadAsync(await requester.GetAsync($"/api/v1/requisitions/{r["id"]}/route-preview", Ct));
        Assert.Contains("unbudgeted", preview["flags"]!.AsArray().Select(f => (string?)f));
    }
}
