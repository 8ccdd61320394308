using System.Net;
using System.Net.Http.Headers;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Account;

/// <summary>Sign-in with lockout, API token lifecycle (shown once, hashed, revocable), idempotent creates.</summary>
public sealed class AccessTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_token_is_shown_once_works_and_stops_working_when_revoked()
    {
        using var session = await factory.SignedInClientAsync("buyer");
        using var created = await session.PostAsync("/api/v1/me/api-tokens", Json.Body("""{"name":"erp sync","roles":["buyer"]}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Json.ReadAsync(created);
        var secret = (string)body["secret"]!;
        var id = (string)body["token"]!["id"]!;
        Assert.StartsWith("tdm_", secret, StringComparison.Ordinal);
        var stored = await factory.WithDbAsync(db => Task.FromResult(db.ApiTokens.Single(t => t.Id == Guid.Parse(id))));
        Assert.NotEqual(secret, stored.TokenHash);
        Assert.DoesNotContain(secret, await session.GetStringAsync("/api/v1/me/api-tokens", Ct), StringComparison.Ordinal);

        using var integration = factory.CreateClient();
        integration.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var me = await Json.ReadAsync(await integration.GetAsync("/api/v1/me", Ct));
        Assert.Equal("buyer@demo.tandem.dev", (string?)me["email"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await integration.PostAsync("/api/v1/me/api-tokens", Json.Body("""{"name":"x"}"""), Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await session.PostAsync($"/api/v1/me/api-tokens/{id}/revoke", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await integration.GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await TandemFactory.SignInAsync(client, "receiver@demo.tandem.dev", "not-the-password");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var right = await TandemFactory.SignInAsync(client, "receiver@demo.tandem.dev", Tandem.Web.Platform.Hosting.DemoData.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deactivated_users_lose_their_session_at_once()
    {
        using var session = await factory.SignedInClientAsync("ap");
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/me", Ct)).StatusCode);
        await factory.WithDbAsync(async db =>
        {
            var user = db.Users.Single(u => u.Email == "ap@demo.tandem.dev");
            user.IsActive = false;
            return await db.SaveChangesAsync(Ct);
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Idempotency_key_replays_the_first_response_and_refuses_a_different_body()
    {
        using var admin = await factory.ClientForAsync("admin");
        async Task<HttpResponseMessage> Post(string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/projects") { Content = Json.Body(body) };
            request.Headers.Add("Idempotency-Key", "create-proj-idem-1");
            return await admin.SendAsync(request, Ct);
        }

        using var first = await Post("""{"code":"IDEM","name":"Idempotent"}""");
        using var second = await Post("""{"code":"IDEM","name":"Idempotent"}""");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await factory.WithDbAsync(db => Task.FromResult(db.Projects.Count(p => p.Code == "IDEM"))));

        using var different = await Post("""{"code":"IDEM2","name":"Other"}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_create_one_record()
    {
        using var admin = await factory.ClientForAsync("admin");
        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cost-centers") { Content = Json.Body("""{"code":"CC-IDEM","name":"Once"}""") };
            request.Headers.Add("Idempotency-Key", "cc-once");
            using var response = await admin.SendAsync(request, Ct);
            return response.StatusCode;
        }));
        Assert.Contains(HttpStatusCode.Created, statuses);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.Conflict, s.ToString()));
        Assert.Equal(1, await factory.WithDbAsync(db => Task.FromResult(db.CostCenters.Count(c => c.Code == "CC-IDEM"))));
    }
}
