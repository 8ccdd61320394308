using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Budgets;

/// <summary>Shared steps of the budget tests: budget lines and requests charged to a department, through the API.</summary>
internal static class BudgetSteps
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<string> IdOfAsync(TandemFactory factory, string table, string code) => factory.WithDbAsync(async db => table switch
    {
        "department" => (await db.Departments.SingleAsync(d => d.Code == code, Ct)).Id.ToString(),
        "gl" => (await db.GlAccounts.SingleAsync(g => g.Code == code, Ct)).Id.ToString(),
        "user" => (await db.Users.SingleAsync(u => u.Email == code + "@demo.tandem.dev", Ct)).Id.ToString(),
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    });

    /// <summary>A budget line: <paramref name="fields"/> is the rest of the JSON body (dimensions, control, owner).</summary>
    public static async Task<JsonNode> BudgetAsync(HttpClient controller, string period, string amount, string fields)
    {
        using var response = await controller.PostAsync("/api/v1/budgets", Json.Body($$"""{"period":"{{period}}","amount":{"amount":"{{amount}}","currency":"USD"},{{fields}}}"""), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await Json.ReadAsync(response);
    }

    public static async Task<JsonNode> LineAsync(HttpClient client, JsonNode budget)
    {
        using var response = await client.GetAsync($"/api/v1/budgets/{budget["id"]}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Json.ReadAsync(response))["line"]!;
    }

    /// <summary>(pre-committed, committed, actual, available) of a line, as the API writes them.</summary>
    public static async Task<(string, string, string, string)> FiguresAsync(HttpClient client, JsonNode budget)
    {
        var line = await LineAsync(client, budget);
        return ((string)line["preCommitted"]!["amount"]!, (string)line["committed"]!["amount"]!, (string)line["actual"]!["amount"]!, (string)line["available"]!["amount"]!);
    }

    /// <summary>A free-text request of one line on a GL account, charged wholly to a department, needed by a date (the budget period).</summary>
    public static async Task<JsonNode> CreateAsync(HttpClient client, string amount, string gl, string department, string? needBy, string title = "Budgeted purchase")
    {
        var need = needBy is null ? "" : $",\"needBy\":\"{needBy}\"";
        using var response = await client.PostAsync("/api/v1/requisitions", Json.Body($$"""
            {"title":"{{title}}","lines":[{"description":"{{title}}","quantity":"1","unitPrice":"{{amount}}","glAccountId":"{{gl}}"{{need}}}],
             "splits":[{"departmentId":"{{department}}","percent":"100"}]}
            """), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await Json.ReadAsync(response);
    }

    public static Task<HttpResponseMessage> TrySubmitAsync(HttpClient client, JsonNode requisition) =>
        client.PostAsync($"/api/v1/requisitions/{requisition["id"]}/submit", null, Ct);

    public static async Task<JsonNode> CheckAsync(HttpClient client, JsonNode requisition)
    {
        using var response = await client.GetAsync($"/api/v1/budgets/check?requisitionId={requisition["id"]}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    public static async Task<JsonNode> ReviseAsync(HttpClient client, JsonNode budget, string body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/budgets/{budget["id"]}") { Content = Json.Body(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{budget["version"]}\""));
        using var response = await client.SendAsync(request, Ct);
        Assert.True(response.StatusCode == expected, await response.Content.ReadAsStringAsync(Ct));
        return await Json.ReadAsync(response);
    }
}
