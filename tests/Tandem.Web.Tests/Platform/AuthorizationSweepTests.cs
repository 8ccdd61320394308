using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Platform;

/// <summary>Every API endpoint: anonymous → 401; a caller without any of the declared roles → 403.</summary>
public sealed class AuthorizationSweepTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private IReadOnlyList<(string Method, string Route, string[] Roles, string ContentType)> ApiEndpoints() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (
                Method: m,
                Route: e.RoutePattern.RawText!,
                Roles: e.Metadata.GetOrderedMetadata<IAuthorizeData>().SelectMany(a => (a.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)).ToArray(),
                ContentType: e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes is { Count: > 0 } types ? types[0] : "application/json")))
            .ToList();

    private static HttpRequestMessage Request(string method, string route, string contentType) =>
        new(new HttpMethod(method), System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(route, "{[^}]+:int}", "1"), "{[^}]+}", Guid.CreateVersion7().ToString()))
        {
            Content = method is "GET" ? null : new StringContent(contentType == "text/csv" ? "code,name,type\n" : "{}", System.Text.Encoding.UTF8, contentType),
        };

    [Fact]
    public void Every_api_endpoint_declares_authorization()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true).ToList();
        Assert.True(endpoints.Count >= 20, $"expected the API surface, found {endpoints.Count}");
        var undeclared = endpoints.Where(e => !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any()).Select(e => e.RoutePattern.RawText).ToList();
        Assert.Empty(undeclared);
    }

    [Fact]
    public async Task Anonymous_calls_get_401_problem_details()
    {
        using var client = factory.CreateClient();
        var failures = new List<string>();
        foreach (var (method, route, _, contentType) in ApiEndpoints())
        {
            using var request = Request(method, route, contentType);
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{method} {route}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Callers_without_a_declared_role_get_403()
    {
        var checkedCount = 0;
        var failures = new List<string>();
        foreach (var (method, route, roles, contentType) in ApiEndpoints().Where(e => e.Roles.Length > 0))
        {
            var outsider = TandemFactory.People.First(p => !p.Roles.Intersect(roles).Any());
            using var client = await factory.ClientForAsync(outsider.Email);
            using var request = Request(method, route, contentType);
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            checkedCount++;
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                failures.Add($"{method} {route} as {outsider.Email}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(failures);
        Assert.True(checkedCount >= 10);
    }

    [Fact]
    public async Task A_token_limited_to_fewer_roles_cannot_use_the_others()
    {
        using var client = await factory.ClientForAsync("controller", "approver");
        using var response = await client.GetAsync("/api/v1/audit", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Health_checks_the_database_and_openapi_describes_the_api()
    {
        using var client = factory.CreateClient();
        var health = await client.GetStringAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal("Healthy", health);
        var openApi = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Contains("\"/api/v1/departments\"", openApi, StringComparison.Ordinal);
        Assert.Contains("\"/api/v1/users/{id}\"", openApi, StringComparison.Ordinal);
    }
}
