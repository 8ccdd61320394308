using System.Net;
using Microsoft.EntityFrameworkCore;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Vendors;
using static Tandem.Web.Tests.Budgets.BudgetSteps;
using static Tandem.Web.Tests.Requisitions.RequisitionSteps;

namespace Tandem.Web.Tests.Budgets;

/// <summary>
/// Budgets against real requests on the starter policy (non-catalog → buyer first; 500.00–4,999.99 → Engineering
/// manager). Each test uses its own month (the need-by date picks the period), so budgets never see each other's requests.
/// </summary>
public sealed class BudgetControlTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_block_budget_commits_on_approval_refuses_what_does_not_fit_with_the_numbers_and_releases_on_cancel()
    {
        using var controller = await factory.ClientForAsync("controller");
        using var requester = await factory.ClientForAsync("requester");
        using var buyer = await factory.ClientForAsync("buyer");
        using var manager = await factory.ClientForAsync("approver");
        var (eng, software) = (await IdOfAsync(factory, "department", "ENG"), await IdOfAsync(factory, "gl", "6100"));
        var budget = await BudgetAsync(controller, "2027-03", "10000.00", $$"""
            "departmentId":"{{eng}}","glAccountId":"{{software}}","control":"block","ownerId":"{{await IdOfAsync(factory, "user", "approver")}}"
            """);
        Assert.Equal("Engineering · 6100 Software Subscriptions · 2027-03", (string?)budget["name"]);

        // Submitted: pre-committed, shown apart, not deducted.
        var first = await SubmitAsync(requester, await CreateAsync(requester, "3000.00", software, eng, "2027-03-10"));
        Assert.Equal(("3000.00", "0.00", "0.00", "10000.00"), await FiguresAsync(controller, budget));

        // Approved by both steps: committed.
        await ApproveAsync(buyer, first);
        Assert.Equal("approved", (string?)(await ApproveAsync(manager, first))["status"]);
        Assert.Equal(("0.00", "3000.00", "0.00", "7000.00"), await FiguresAsync(controller, budget));

        // 7,500.00 does not fit: the check explains it, and submitting is refused with the same numbers.
        var tooBig = await CreateAsync(requester, "7500.00", software, eng, "2027-03-20");
        var check = await CheckAsync(requester, tooBig);
        Assert.Equal("blocked", (string?)check["decision"]);
        Assert.Equal("-500.00", (string?)check["lines"]![0]!["remaining"]!["amount"]);
        const string explanation = "Engineering · 6100 Software Subscriptions · 2027-03: budget 10,000.00 USD, committed 3,000.00 USD, actual 0.00 USD, this request 7,500.00 USD → 500.00 USD over (blocks)";
        Assert.Equal(explanation, (string?)check["lines"]![0]!["explanation"]);
        using (var refused = await TrySubmitAsync(requester, tooBig))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var problem = await Json.ReadAsync(refused);
            Assert.Equal("budget.exceeded", (string?)problem["code"]);
            Assert.Contains(explanation, (string?)problem["detail"], StringComparison.Ordinal);
        }

        // Nothing was written for the refused request: still a draft, no consumption.
        Assert.Equal("draft", (string?)(await Json.ReadAsync(await requester.GetAsync($"/api/v1/requisitions/{tooBig["id"]}", Ct)))["status"]);
        Assert.Equal(0, await factory.WithDbAsync(db => db.BudgetConsumptions.CountAsync(c => c.DocumentId == Guid.Parse((string)tooBig["id"]!), Ct)));

        // 7,000.00 fits exactly.
        var exact = await SubmitAsync(requester, await CreateAsync(requester, "7000.00", software, eng, "2027-03-21"));
        Assert.Equal(("7000.00", "3000.00", "0.00", "7000.00"), await FiguresAsync(controller, budget));

        // The buyer's inbox shows what approving it would leave of the budget.
        var inbox = await Json.ReadAsync(await buyer.GetAsync("/api/v1/approvals", Ct));
        var note = inbox.AsArray().Single(i => (string?)i!["requisitionId"] == (string?)exact["id"])!["budget"]!.AsArray()
            .Single(n => (string?)n!["budgetLineId"] == (string?)budget["id"])!;
        Assert.Equal(("overWarning", "7000.00", "0.00", false), ((string)note["state"]!, (string)note["thisRequest"]!["amount"]!, (string)note["remainingAfter"]!["amount"]!, (bool)note["blocks"]!));

        // Cancelling the approved request releases exactly its 3,000.00; now 7,500.00 fits.
        using (var cancel = await requester.PostAsync($"/api/v1/requisitions/{first["id"]}/cancel", Json.Body("""{"reason":"Bought elsewhere"}"""), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }

        Assert.Equal(("7000.00", "0.00", "0.00", "10000.00"), await FiguresAsync(controller, budget));
        using var accepted = await TrySubmitAsync(requester, tooBig);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        // The line's detail lists the documents that consume it.
        var detail = await Json.ReadAsync(await controller.GetAsync($"/api/v1/budgets/{budget["id"]}", Ct));
        Assert.Equal(["7500.00", "7000.00"], detail["documents"]!.AsArray().Select(d => (string?)d!["amount"]!["amount"]));
        Assert.All(detail["documents"]!.AsArray(), d => Assert.Equal("preCommitted", (string?)d!["kind"]));
    }

    [Fact]
    public async Task A_request_consumes_every_budget_that_covers_it_and_the_tightest_one_decides()
    {
        using var controller = await factory.ClientForAsync("controller");
        using var requester = await factory.ClientForAsync("requester");
        using var buyer = await factory.ClientForAsync("buyer");
        using var manager = await factory.ClientForAsync("approver");
        var (eng, services) = (await IdOfAsync(factory, "department", "ENG"), await IdOfAsync(factory, "gl", "6200"));
        var department = await BudgetAsync(controller, "2027-04", "50000.00", $$""" "departmentId":"{{eng}}","control":"warn" """);
        var account = await BudgetAsync(controller, "2027-04", "2000.00", $$""" "glAccountId":"{{services}}","control":"block" """);

        var first = await SubmitAsync(requester, await CreateAsync(requester, "1500.00", services, eng, "2027-04-05"));
        await ApproveAsync(buyer, first);
        first = await ApproveAsync(manager, first);
        Assert.Equal(("0.00", "1500.00", "0.00", "48500.00"), await FiguresAsync(controller, department));
        Assert.Equal(("0.00", "1500.00", "0.00", "500.00"), await FiguresAsync(controller, account));

        // A small edit of the approved request (within the 5 % tolerance) keeps the approval and moves both commitments.
        first = await UpdateAsync(requester, first, $$"""
            {"title":"Budgeted purchase","lines":[{"description":"Budgeted purchase","quantity":"1","unitPrice":"1550.00","glAccountId":"{{services}}","needBy":"2027-04-05"}],
             "splits":[{"departmentId":"{{eng}}","percent":"100"}]}
            """);
        Assert.Equal("approved", (string?)first["status"]);
        Assert.Equal("1550.00", (await FiguresAsync(controller, department)).Item2);
        Assert.Equal("1550.00", (await FiguresAsync(controller, account)).Item2);

        // 600.00 more fits the department budget but not the account budget.
        var next = await CreateAsync(requester, "600.00", services, eng, "2027-04-06");
        var check = await CheckAsync(requester, next);
        Assert.Equal("blocked", (string?)check["decision"]);
        Assert.Equal([("within", false), ("exceeded", true)], check["lines"]!.AsArray()
            .OrderBy(l => (string?)l!["name"] == (string?)account["name"] ? 1 : 0).Select(l => ((string)l!["state"]!, (bool)l["blocks"]!)));
        using var refused = await TrySubmitAsync(requester, next);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task Fifty_concurrent_approvals_never_commit_more_than_a_block_budget_holds()
    {
        using var controller = await factory.ClientForAsync("controller");
        using var requester = await factory.ClientForAsync("requester");
        using var buyer = await factory.ClientForAsync("buyer");
        var (eng, lab) = (await IdOfAsync(factory, "department", "ENG"), await IdOfAsync(factory, "gl", "6700"));
        var budget = await BudgetAsync(controller, "2027-05", "10000.00", $$""" "departmentId":"{{eng}}","glAccountId":"{{lab}}","control":"block" """);

        // 50 requests of 300.00 (15,000.00 in all) each wait for the buyer: each fits on its own.
        var requests = new List<System.Text.Json.Nodes.JsonNode>();
        for (var i = 0; i < 50; i++)
        {
            requests.Add(await SubmitAsync(requester, await CreateAsync(requester, "300.00", lab, eng, "2027-05-15", $"Lab consumables {i}")));
        }

        Assert.Equal(("15000.00", "0.00", "0.00", "10000.00"), await FiguresAsync(controller, budget));

        var outcomes = await Task.WhenAll(requests.Select(async r =>
        {
            using var response = await DecideAsync(buyer, r, "approve");
            return (response.StatusCode, Code: response.IsSuccessStatusCode ? null : (string?)(await Json.ReadAsync(response))["code"]);
        }));

        // 33 × 300.00 = 9,900.00 fit; the 34th would make 10,200.00.
        Assert.Equal(33, outcomes.Count(o => o.StatusCode == HttpStatusCode.OK));
        Assert.All(outcomes.Where(o => o.StatusCode != HttpStatusCode.OK), o => Assert.Equal((HttpStatusCode.Conflict, "budget.exceeded"), (o.StatusCode, o.Code)));
        var (_, committed, _, available) = await FiguresAsync(controller, budget);
        Assert.Equal(("9900.00", "100.00"), (committed, available));
        var ledger = await factory.WithDbAsync(db => db.BudgetConsumptions
            .Where(c => c.BudgetLineId == Guid.Parse((string)budget["id"]!) && c.Kind == Domain.Budgets.ConsumptionKind.Committed).SumAsync(c => c.AmountMinor, Ct));
        Assert.Equal(990_000, ledger);

        // Every refused attempt is on the audit trail with its reason.
        var refusals = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "decisionRefused" && a.AfterJson!.Contains("budget.exceeded"), Ct));
        Assert.Equal(17, refusals);
    }

    [Fact]
    public async Task A_route_budget_exceeded_adds_its_owner_as_the_last_step_saying_why()
    {
        using var controller = await factory.ClientForAsync("controller");
        using var requester = await factory.ClientForAsync("requester");
        using var buyer = await factory.ClientForAsync("buyer");
        using var manager = await factory.ClientForAsync("approver");
        var (eng, travel) = (await IdOfAsync(factory, "department", "ENG"), await IdOfAsync(factory, "gl", "6300"));
        var budget = await BudgetAsync(controller, "2027-06", "1000.00", $$"""
            "departmentId":"{{eng}}","glAccountId":"{{travel}}","control":"route","ownerId":"{{await IdOfAsync(factory, "user", "controller")}}"
            """);

        var within = await SubmitAsync(requester, await CreateAsync(requester, "600.00", travel, eng, "2027-06-02", "Conference trip"));
        Assert.Equal(["Non-catalog purchase", "Department spend"], Route(within).Select(s => s.Rule));

        var over = await SubmitAsync(requester, await CreateAsync(requester, "1200.00", travel, eng, "2027-06-03", "Customer visit"));
        var route = Route(over);
        Assert.Equal(("Budget exceeded (Engineering · 6300 Travel · 2027-06)", "waiting", "Casey Controller"), route[^1]);
        Assert.Contains("budget exceeded → Casey Controller", (string)over["route"]!.AsArray()[^1]!["explanation"]!, StringComparison.Ordinal);

        await ApproveAsync(buyer, over);
        await ApproveAsync(manager, over);
        Assert.Equal("approved", (string?)(await ApproveAsync(controller, over))["status"]);
        Assert.Equal(("600.00", "1200.00", "0.00", "-200.00"), await FiguresAsync(controller, budget));
        Assert.Equal("exceeded", (string?)(await LineAsync(controller, budget))["state"]);
    }

    [Fact]
    public async Task Crossing_the_warning_threshold_tells_the_owner_once()
    {
        using var controller = await factory.ClientForAsync("controller");
        using var requester = await factory.ClientForAsync("requester");
        using var buyer = await factory.ClientForAsync("buyer");
        using var manager = await factory.ClientForAsync("approver");
        var (eng, training) = (await IdOfAsync(factory, "department", "ENG"), await IdOfAsync(factory, "gl", "6600"));
        var budget = await BudgetAsync(controller, "2027-07", "1000.00", $$"""
            "departmentId":"{{eng}}","glAccountId":"{{training}}","control":"warn","warnAtPercent":80,"ownerId":"{{await IdOfAsync(factory, "user", "controller")}}"
            """);

        async Task ApproveRequestAsync(string amount, string title)
        {
            var r = await SubmitAsync(requester, await CreateAsync(requester, amount, training, eng, "2027-07-01", title));
            if ((string?)(await ApproveAsync(buyer, r))["status"] == "inApproval")
            {
                await ApproveAsync(manager, r); // from 500.00 the department manager approves too
            }
        }

        Task<int> WarningsAsync() => factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.Text.StartsWith((string)budget["name"]!), Ct));
        await ApproveRequestAsync("700.00", "Course A");
        Assert.Equal(0, await WarningsAsync());
        await ApproveRequestAsync("150.00", "Course B"); // 85 %: crosses 80 %
        Assert.Equal(1, await WarningsAsync());
        await ApproveRequestAsync("50.00", "Course C"); // 90 %: already past it
        Assert.Equal(1, await WarningsAsync());
        var text = await factory.WithDbAsync(db => db.Notifications.Where(n => n.Text.StartsWith((string)budget["name"]!)).Select(n => n.Text).SingleAsync(Ct));
        Assert.Equal("Engineering · 6600 Training · 2027-07 passed 80 % of its budget", text);
    }

    [Fact]
    public async Task The_forecast_runs_the_spend_so_far_to_the_end_of_the_period_and_says_at_risk()
    {
        // The clock reads 22 November 2026: 22 of 30 days have passed.
        using var controller = await factory.ClientForAsync("controller");
        using var requester = await factory.ClientForAsync("requester");
        using var buyer = await factory.ClientForAsync("buyer");
        using var manager = await factory.ClientForAsync("approver");
        var (eng, printing) = (await IdOfAsync(factory, "department", "ENG"), await IdOfAsync(factory, "gl", "6010"));
        var budget = await BudgetAsync(controller, "2026-11", "1000.00", $$""" "departmentId":"{{eng}}","glAccountId":"{{printing}}" """);

        // No need-by date: the submission date (today) picks the period.
        var r = await SubmitAsync(requester, await CreateAsync(requester, "800.00", printing, eng, null, "Brochures"));
        await ApproveAsync(buyer, r);
        await ApproveAsync(manager, r);

        var line = await LineAsync(controller, budget);
        Assert.Equal("1090.91", (string?)line["forecast"]!["amount"]); // 800.00 + 800.00 / 22 × 8
        Assert.True((bool)line["atRisk"]!);
        Assert.Equal("200.00", (string?)line["variance"]!["amount"]);
        Assert.Equal(20.0m, (decimal)line["variancePercent"]!);

        var report = await Json.ReadAsync(await controller.GetAsync("/api/v1/budgets/report?by=glAccount&period=2026-11", Ct));
        var row = report["rows"]!.AsArray().Single(x => (string?)x!["label"] == "6010 Printing & Stationery")!;
        Assert.Equal(("1000.00", "800.00", "1090.91", 1), ((string)row["amount"]!["amount"]!, (string)row["committed"]!["amount"]!, (string)row["forecast"]!["amount"]!, (int)row["linesAtRisk"]!));
    }
}
