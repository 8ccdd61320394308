using System.Net;
using System.Net.Http.Headers;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Vendors;

/// <summary>Bank details change only when a controller other than the proposer approves; until then the old account stays.</summary>
public sealed class BankChangeTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> DecideAsync(HttpClient client, string vendorId, string changeId, string decision, string etag, string? note = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/vendors/{vendorId}/bank-changes/{changeId}/decision")
        {
            Content = Json.Body($$"""{"decision":"{{decision}}","note":{{(note is null ? "null" : $"\"{note}\"")}}}"""),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        return await client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_bank_change_waits_for_a_second_person_and_every_attempt_is_audited()
    {
        using var buyer = await factory.ClientForAsync("buyer");
        using var controller = await factory.ClientForAsync("controller");
        using var ap = await factory.ClientForAsync("ap");
        var vendor = await VendorSteps.CreateAsync(buyer, "BANK1", bankJson: """{"accountHolder":"Bank One Ltd","iban":"GB82 WEST 1234 5698 7654 32","bic":"WESTGB2L"}""");
        var id = (string)vendor["id"]!;
        Assert.Null(vendor["bank"]); // nothing verified yet

        var changes = await Json.ReadAsync(await controller.GetAsync($"/api/v1/vendors/{id}/bank-changes", Ct));
        var first = changes[0]!;
        Assert.Equal("pending", (string?)first["status"]);
        Assert.Equal("GB82WEST12345698765432", (string?)first["iban"]);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(controller, id, (string)first["id"]!, "approve", "\"0\"")).StatusCode);
        var verified = await Json.ReadAsync(await controller.GetAsync($"/api/v1/vendors/{id}", Ct));
        Assert.Equal("GB82WEST12345698765432", (string?)verified["bank"]!["iban"]);

        // AP proposes a new account: the verified one stays until a controller approves.
        using var proposed = await ap.PostAsync($"/api/v1/vendors/{id}/bank-changes", Json.Body("""
            {"accountHolder":"Bank One Ltd","iban":"DE89 3704 0044 0532 0130 00","reason":"Vendor letter of 2026-11-20"}
            """), Ct);
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var change = await Json.ReadAsync(proposed);
        Assert.Null((string?)change["iban"]); // AP sees it masked
        Assert.Equal("GB82WEST12345698765432", (string?)(await Json.ReadAsync(await controller.GetAsync($"/api/v1/vendors/{id}", Ct)))["bank"]!["iban"]);

        // The proposer cannot decide their own change — even a controller; AP cannot decide at all.
        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(ap, id, (string)change["id"]!, "approve", "\"0\"")).StatusCode);
        using var ownChange = await controller.PostAsync($"/api/v1/vendors/{id}/bank-changes", Json.Body("""
            {"accountHolder":"Bank One Ltd","accountNumber":"12345678","routingNumber":"011000015","reason":"Controller's own"}
            """), Ct);
        var own = await Json.ReadAsync(ownChange);
        using var selfApproval = await DecideAsync(controller, id, (string)own["id"]!, "approve", "\"0\"");
        Assert.Equal(HttpStatusCode.Forbidden, selfApproval.StatusCode);
        Assert.Equal("bank_change.self_approval", (string?)(await Json.ReadAsync(selfApproval))["code"]);

        // The newer proposal superseded AP's; a second controller rejects the controller's own with a reason.
        var all = await Json.ReadAsync(await controller.GetAsync($"/api/v1/vendors/{id}/bank-changes", Ct));
        Assert.Equal(["pending", "superseded", "approved"], all.AsArray().Select(c => (string?)c!["status"]));
        using var admin = await factory.ClientForAsync("admin");
        await admin.PostAsync("/api/v1/users", Json.Body("""{"email":"controller2@demo.tandem.dev","displayName":"Chris Second","password":"long-enough-password","roles":[{"role":"controller"}]}"""), Ct);
        using var controller2 = await factory.ClientForAsync("controller2");
        Assert.Equal(HttpStatusCode.BadRequest, (await DecideAsync(controller2, id, (string)own["id"]!, "reject", "\"0\"")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(controller2, id, (string)own["id"]!, "reject", "\"0\"", "Call-back to vendor failed")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await DecideAsync(controller2, id, (string)own["id"]!, "approve", "\"1\"")).StatusCode);
        Assert.Equal("GB82WEST12345698765432", (string?)(await Json.ReadAsync(await controller.GetAsync($"/api/v1/vendors/{id}", Ct)))["bank"]!["iban"]);

        var audit = await Json.ReadAsync(await admin.GetAsync("/api/v1/audit?entityType=BankChangeRequest&pageSize=50", Ct));
        var text = audit.ToJsonString();
        Assert.Contains("Call-back to vendor failed", text, StringComparison.Ordinal);
        Assert.DoesNotContain("12345678\"", text, StringComparison.Ordinal); // account numbers never reach the trail
        Assert.DoesNotContain("DE89370400440532013000", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"accountHolder":"X","iban":"DE89 3704 0044 0532 0130 01","reason":"r"}""", "bank.iban")]
    [InlineData("""{"accountHolder":"X","accountNumber":"12","routingNumber":"021000022","reason":"r"}""", "bank.routingNumber")]
    [InlineData("""{"accountHolder":"X","iban":"GB82WEST12345698765432"}""", "reason")]
    public async Task Invalid_bank_details_are_refused(string body, string field)
    {
        using var buyer = await factory.ClientForAsync("buyer");
        var list = await Json.ReadAsync(await buyer.GetAsync("/api/v1/vendors?q=NORTHWIND", Ct));
        using var response = await buyer.PostAsync($"/api/v1/vendors/{list["items"]![0]!["id"]}/bank-changes", Json.Body(body), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await Json.ErrorFieldsAsync(response));
    }
}
