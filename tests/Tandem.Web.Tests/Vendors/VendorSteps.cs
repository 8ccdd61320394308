using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Vendors;

/// <summary>The steps of onboarding a vendor through the API, shared by the vendor tests.</summary>
internal static class VendorSteps
{
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"u8.ToArray();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<JsonNode> CreateAsync(HttpClient client, string code, string? taxId = null, Guid? requestedBy = null, string? legalName = null, string? bankJson = null)
    {
        var body = $$"""
            {"code":"{{code}}","legalName":"{{legalName ?? code + " Trading Ltd"}}","taxId":{{(taxId is null ? "null" : $"\"{taxId}\"")}},"country":"GB","defaultCurrency":"GBP",
             "paymentTerms":{"netDays":30,"discountPercent":2,"discountDays":10},
             "addresses":[{"kind":"remitTo","line1":"1 High Street","city":"London","postalCode":"EC1A 1AA","country":"GB"}],
             "contacts":[{"name":"Sam Sales","email":"sam@{{code.ToLowerInvariant()}}.example"}],
             "requestedById":{{(requestedBy is null ? "null" : $"\"{requestedBy}\"")}}{{(bankJson is null ? "" : ",\"bank\":" + bankJson)}}}
            """;
        using var response = await client.PostAsync("/api/v1/vendors", Json.Body(body), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await Json.ReadAsync(response);
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string vendorId, string documentTypeId, byte[] content, string fileName = "form.pdf", string? expiresOn = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(documentTypeId), "documentTypeId");
        if (expiresOn is not null)
        {
            form.Add(new StringContent(expiresOn), "expiresOn");
        }

        return await client.PostAsync($"/api/v1/vendors/{vendorId}/documents", form, Ct);
    }

    public static async Task<Dictionary<string, string>> DocumentTypesAsync(HttpClient client)
    {
        var types = await Json.ReadAsync(await client.GetAsync("/api/v1/vendors/document-types", Ct));
        return types.AsArray().ToDictionary(t => (string)t!["code"]!, t => (string)t!["id"]!);
    }

    /// <summary>Uploads the required documents as <paramref name="uploader"/> and has <paramref name="reviewer"/> accept them.</summary>
    public static async Task CompleteChecklistAsync(HttpClient uploader, HttpClient reviewer, string vendorId, string expiresOn = "2030-12-31")
    {
        var types = await DocumentTypesAsync(uploader);
        foreach (var (code, expiry) in new[] { ("TAX", (string?)null), ("COI", expiresOn) })
        {
            using var uploaded = await UploadAsync(uploader, vendorId, types[code], Pdf, $"{code}.pdf", expiry);
            Assert.True(uploaded.StatusCode == HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync(Ct));
            var doc = await Json.ReadAsync(uploaded);
            using var reviewed = await reviewer.PostAsync($"/api/v1/vendors/{vendorId}/documents/{doc["id"]}/review", Json.Body("""{"decision":"accept"}"""), Ct);
            Assert.True(reviewed.StatusCode == HttpStatusCode.OK, await reviewed.Content.ReadAsStringAsync(Ct));
        }
    }

    public static async Task<HttpResponseMessage> SetStatusAsync(HttpClient client, string vendorId, string status, string? reason = "test")
    {
        var current = await client.GetAsync($"/api/v1/vendors/{vendorId}", Ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/vendors/{vendorId}/status")
        {
            Content = Json.Body($$"""{"status":"{{status}}","reason":{{(reason is null ? "null" : $"\"{reason}\"")}}}"""),
        };
        request.Headers.IfMatch.Add(current.Headers.ETag!);
        return await client.SendAsync(request, Ct);
    }

    public static Task<HttpResponseMessage> SignOffAsync(HttpClient client, string vendorId, string? capacity = null) =>
        client.PostAsync($"/api/v1/vendors/{vendorId}/sign-offs", Json.Body(capacity is null ? "{}" : $$"""{"capacity":"{{capacity}}"}"""), Ct);

    public static async Task<Guid> UserIdAsync(TandemFactory factory, string who) =>
        await factory.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == $"{who}@demo.tandem.dev").Id));

    /// <summary>A vendor taken all the way to active: created by the buyer for the requester, checklist done, both sign-offs.</summary>
    public static async Task<JsonNode> ActiveVendorAsync(TandemFactory factory, HttpClient buyer, HttpClient controller, string code, string? taxId = null)
    {
        var vendor = await CreateAsync(buyer, code, taxId, await UserIdAsync(factory, "requester"));
        var id = (string)vendor["id"]!;
        await CompleteChecklistAsync(buyer, controller, id);
        Assert.Equal(HttpStatusCode.OK, (await SetStatusAsync(buyer, id, "inReview")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignOffAsync(buyer, id)).StatusCode);
        using var last = await SignOffAsync(controller, id);
        Assert.True(last.StatusCode == HttpStatusCode.OK, await last.Content.ReadAsStringAsync(Ct));
        return await Json.ReadAsync(last);
    }
}
