using System.Net;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Platform;

/// <summary>Every create endpoint gets malformed requests: each is a 400 problem naming the field, never a 500.</summary>
public sealed class BadInputTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    public static TheoryData<string, string, string, string> Cases()
    {
        var endpoints = new (string Url, string Valid, string RequiredField, string LongField)[]
        {
            ("/api/v1/companies", """{"code":"C1","name":"C","baseCurrency":"EUR","timeZone":"Europe/Berlin","fiscalYearStartMonth":4}""", "name", "name"),
            ("/api/v1/departments", """{"code":"D1","name":"D"}""", "name", "name"),
            ("/api/v1/locations", """{"code":"L1","name":"L","country":"DE"}""", "country", "city"),
            ("/api/v1/cost-centers", """{"code":"CC1","name":"C"}""", "code", "name"),
            ("/api/v1/projects", """{"code":"P1","name":"P"}""", "name", "name"),
            ("/api/v1/gl-accounts", """{"code":"9999","name":"G","type":"expense"}""", "name", "name"),
            ("/api/v1/users", """{"email":"new@x.test","displayName":"N","password":"long-enough-password","roles":[{"role":"requester"}]}""", "email", "displayName"),
            ("/api/v1/me/api-tokens", """{"name":"ci"}""", "name", "name"),
            ("/api/v1/vendors", """{"code":"BV1","legalName":"B","country":"DE","defaultCurrency":"EUR"}""", "legalName", "legalName"),
            ("/api/v1/vendors/document-types", """{"code":"DT1","name":"D"}""", "name", "name"),
            ("/api/v1/catalog/categories", """{"code":"CAT1","name":"C"}""", "name", "name"),
            ("/api/v1/catalog/catalogs", """{"code":"K1","name":"K"}""", "name", "name"),
            ("/api/v1/budgets", """{"period":"2030-01","amount":{"amount":"10.00","currency":"USD"}}""", "period", "name"),
        };
        var data = new TheoryData<string, string, string, string>();
        foreach (var (url, valid, required, longField) in endpoints)
        {
            var obj = System.Text.Json.Nodes.JsonNode.Parse(valid)!.AsObject();
            var unknown = obj.DeepClone().AsObject();
            unknown["surprise"] = 1;
            data.Add(url, unknown.ToJsonString(), "surprise", "unknown field");
            var missing = obj.DeepClone().AsObject();
            missing.Remove(required);
            data.Add(url, missing.ToJsonString(), required, "missing required");
            var wrongType = obj.DeepClone().AsObject();
            wrongType[required] = new System.Text.Json.Nodes.JsonObject();
            data.Add(url, wrongType.ToJsonString(), required, "wrong type");
            var tooLong = obj.DeepClone().AsObject();
            tooLong[longField] = new string('x', 5000);
            data.Add(url, tooLong.ToJsonString(), longField, "too long");
            data.Add(url, "{\"name\": ", "name", "malformed json (truncated where the parser stopped)");
        }

        data.Add("/api/v1/users", """{"email":"m@x.test","displayName":"M","password":"long-enough-password","approvalLimit":{"amount":"12.345","currency":"USD"}}""", "approvalLimit.amount", "too many decimals");
        data.Add("/api/v1/users", """{"email":"m@x.test","displayName":"M","password":"long-enough-password","approvalLimit":{"amount":"12","currency":"XYZ"}}""", "approvalLimit.currency", "unknown currency");
        data.Add("/api/v1/users", """{"email":"m@x.test","displayName":"M","password":"long-enough-password","approvalLimit":{"amount":"-5","currency":"USD"}}""", "approvalLimit.amount", "negative money");
        data.Add("/api/v1/users", """{"email":"m@x.test","displayName":"M","password":"long-enough-password","approvalLimit":{"amount":12.5,"currency":"USD"}}""", "approvalLimit.amount", "money as a number");
        data.Add("/api/v1/users", """{"email":"m@x.test","displayName":"M","password":"long-enough-password","roles":[{"role":"king"}]}""", "roles[0].role", "unknown role");
        data.Add("/api/v1/users", """{"email":"m@x.test","displayName":"M","password":"short"}""", "password", "weak password");
        data.Add("/api/v1/companies", """{"code":"C2","name":"C","baseCurrency":"EURO"}""", "baseCurrency", "unknown currency");
        data.Add("/api/v1/companies", """{"code":"C3","name":"C","baseCurrency":"EUR","timeZone":"Mars/Olympus"}""", "timeZone", "unknown time zone");
        data.Add("/api/v1/companies", """{"code":"C4","name":"C","baseCurrency":"EUR","fiscalYearStartMonth":13}""", "fiscalYearStartMonth", "month out of range");
        data.Add("/api/v1/gl-accounts", """{"code":"9998","name":"G","type":"liabilities"}""", "type", "unknown enum");
        data.Add("/api/v1/departments", """{"code":"has space","name":"D"}""", "code", "bad code");
        data.Add("/api/v1/departments", """{"code":"D9","name":"D","managerId":"not-a-guid"}""", "managerId", "malformed guid");
        data.Add("/api/v1/departments", $$"""{"code":"D8","name":"D","managerId":"{{Guid.CreateVersion7()}}"}""", "managerId", "unknown reference");
        data.Add("/api/v1/projects", """{"code":"P9","name":"P","startsOn":"2026-05-01","endsOn":"2026-04-01"}""", "endsOn", "ends before start");
        data.Add("/api/v1/me/api-tokens", """{"name":"t","roles":["admin"]}""", "roles[0]", "role not held");
        data.Add("/api/v1/me/api-tokens", """{"name":"t","expiresInDays":-1}""", "expiresInDays", "negative days");
        data.Add("/api/v1/budgets", """{"period":"March","amount":{"amount":"10.00","currency":"USD"}}""", "period", "unreadable period");
        data.Add("/api/v1/budgets", """{"period":"2030-02","amount":{"amount":"10.00","currency":"EUR"}}""", "amount.amount", "not the company currency");
        data.Add("/api/v1/budgets", """{"period":"2030-02","amount":{"amount":"-10.00","currency":"USD"}}""", "amount.amount", "negative budget");
        data.Add("/api/v1/budgets", """{"period":"2030-02","amount":{"amount":"10.00","currency":"USD"},"control":"stop"}""", "control", "unknown control");
        data.Add("/api/v1/budgets", $$"""{"period":"2030-02","amount":{"amount":"10.00","currency":"USD"},"departmentId":"{{Guid.CreateVersion7()}}"}""", "departmentId", "unknown department");
        data.Add("/api/v1/budgets/reallocate", """{"amount":{"amount":"1.00","currency":"USD"},"reason":"r"}""", "fromId", "missing lines");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_requests_are_400_naming_the_field(string url, string body, string field, string what)
    {
        // Admin for org data; the requester, signed in through the page, for their own tokens (tokens cannot mint tokens).
        using var client = url.Contains("/me/", StringComparison.Ordinal) ? await factory.SignedInClientAsync("requester") : await factory.ClientForAsync("admin");
        using var response = await client.PostAsync(url, Json.Body(body), TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, await Json.ErrorFieldsAsync(response));
    }

    [Theory]
    [InlineData("/api/v1/invoices", $$"""{"purchaseOrderId":"{{ZeroId}}","number":"B-1","invoiceDate":"","lines":[{"quantity":"1"}]}""", "invoiceDate")]
    [InlineData("/api/v1/invoices", $$"""{"purchaseOrderId":"{{ZeroId}}","number":"B-2","invoiceDate":"  ","lines":[{"quantity":"1"}]}""", "invoiceDate")]
    [InlineData("/api/v1/payment-runs", $$"""{"payDate":"","bankAccountId":"{{ZeroId}}"}""", "payDate")]
    [InlineData("/api/v1/payment-runs", $$"""{"payDate":"2030-01-01","bankAccountId":"{{ZeroId}}","invoiceIds":[]}""", "invoiceIds")]
    public async Task Blank_dates_and_empty_choices_are_400_naming_the_field(string url, string body, string field)
    {
        using var client = await factory.ClientForAsync("ap");
        using var response = await client.PostAsync(url, Json.Body(body), TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        Assert.Contains(field, await Json.ErrorFieldsAsync(response));
    }

    private const string ZeroId = "00000000-0000-0000-0000-000000000000";

    [Fact]
    public async Task A_non_json_body_is_415_not_500()
    {
        using var admin = await factory.ClientForAsync("admin");
        using var response = await admin.PostAsync("/api/v1/departments", new StringContent("code=X", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}
