using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Web.Features.Approvals;
using Tandem.Web.Platform.Email;
using Tandem.Web.Platform.Jobs;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Vendors;
using static Tandem.Web.Tests.Requisitions.RequisitionSteps;

namespace Tandem.Web.Tests.Requisitions;

/// <summary>
/// The worked examples of the approval engine on the demo company's starter policy (under 500.00 auto; 500.00–4,999.99
/// department manager; 5,000.00+ manager then controller; non-catalog adds a buyer first; tolerance 5 %).
/// </summary>
public sealed class ApprovalRoutingTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_large_non_catalog_request_goes_buyer_manager_controller_and_each_step_says_why()
    {
        using var requester = await factory.ClientForAsync("requester");
        using var buyer = await factory.ClientForAsync("buyer");
        using var manager = await factory.ClientForAsync("approver");
        using var controller = await factory.ClientForAsync("controller");
        var gl = await GlAccountAsync(factory);
        var draft = await CreateAsync(requester, "6000.00", gl);
        Assert.Equal("draft", (string?)draft["status"]);

        // The preview shows the route before anything is submitted.
        var preview = await Json.ReadAsync(await requester.GetAsync($"/api/v1/requisitions/{draft["id"]}/route-preview", Ct));
        Assert.Equal(["Non-catalog purchase", "Large spend", "Large spend"], preview["steps"]!.AsArray().Select(s => (string?)s!["ruleName"]));
        Assert.Contains("nonCatalog", preview["flags"]!.AsArray().Select(f => (string?)f));

        var submitted = await SubmitAsync(requester, draft);
        Assert.Equal("inApproval", (string?)submitted["status"]);
        Assert.Equal(
            [("Non-catalog purchase", "pending", "Blake Buyer"), ("Large spend", "waiting", "Alex Approver"), ("Large spend", "waiting", "Casey Controller")],
            Route(submitted));
        var explanations = submitted["route"]!.AsArray().Select(s => (string)s!["explanation"]!).ToList();
        Assert.Equal("Large spend: 5,000.00 USD or more → Engineering manager (Alex Approver)", explanations[1]);
        Assert.Equal("Large spend: 5,000.00 USD or more → controller (Casey Controller)", explanations[2]);

        // Not their turn yet: the manager cannot jump the queue.
        using (var early = await DecideAsync(manager, submitted, "approve"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        }

        await ApproveAsync(buyer, submitted);
        await ApproveAsync(manager, submitted);
        var approved = await ApproveAsync(controller, submitted);
        Assert.Equal("approved", (string?)approved["status"]);
        Assert.All(Route(approved), s => Assert.Equal("approved", s.Status));

        // Every approver and the requester were told in the app, and by e-mail through the outbox.
        var (notices, mails) = await factory.WithDbAsync(async db => (
            await db.Notifications.CountAsync(n => n.Link!.EndsWith((string)submitted["id"]!), Ct),
            await db.OutboxEmails.Where(m => m.Subject.StartsWith((string)submitted["number"]!)).Select(m => m.To).ToListAsync(Ct)));
        Assert.Equal(4, notices);
        Assert.Contains("requester@demo.tandem.dev", mails);
        Assert.Contains("controller@demo.tandem.dev", mails);
    }

    [Fact]
    public async Task The_managers_own_request_skips_to_the_managers_manager()
    {
        using var manager = await factory.ClientForAsync("approver");
        var submitted = await RaiseAsync(manager, "700.00", await GlAccountAsync(factory), "Team offsite supplies");

        var route = Route(submitted);
        Assert.Equal(("Department spend", "waiting", "Casey Controller"), route[1]);
        Assert.Contains("the requester cannot approve their own request, so it goes to Casey Controller", (string)submitted["route"]![1]!["explanation"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approved_request_that_grows_beyond_the_tolerance_goes_back_and_now_needs_the_controller()
    {
        using var requester = await factory.ClientForAsync("requester");
        using var buyer = await factory.ClientForAsync("buyer");
        using var manager = await factory.ClientForAsync("approver");
        var gl = await GlAccountAsync(factory);
        var requisition = await RaiseAsync(requester, "4900.00", gl, "Spectrometer");
        await ApproveAsync(buyer, requisition);
        requisition = await ApproveAsync(manager, requisition);
        Assert.Equal("approved", (string?)requisition["status"]);

        // 4,900.00 → 5,000.00 is 2 %: approvals stand (and the change is audited).
        string Body(string price) => $$"""{"title":"Spectrometer","lines":[{"description":"Spectrometer","quantity":"1","unitPrice":"{{price}}","glAccountId":"{{gl}}"}]}""";
        requisition = await UpdateAsync(requester, requisition, Body("5000.00"));
        Assert.Equal("approved", (string?)requisition["status"]);

        // → 5,400.00 is over 5 % of the approved 4,900.00: a new round, now with the controller.
        requisition = await UpdateAsync(requester, requisition, Body("5400.00"));
        Assert.Equal("inApproval", (string?)requisition["status"]);
        Assert.Equal(["Non-catalog purchase", "Large spend", "Large spend"], Route(requisition).Select(s => s.Rule));
        Assert.Equal("Casey Controller", Route(requisition)[2].Approvers);
        Assert.Equal(2, requisition["route"]!.AsArray().Max(s => (int)s!["round"]!));
    }

    [Fact]
    public async Task Reject_needs_a_reason_and_request_changes_returns_it_for_resubmission()
    {
        using var requester = await factory.ClientForAsync("requester");
        using var buyer = await factory.ClientForAsync("buyer");
        var gl = await GlAccountAsync(factory);
        var requisition = await RaiseAsync(requester, "800.00", gl, "Monitor arms");

        using (var noReason = await DecideAsync(buyer, requisition, "reject"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.Equal(["comment"], await Json.ErrorFieldsAsync(noReason));
        }

        using (var own = await DecideAsync(requester, requisition, "approve"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        }

        using (var changes = await DecideAsync(buyer, requisition, "requestChanges", "Please use the catalog monitor arm"))
        {
            Assert.Equal(HttpStatusCode.OK, changes.StatusCode);
            var returned = await Json.ReadAsync(changes);
            Assert.Equal("returned", (string?)returned["status"]);
            Assert.Equal("Please use the catalog monitor arm", (string?)returned["statusReason"]);
            requisition = returned;
        }

        var resubmitted = await SubmitAsync(requester, requisition);
        Assert.Equal("inApproval", (string?)resubmitted["status"]);
        using var rejected = await DecideAsync(buyer, resubmitted, "reject", "Not in this year's plan");
        Assert.Equal("rejected", (string?)(await Json.ReadAsync(rejected))["status"]);
        using var again = await requester.PostAsync($"/api/v1/requisitions/{requisition["id"]}/submit", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Small_catalog_requests_are_approved_at_once()
    {
        using var requester = await factory.ClientForAsync("requester");
        var offer = await factory.WithDbAsync(db => db.Offers.Where(o => o.UnitPriceMicros < 100_000_000 && o.Currency == "USD"
            && db.CatalogItems.Any(c => c.ItemId == o.ItemId && db.Catalogs.Any(k => k.Id == c.CatalogId && k.Code == "ESSENTIALS"))).Select(o => o.Id).FirstAsync(Ct));
        using var created = await requester.PostAsync("/api/v1/requisitions", Json.Body($$"""
            {"title":"Paper","lines":[{"offerId":"{{offer}}","quantity":"2"}]}
            """), Ct);
        var draft = await Json.ReadAsync(created);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotNull((string?)draft["lines"]![0]!["glAccountId"]); // defaulted from the category or vendor
        var submitted = await SubmitAsync(requester, draft);
        Assert.Equal("approved", (string?)submitted["status"]);
        Assert.Contains("auto-approval threshold", (string?)submitted["statusReason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_approve_decides_each_request_on_its_own()
    {
        using var requester = await factory.ClientForAsync("requester");
        using var buyer = await factory.ClientForAsync("buyer");
        var gl = await GlAccountAsync(factory);
        var one = await RaiseAsync(requester, "600.00", gl, "Bulk one");
        var two = await RaiseAsync(requester, "650.00", gl, "Bulk two");
        var draft = await CreateAsync(requester, "700.00", gl, "Still a draft");

        var inbox = await Json.ReadAsync(await buyer.GetAsync("/api/v1/approvals", Ct));
        Assert.Contains((string)one["id"]!, inbox.AsArray().Select(i => (string)i!["requisitionId"]!));
        Assert.DoesNotContain((string)draft["id"]!, inbox.AsArray().Select(i => (string)i!["requisitionId"]!));

        using var response = await buyer.PostAsync("/api/v1/approvals/bulk", Json.Body($$"""{"requisitionIds":["{{one["id"]}}","{{two["id"]}}","{{draft["id"]}}"]}"""), Ct);
        var results = await Json.ReadAsync(response);
        Assert.Equal([true, true, false], results.AsArray().Select(r => (bool)r!["approved"]!));
        var after = await Json.ReadAsync(await requester.GetAsync($"/api/v1/requisitions/{one["id"]}", Ct));
        Assert.Equal(("Department spend", "pending", "Alex Approver"), Route(after)[1]);
    }

    [Fact]
    public async Task A_delegate_decides_for_the_approver_and_both_names_are_kept()
    {
        using var requester = await factory.ClientForAsync("requester");
        using var buyer = await factory.ClientForAsync("buyer");
        using var manager = await factory.ClientForAsync("approver");
        using var receiver = await factory.ClientForAsync("receiver");
        var gl = await GlAccountAsync(factory);
        var requisition = await RaiseAsync(requester, "1200.00", gl, "Delegated chairs");
        await ApproveAsync(buyer, requisition);

        using var delegated = await manager.PostAsync("/api/v1/delegations", Json.Body($$"""
            {"toUserId":"{{await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "receiver@demo.tandem.dev").Select(u => u.Id).SingleAsync(Ct))}}",
             "startsOn":"2026-11-20","endsOn":"2026-11-30","reason":"Conference"}
            """), Ct);
        Assert.Equal(HttpStatusCode.Created, delegated.StatusCode);
        Assert.Contains((string)requisition["id"]!, (await Json.ReadAsync(await receiver.GetAsync("/api/v1/approvals", Ct))).AsArray().Select(i => (string)i!["requisitionId"]!));

        var approved = await ApproveAsync(receiver, requisition);
        var decided = approved["route"]![1]!["approvers"]![0]!;
        Assert.Equal("Alex Approver", (string?)decided["approver"]!["name"]);
        Assert.Equal("Robin Receiver", (string?)decided["decidedBy"]!["name"]);

        // Overlapping delegations of one person are refused.
        using var overlap = await manager.PostAsync("/api/v1/delegations", Json.Body($$"""{"toUserId":"{{decided["decidedBy"]!["id"]}}","startsOn":"2026-11-25","endsOn":"2026-12-02"}"""), Ct);
        Assert.Equal(HttpStatusCode.Conflict, overlap.StatusCode);
    }

    [Fact]
    public async Task Escalation_reminds_at_the_deadline_and_escalates_after_it()
    {
        using var requester = await factory.ClientForAsync("requester");
        var requisition = await RaiseAsync(requester, "2500.00", await GlAccountAsync(factory), "Escalated printer");
        var job = factory.Services.GetServices<IScheduledJob>().OfType<ApprovalEscalationJob>().Single();
        var start = factory.Clock.Now;
        try
        {
            // Due two business days after submission (a Sunday: Tuesday 15:00 UTC), escalated one business day later.
            factory.Clock.Now = start.AddDays(2).AddHours(1);
            await RunAsync(job);
            var reminders = await factory.WithDbAsync(db => db.OutboxEmails.Where(m => m.Subject == $"Reminder: {requisition["number"]} is waiting for your approval").Select(m => m.To).ToListAsync(Ct));
            Assert.Equal(["buyer@demo.tandem.dev"], reminders);

            factory.Clock.Now = start.AddDays(3).AddHours(1);
            await RunAsync(job);
            using var admin = await factory.ClientForAsync("admin");
            var escalated = await Json.ReadAsync(await admin.GetAsync($"/api/v1/requisitions/{requisition["id"]}", Ct));
            var approvers = escalated["route"]![0]!["approvers"]!.AsArray();
            Assert.Contains(approvers, a => (string?)a!["source"] == "escalation" && (string?)a["approver"]!["name"] == "Casey Controller");

            // Sent through SMTP by the delivery job, like every outbox mail.
            await RunAsync(factory.Services.GetServices<IScheduledJob>().OfType<EmailDeliveryJob>().Single());
            Assert.Contains(factory.Smtp.Messages, m => m.Data.Contains($"Escalated to you: {requisition["number"]}", StringComparison.Ordinal));
        }
        finally
        {
            factory.Clock.Now = start;
        }
    }

    private async Task RunAsync(IScheduledJob job)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await job.RunAsync(scope.ServiceProvider, Ct);
    }
}
