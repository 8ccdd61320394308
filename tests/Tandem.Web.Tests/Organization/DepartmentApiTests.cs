using System.Net;
using System.Net.Http.Headers;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Organization;

/// <summary>Create, read, update with ETags, conflicts, paging and the audit trail, through the API as an admin.</summary>
public sealed class DepartmentApiTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_read_update_with_etag_and_audit()
    {
        using var admin = await factory.ClientForAsync("admin");
        using var created = await admin.PostAsync("/api/v1/departments", Json.Body("""{"code":"lab","name":"Research Lab"}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Json.ReadAsync(created);
        Assert.Equal("LAB", (string?)body["code"]);
        var id = (string)body["id"]!;
        Assert.Equal($"/api/v1/departments/{id}", created.Headers.Location?.ToString());
        Assert.Equal("\"0\"", created.Headers.ETag?.Tag);

        using var duplicate = await admin.PostAsync("/api/v1/departments", Json.Body("""{"code":"LAB","name":"Again"}"""), Ct);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Contains("code", await Json.ErrorFieldsAsync(duplicate));

        using var noIfMatch = await admin.PutAsync($"/api/v1/departments/{id}", Json.Body("""{"code":"LAB","name":"Lab 2"}"""), Ct);
        Assert.Equal((HttpStatusCode)428, noIfMatch.StatusCode);

        using var update = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/departments/{id}") { Content = Json.Body("""{"code":"LAB","name":"Lab 2"}""") };
        update.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0\""));
        using var updated = await admin.SendAsync(update, Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("\"1\"", updated.Headers.ETag?.Tag);

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/departments/{id}") { Content = Json.Body("""{"code":"LAB","name":"Lab 3"}""") };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0\""));
        using var staleResponse = await admin.SendAsync(stale, Ct);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleResponse.StatusCode);

        var read = await Json.ReadAsync(await admin.GetAsync($"/api/v1/departments/{id}", Ct));
        Assert.Equal("Lab 2", (string?)read["name"]);

        var audit = await Json.ReadAsync(await admin.GetAsync($"/api/v1/audit?entityType=Department&entityId={id}", Ct));
        var items = audit["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.Equal("updated", (string?)items[0]!["action"]);
        Assert.Equal("Avery Admin (API token)", (string?)items[0]!["actorName"]);
        Assert.Contains("Research Lab", (string?)items[0]!["before"], StringComparison.Ordinal);
        Assert.Contains("Lab 2", (string?)items[0]!["after"], StringComparison.Ordinal);
        Assert.Equal("created", (string?)items[1]!["action"]);
    }

    [Fact]
    public async Task Unknown_id_is_404_and_paging_is_validated()
    {
        using var admin = await factory.ClientForAsync("admin");
        using var missing = await admin.GetAsync($"/api/v1/departments/{Guid.CreateVersion7()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

        var page = await Json.ReadAsync(await admin.GetAsync("/api/v1/departments?pageSize=3&page=2", Ct));
        Assert.Equal(3, page["items"]!.AsArray().Count);
        Assert.True((int)page["totalCount"]! >= 7);

        using var tooBig = await admin.GetAsync("/api/v1/departments?pageSize=1000", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.Contains("pageSize", await Json.ErrorFieldsAsync(tooBig));
    }

    [Fact]
    public async Task Requesters_read_departments_but_cannot_create_them()
    {
        using var requester = await factory.ClientForAsync("requester");
        Assert.Equal(HttpStatusCode.OK, (await requester.GetAsync("/api/v1/departments", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await requester.PostAsync("/api/v1/departments", Json.Body("""{"code":"X","name":"X"}"""), Ct)).StatusCode);
    }

    [Fact]
    public async Task Concurrent_updates_with_the_same_etag_let_exactly_one_win()
    {
        using var admin = await factory.ClientForAsync("admin");
        var created = await Json.ReadAsync(await admin.PostAsync("/api/v1/departments", Json.Body("""{"code":"RACE","name":"Race"}"""), Ct));
        var id = (string)created["id"]!;
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/departments/{id}") { Content = Json.Body($$"""{"code":"RACE","name":"Race {{i}}"}""") };
            put.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0\""));
            using var r = await admin.SendAsync(put, Ct);
            return r.StatusCode;
        }));
        Assert.Equal(1, responses.Count(s => s == HttpStatusCode.OK));
        Assert.All(responses.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.PreconditionFailed, s));
    }
}
