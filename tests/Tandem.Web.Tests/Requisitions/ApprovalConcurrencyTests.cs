using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Requisitions.RequisitionSteps;

namespace Tandem.Web.Tests.Requisitions;

/// <summary>Policies as data (versioned, validated, testable) and two approvers deciding one "any of" step at the same moment.</summary>
public sealed class ApprovalConcurrencyTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_simultaneous_approvals_of_an_any_of_step_count_once_and_both_attempts_are_audited()
    {
        using var admin = await factory.ClientForAsync("admin");
        using var controller = await factory.ClientForAsync("controller");
        await admin.PostAsync("/api/v1/users", Json.Body("""{"email":"buyer2@demo.tandem.dev","displayName":"Bea Second","password":"long-enough-password","roles":[{"role":"buyer"}]}"""), Ct);

        // One rule: everything goes to any one buyer.
        var current = await Json.ReadAsync(await controller.GetAsync("/api/v1/approval-policies/current", Ct));
        Assert.Equal(1, (int)current["number"]!);
        using var save = new HttpRequestMessage(HttpMethod.Put, "/api/v1/approval-policies/current")
        {
            Content = Json.Body("""
                {"autoApproveBelow":"0","rules":[{"name":"Any buyer","when":{},"steps":[{"level":1,"mode":"anyOf","approvers":[{"kind":"role","role":"buyer"}]}]}]}
                """),
        };
        save.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        using var saved = await controller.SendAsync(save, Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(2, (int)(await Json.ReadAsync(saved))["number"]!);

        using var requester = await factory.ClientForAsync("requester");
        var requisition = await RaiseAsync(requester, "300.00", await GlAccountAsync(factory));
        Assert.Equal("Bea Second, Blake Buyer", Route(requisition)[0].Approvers);
        Assert.Equal(2, (int)(await Json.ReadAsync(await requester.GetAsync($"/api/v1/requisitions/{requisition["id"]}", Ct)))["policyVersion"]!);

        using var one = await factory.ClientForAsync("buyer");
        using var two = await factory.ClientForAsync("buyer2");
        var responses = await Task.WhenAll(DecideAsync(one, requisition, "approve"), DecideAsync(two, requisition, "approve"));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var conflict = await Json.ReadAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.StartsWith("approval.", (string?)conflict["code"], StringComparison.Ordinal);

        var (decisions, refused) = await factory.WithDbAsync(async db => (
            await db.ApprovalAssignments.CountAsync(a => a.Decision != null && db.ApprovalSteps.Any(s => s.Id == a.StepId && s.RequisitionId == Guid.Parse((string)requisition["id"]!)), Ct),
            await db.AuditEntries.Where(e => e.EntityId == (string)requisition["id"]! && e.Action == "decisionRefused").Select(e => e.ActorName).ToListAsync(Ct)));
        Assert.Equal(1, decisions);
        Assert.Single(refused);
        var approved = await Json.ReadAsync(await requester.GetAsync($"/api/v1/requisitions/{requisition["id"]}", Ct));
        Assert.Equal("approved", (string?)approved["status"]);
    }

    [Theory]
    [InlineData("""{"rules":[{"name":"","when":{"minAmount":"10","maxAmount":"5"},"steps":[]}]}""", "rules[0].name")]
    [InlineData("""{"rules":[{"name":"X","steps":[{"level":1,"mode":"sometimes","approvers":[{"kind":"role","role":"buyer"}]}]}]}""", "rules[0].steps[0].mode")]
    [InlineData("""{"rules":[{"name":"X","steps":[{"level":1,"approvers":[{"kind":"role","role":"boss"}]}]}]}""", "rules[0].steps[0].approvers[0].role")]
    [InlineData("""{"autoApproveBelow":"-5","rules":[]}""", "autoApproveBelow")]
    [InlineData("""{"tolerance":{"percent":"abc"},"rules":[]}""", "tolerance.percent")]
    [InlineData("""{"blockingFlags":["notAFlag"],"rules":[]}""", "blockingFlags[0]")]
    public async Task A_bad_policy_is_refused_naming_the_field(string body, string field)
    {
        using var controller = await factory.ClientForAsync("controller");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/approval-policies/test")
        {
            Content = Json.Body($$"""{"policy":{{body}},"amount":"100.00"}"""),
        };
        using var response = await controller.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("policy." + field, await Json.ErrorFieldsAsync(response));
    }

    [Theory]
    [InlineData("""{"title":"X","lines":[]}""", "lines")]
    [InlineData("""{"title":"X","currency":"XXX","lines":[{"description":"a","quantity":"1","unitPrice":"1"}]}""", "currency")]
    [InlineData("""{"title":"X","lines":[{"description":"a","quantity":"1","unitPrice":"-1"}]}""", "lines[0].unitPrice")]
    [InlineData("""{"title":"X","lines":[{"description":"a","quantity":"0","unitPrice":"1"}]}""", "lines[0].quantity")]
    [InlineData("""{"title":"X","lines":[{"description":"a","quantity":"1","unitPrice":"1","needBy":"2026-13-01"}]}""", "lines[0].needBy")]
    [InlineData("""{"title":"X","lines":[{"offerId":"00000000-0000-0000-0000-000000000001","quantity":"1"}]}""", "lines[0].offerId")]
    [InlineData("""{"lines":[{"description":"a","quantity":"1","unitPrice":"1"}]}""", "title")]
    public async Task A_bad_requisition_is_refused_naming_the_field_and_nothing_is_written(string body, string field)
    {
        using var requester = await factory.ClientForAsync("requester");
        var before = await factory.WithDbAsync(db => db.Requisitions.CountAsync(Ct));
        using var response = await requester.PostAsync("/api/v1/requisitions", Json.Body(body), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await Json.ErrorFieldsAsync(response));
        Assert.Equal(before, await factory.WithDbAsync(db => db.Requisitions.CountAsync(Ct)));
    }

    [Fact]
    public async Task Splits_must_add_up_exactly_and_name_the_split()
    {
        using var requester = await factory.ClientForAsync("requester");
        var departments = await factory.WithDbAsync(db => db.Departments.OrderBy(d => d.Code).Select(d => d.Id).Take(2).ToListAsync(Ct));
        using var bad = await requester.PostAsync("/api/v1/requisitions", Json.Body($$"""
            {"title":"Split","lines":[{"description":"a","quantity":"3","unitPrice":"33.33"}],
             "splits":[{"departmentId":"{{departments[0]}}","percent":"60"},{"departmentId":"{{departments[1]}}","percent":"30"}]}
            """), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("splits", await Json.ErrorFieldsAsync(bad));

        using var good = await requester.PostAsync("/api/v1/requisitions", Json.Body($$"""
            {"title":"Split","lines":[{"description":"a","quantity":"3","unitPrice":"33.33"}],
             "splits":[{"departmentId":"{{departments[0]}}","percent":"66.6667"},{"departmentId":"{{departments[1]}}","percent":"33.3333"}]}
            """), Ct);
        var created = await Json.ReadAsync(good);
        Assert.Equal(["66.66", "33.33"], created["splits"]!.AsArray().Select(s => (string?)s!["amount"]!["amount"]));
    }
}
