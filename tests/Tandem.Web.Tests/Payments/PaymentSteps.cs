using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Vendors;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Payments;

/// <summary>Shared steps of the payment tests: vendors that can be paid, ready-to-pay invoices, bank accounts, runs.</summary>
internal static class PaymentSteps
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new active vendor with a verified bank account, the given terms and a tax id (for electronic credit notes).</summary>
    public static async Task<Guid> PayableVendorAsync(TandemFactory factory, string code, string terms = "net 30", string? iban = "DE89370400440532013000", string? taxId = null)
    {
        var id = await NewVendorAsync(factory, code);
        var t = PaymentTerms.Parse(terms).Value;
        await factory.WithDbAsync(async db =>
        {
            var v = await db.Vendors.SingleAsync(x => x.Id == id);
            (v.PaymentNetDays, v.PaymentDiscountBasisPoints, v.PaymentDiscountDays, v.PaymentEndOfMonth) = (t.NetDays, t.DiscountBasisPoints, t.DiscountDays, t.EndOfMonth);
            if (iban is not null)
            {
                (v.BankAccountHolder, v.BankIban, v.BankBic, v.BankMasked, v.BankVerifiedAtUtc) = ($"{code} Supplies Ltd", iban, "COBADEFFXXX", $"DE •••• {iban[^4..]}", DateTime.UtcNow);
            }
            else
            {
                (v.BankAccountHolder, v.BankAccountNumber, v.BankRoutingNumber, v.BankMasked, v.BankVerifiedAtUtc) = ($"{code} Supplies Inc", "000123456789", "021000021", "•••• 6789", DateTime.UtcNow);
            }

            if (taxId is not null)
            {
                (v.TaxId, v.TaxIdKey) = (taxId, VendorNames.NormalizeTaxId(taxId));
            }

            return await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>An invoice ready to pay: an order of one line at <paramref name="amount"/>, received in full, invoiced without tax.</summary>
    public static async Task<JsonNode> ReadyInvoiceAsync(TandemFactory factory, Guid vendorId, string amount, string invoiceDate, string number)
    {
        var order = await IssuedOrderAsync(factory, amount, "1", $"Payment probe {number}", vendorId);
        using var receiver = await factory.ClientForAsync("receiver");
        await PostOkAsync(receiver, "/api/v1/receipts", $$"""{"purchaseOrderId":"{{order["id"]}}","lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","accepted":"1"}]}""");
        using var ap = await factory.ClientForAsync("ap");
        var invoice = await PostOkAsync(ap, "/api/v1/invoices", $$"""
            {"purchaseOrderId":"{{order["id"]}}","number":"{{number}}","invoiceDate":"{{invoiceDate}}","tax":"0.00",
             "lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","quantity":"1","unitPrice":"{{amount}}"}]}
            """);
        Assert.Equal("readyToPay", (string)invoice["status"]!);
        invoice["order"] = order;
        return invoice;
    }

    /// <summary>The company's bank account the tests pay from (created once per database).</summary>
    public static async Task<string> BankAccountAsync(TandemFactory factory, string format = "pain.001.001.09")
    {
        using var controller = await factory.ClientForAsync("controller");
        var name = $"Operating {format}";
        var existing = (await Json.ReadAsync(await controller.GetAsync("/api/v1/bank-accounts", Ct))).AsArray().FirstOrDefault(a => (string)a!["name"]! == name);
        if (existing is not null)
        {
            return (string)existing["id"]!;
        }

        var account = await PostOkAsync(controller, "/api/v1/bank-accounts", $$"""
            {"name":"{{name}}","currency":"USD","fileFormat":"{{format}}","bank":{"accountHolder":"Demo Company Inc","iban":"GB29NWBK60161331926819","bic":"NWBKGB2L"} }
            """);
        return (string)account["id"]!;
    }

    public static async Task<HttpResponseMessage> ProposeAsync(HttpClient client, string bankAccountId, string payDate, string? dueBy = null) =>
        await client.PostAsync("/api/v1/payment-runs", Json.Body(
            $$"""{"payDate":"{{payDate}}","dueBy":{{Quoted(dueBy)}},"bankAccountId":"{{bankAccountId}}"}"""), Ct);

    private static string Quoted(string? value) => value is null ? "null" : $"\"{value}\"";

    public static async Task<JsonNode> RunAsync(HttpClient client, string runId) => await Json.ReadAsync(await client.GetAsync($"/api/v1/payment-runs/{runId}", Ct));

    /// <summary>The payment of one vendor in a run, or null.</summary>
    public static JsonNode? PaymentOf(JsonNode run, Guid vendorId) =>
        run["payments"]!.AsArray().SingleOrDefault(p => (string)p!["vendorId"]! == vendorId.ToString());

    /// <summary>Proposed by AP, submitted, approved by the controller: the run's id.</summary>
    public static async Task<string> ApprovedRunAsync(TandemFactory factory, string payDate, string? dueBy = null)
    {
        using var ap = await factory.ClientForAsync("ap");
        using var proposed = await ProposeAsync(ap, await BankAccountAsync(factory), payDate, dueBy);
        Assert.True(proposed.StatusCode == HttpStatusCode.Created, await proposed.Content.ReadAsStringAsync(Ct));
        var id = (string)(await Json.ReadAsync(proposed))["id"]!;
        await PostOkAsync(ap, $"/api/v1/payment-runs/{id}/submit");
        using var controller = await factory.ClientForAsync("controller");
        var approved = await PostOkAsync(controller, $"/api/v1/payment-runs/{id}/approve");
        Assert.Equal("approved", (string)approved["status"]!);
        return id;
    }

    public static async Task<byte[]> FileAsync(HttpClient client, string runId, string format)
    {
        using var response = await client.GetAsync($"/api/v1/payment-runs/{runId}/file?format={format}", Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadAsByteArrayAsync(Ct);
    }

    public static StringContent Csv(string text)
    {
        var body = new StringContent(text);
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return body;
    }
}
