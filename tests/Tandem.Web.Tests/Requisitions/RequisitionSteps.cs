using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Requisitions;

/// <summary>Shared steps of the requisition and approval tests: raising, submitting and deciding through the API.</summary>
internal static class RequisitionSteps
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<string> GlAccountAsync(TandemFactory factory, string code = "6100") =>
        factory.WithDbAsync(async db => (await db.GlAccounts.FirstAsync(g => g.Code == code)).Id.ToString());

    /// <summary>A free-text (non-catalog) request for one item at <paramref name="amount"/>, charged to the requester's department.</summary>
    public static async Task<JsonNode> CreateAsync(HttpClient client, string amount, string glAccountId, string title = "Lab centrifuge")
    {
        using var response = await client.PostAsync("/api/v1/requisitions", Json.Body($$"""
            {"title":"{{title}}","justification":"Needed for the new lab","lines":[
              {"description":"{{title}}","quantity":"1","unitPrice":"{{amount}}","glAccountId":"{{glAccountId}}","needBy":"2026-12-15"}]}
            """), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    public static async Task<JsonNode> SubmitAsync(HttpClient client, JsonNode requisition)
    {
        using var response = await client.PostAsync($"/api/v1/requisitions/{requisition["id"]}/submit", null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    public static async Task<JsonNode> RaiseAsync(HttpClient client, string amount, string glAccountId, string title = "Lab centrifuge") =>
        await SubmitAsync(client, await CreateAsync(client, amount, glAccountId, title));

    public static Task<HttpResponseMessage> DecideAsync(HttpClient client, JsonNode requisition, string decision, string? comment = null) =>
        client.PostAsync($"/api/v1/approvals/{requisition["id"]}/decision",
            Json.Body($$"""{"decision":"{{decision}}","comment":{{(comment is null ? "null" : $"\"{comment}\"")}}}"""), Ct);

    public static async Task<JsonNode> ApproveAsync(HttpClient client, JsonNode requisition)
    {
        using var response = await DecideAsync(client, requisition, "approve");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    public static async Task<JsonNode> UpdateAsync(HttpClient client, JsonNode requisition, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/requisitions/{requisition["id"]}") { Content = Json.Body(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{requisition["version"]}\""));
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    /// <summary>The steps of the latest round: (rule, status, approver names).</summary>
    public static List<(string Rule, string Status, string Approvers)> Route(JsonNode requisition)
    {
        var steps = requisition["route"]!.AsArray();
        var round = steps.Max(s => (int)s!["round"]!);
        return [.. steps.Where(s => (int)s!["round"]! == round).Select(s => (
            (string)s!["ruleName"]!, (string)s["status"]!, string.Join(", ", s["approvers"]!.AsArray().Select(a => (string)a!["approver"]!["name"]!))))];
    }
}
