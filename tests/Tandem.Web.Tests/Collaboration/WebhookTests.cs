using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Domain.Collaboration;
using Tandem.Web.Features.Webhooks;
using Tandem.Web.Platform.Jobs;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Vendors;
using static Tandem.Web.Tests.Requisitions.RequisitionSteps;

namespace Tandem.Web.Tests.Collaboration;

/// <summary>Signed webhooks end to end: a real receiver on 127.0.0.1, the delivery job, retries with backoff on a fake clock.</summary>
public sealed class WebhookTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requisition_and_approval_events_arrive_signed_and_a_failed_delivery_is_retried_with_backoff()
    {
        await using var receiver = new WebhookReceiver();
        using var admin = await factory.ClientForAsync("admin");
        using var created = await admin.PostAsync("/api/v1/webhooks", Json.Body($$"""
            {"url":"{{receiver.Url}}","description":"ERP bridge","events":["requisition.*","approval.decided"]}
            """), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var hook = await Json.ReadAsync(created);
        var secret = (string)hook["secret"]!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Null((await Json.ReadAsync(await admin.GetAsync($"/api/v1/webhooks/{hook["id"]}", Ct)))["secret"]);

        // A 700.00 free-text request goes to the buyer, then the Engineering manager; both approve.
        using var requester = await factory.ClientForAsync("requester");
        using var buyer = await factory.ClientForAsync("buyer");
        using var manager = await factory.ClientForAsync("approver");
        var requisition = await RaiseAsync(requester, "700.00", await GlAccountAsync(factory), "Oscilloscope probe set");
        await ApproveAsync(buyer, requisition);
        await ApproveAsync(manager, requisition);

        // The receiver is down for the first attempt.
        receiver.Answers.Enqueue(503);
        await RunDeliveryAsync();
        var deliveries = await DeliveriesAsync(admin, hook);
        var failed = deliveries.Single(d => (int?)d["lastStatusCode"] == 503);
        Assert.Equal("pending", (string?)failed["status"]);
        Assert.Equal(1, (int?)failed["attempts"]);
        Assert.Equal(factory.Clock.Now.UtcDateTime.AddMinutes(1), (DateTime?)failed["nextAttemptAtUtc"]);
        Assert.StartsWith("HTTP 503", (string?)failed["lastError"], StringComparison.Ordinal);

        // Not due yet: nothing is sent again until the backoff has passed.
        var sent = receiver.Received.Count;
        await RunDeliveryAsync();
        Assert.Equal(sent, receiver.Received.Count);
        factory.Clock.Now = factory.Clock.Now.AddMinutes(1);
        await RunDeliveryAsync();
        Assert.All(await DeliveriesAsync(admin, hook), d => Assert.Equal("delivered", (string?)d["status"]));

        // Each event once (the retried one twice; order is not promised), signed with the secret over the exact body.
        var events = receiver.Received.ToList();
        Assert.Equal(
            ["approval.decided", "requisition.approved", "requisition.created", "requisition.submitted"],
            events.Select(e => e.Event).Distinct().Order());
        Assert.Equal(6, events.Count);
        var now = factory.Clock.Now.ToUnixTimeSeconds();
        Assert.All(events, e => Assert.True(WebhookRules.Verify(secret, e.Signature, e.Body, now), e.Event));
        var approved = JsonNode.Parse(events.Last(e => e.Event == "requisition.approved").Body)!;
        Assert.Equal((string?)requisition["number"], (string?)approved["data"]!["number"]);
        Assert.Equal("700.00", (string?)approved["data"]!["total"]!["amount"]);
        var decided = events.Where(e => e.Event == "approval.decided").Select(e => JsonNode.Parse(e.Body)!["data"]!).DistinctBy(d => (int?)d["sequence"]).OrderBy(d => (int?)d["sequence"]).ToList();
        Assert.Equal([(1, "approve"), (2, "approve")], decided.Select(d => ((int)d["sequence"]!, (string?)d["decision"])));
    }

    [Fact]
    public async Task A_receiver_that_never_answers_well_is_given_up_after_the_last_retry_and_can_be_resent_by_hand()
    {
        await using var receiver = new WebhookReceiver();
        using var admin = await factory.ClientForAsync("admin");
        var hook = await Json.ReadAsync(await admin.PostAsync("/api/v1/webhooks", Json.Body($$"""{"url":"{{receiver.Url}}","events":["*"]}"""), Ct));
        using (var ping = await admin.PostAsync($"/api/v1/webhooks/{hook["id"]}/ping", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        }

        for (var i = 0; i < WebhookRules.MaxAttempts; i++)
        {
            receiver.Answers.Enqueue(500);
            await RunDeliveryAsync();
            factory.Clock.Now = factory.Clock.Now.AddDays(1);
        }

        var gaveUp = (await DeliveriesAsync(admin, hook)).Single();
        Assert.Equal("failed", (string?)gaveUp["status"]);
        Assert.Equal(WebhookRules.MaxAttempts, (int?)gaveUp["attempts"]);
        Assert.Null((DateTime?)gaveUp["nextAttemptAtUtc"]);

        using (var retry = await admin.PostAsync($"/api/v1/webhooks/{hook["id"]}/deliveries/{gaveUp["id"]}/retry", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        }

        await RunDeliveryAsync();
        Assert.Equal("delivered", (string?)(await DeliveriesAsync(admin, hook)).Single()["status"]);
        Assert.All(receiver.Received, e => Assert.Equal("webhook.ping", e.Event));
    }

    [Theory]
    [InlineData("""{"url":"ftp://example.com/hook","events":["*"]}""", "url")]
    [InlineData("""{"url":"http://erp.example.com/hook","events":["*"]}""", "url")]
    [InlineData("""{"url":"https://user:pw@erp.example.com/hook","events":["*"]}""", "url")]
    [InlineData("""{"url":"https://erp.example.com/hook","events":[]}""", "events")]
    [InlineData("""{"url":"https://erp.example.com/hook","events":["invoice.*"]}""", "events[0]")]
    public async Task Bad_subscriptions_are_refused_naming_the_field(string body, string field)
    {
        using var admin = await factory.ClientForAsync("admin");
        using var response = await admin.PostAsync("/api/v1/webhooks", Json.Body(body), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await Json.ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task Only_admins_manage_webhooks_and_updates_need_the_current_version()
    {
        using var controller = await factory.ClientForAsync("controller");
        Assert.Equal(HttpStatusCode.Forbidden, (await controller.GetAsync("/api/v1/webhooks", Ct)).StatusCode);

        using var admin = await factory.ClientForAsync("admin");
        var hook = await Json.ReadAsync(await admin.PostAsync("/api/v1/webhooks", Json.Body("""{"url":"https://erp.example.com/hook","events":["approval.*"]}"""), Ct));
        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/webhooks/{hook["id"]}")
        {
            Content = Json.Body("""{"url":"https://erp.example.com/v2","events":["approval.*"],"isActive":false}"""),
        };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"99\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await admin.SendAsync(stale, Ct)).StatusCode);

        var rotated = await Json.ReadAsync(await admin.PostAsync($"/api/v1/webhooks/{hook["id"]}/rotate-secret", null, Ct));
        Assert.NotEqual((string?)hook["secret"], (string?)rotated["secret"]);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/webhooks/{hook["id"]}", Ct)).StatusCode);
    }

    private static async Task<List<JsonNode>> DeliveriesAsync(HttpClient admin, JsonNode hook) =>
        [.. (await Json.ReadAsync(await admin.GetAsync($"/api/v1/webhooks/{hook["id"]}/deliveries?pageSize=100", Ct)))["items"]!.AsArray().Select(d => d!)];

    private async Task RunDeliveryAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await factory.Services.GetServices<IScheduledJob>().OfType<WebhookDeliveryJob>().Single().RunAsync(scope.ServiceProvider, Ct);
    }
}
