using System.Globalization;
using System.Text.Json.Nodes;

namespace Tandem.Cycle;

/// <summary>
/// One virtual user of the whole company, signed in once per role, running the full purchase-to-pay cycle through the
/// HTTP API as the people would: the requester raises a request of three catalog lines and submits it, the department
/// manager approves its one step, the buyer orders it from the vendor and issues the order, the receiver receives every
/// line, AP enters the vendor's invoice (it matches and is ready to pay), proposes a payment run for it and submits the
/// run, the controller approves it and AP confirms it (the invoice is paid). Every answer is checked.
/// </summary>
public sealed class PurchaseToPay(IReadOnlyDictionary<string, HttpClient> people, CycleWorld world, string runTag)
{
    /// <summary>The steps in order, as the report names them.</summary>
    public static readonly string[] Steps =
        ["requisition", "submit", "approve", "order", "issue", "receive", "invoice", "run propose", "run submit", "run approve", "run confirm"];

    /// <summary>The roles a virtual user signs in as.</summary>
    public static readonly string[] Roles = ["requester", "approver", "buyer", "receiver", "ap", "controller"];

    private readonly Call[] _calls = new Call[Steps.Length];

    /// <summary>Runs cycle <paramref name="number"/> (unique in the run, from 1). Throws <see cref="CycleStepException"/> on any failed step.</summary>
    public async Task<IReadOnlyList<Call>> RunAsync(int number)
    {
        var lines = string.Join(',', world.OfferIds.Select((offer, i) => string.Create(CultureInfo.InvariantCulture,
            $$"""{"offerId":"{{offer}}","quantity":"{{(CycleWorld.Basket[i].Quantity > 0 ? CycleWorld.Basket[i].Quantity : world.QuantityBase + number)}}"}""")));
        var requisition = await StepAsync(0, "requester", HttpMethod.Post, "/api/v1/requisitions",
            $$"""{"title":"Cycle {{runTag}}-{{number}}","lines":[{{lines}}],"splits":[{"departmentId":"{{world.DepartmentId}}","percent":"100"}]}""");
        var id = (string)requisition["id"]!;
        Expect(await StepAsync(1, "requester", HttpMethod.Post, $"/api/v1/requisitions/{id}/submit", null), "status", "inApproval");
        Expect(await StepAsync(2, "approver", HttpMethod.Post, $"/api/v1/approvals/{id}/decision", """{"decision":"approve"}"""), "status", "approved");

        var orderLines = string.Join(',', requisition["lines"]!.AsArray().Select(l => $$"""{"requisitionLineId":"{{l!["id"]}}"}"""));
        var draft = await StepAsync(3, "buyer", HttpMethod.Post, "/api/v1/purchase-orders", $$"""{"vendorId":"{{world.VendorId}}","lines":[{{orderLines}}]}""");
        var order = Expect(await StepAsync(4, "buyer", HttpMethod.Post, $"/api/v1/purchase-orders/{draft["id"]}/issue", null), "status", "issued");

        var poLines = order["lines"]!.AsArray();
        var received = string.Join(',', poLines.Select(l => $$"""{"purchaseOrderLineId":"{{l!["id"]}}","accepted":"{{l["quantity"]}}"}"""));
        var receipt = Expect(await StepAsync(5, "receiver", HttpMethod.Post, "/api/v1/receipts", $$"""{"purchaseOrderId":"{{order["id"]}}","lines":[{{received}}]}"""),
            "purchaseOrderStatus", "received");

        var today = (string)receipt["receivedOn"]!; // the company's today
        var invoiced = string.Join(',', poLines.Select(l =>
            $$"""{"purchaseOrderLineId":"{{l!["id"]}}","quantity":"{{l["quantity"]}}","unitPrice":"{{l["unitPrice"]}}"}"""));
        var invoice = Expect(await StepAsync(6, "ap", HttpMethod.Post, "/api/v1/invoices",
            $$"""{"purchaseOrderId":"{{order["id"]}}","number":"CYC-{{runTag}}-{{number}}","invoiceDate":"{{today}}","tax":"0.00","lines":[{{invoiced}}]}"""),
            "status", "readyToPay");

        var dueBy = DateOnly.Parse(today, CultureInfo.InvariantCulture).AddDays(120).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var run = await StepAsync(7, "ap", HttpMethod.Post, "/api/v1/payment-runs",
            $$"""{"payDate":"{{today}}","dueBy":"{{dueBy}}","bankAccountId":"{{world.BankAccountId}}","invoiceIds":["{{invoice["id"]}}"]}""");
        var runId = (string)run["id"]!;
        Expect(await StepAsync(8, "ap", HttpMethod.Post, $"/api/v1/payment-runs/{runId}/submit", null), "status", "awaitingApproval");
        Expect(await StepAsync(9, "controller", HttpMethod.Post, $"/api/v1/payment-runs/{runId}/approve", null), "status", "approved");
        Expect(await StepAsync(10, "ap", HttpMethod.Post, $"/api/v1/payment-runs/{runId}/confirm", null), "status", "executed");
        return _calls;
    }

    private async Task<JsonNode> StepAsync(int step, string role, HttpMethod method, string path, string? body)
    {
        var call = await Http.SendAsync(people[role], method, path, body);
        _calls[step] = call;
        return call.Body ?? throw new CycleStepException($"{Steps[step]}: {path} answered without a body");
    }

    private static JsonNode Expect(JsonNode body, string field, string expected) =>
        (string?)body[field] == expected ? body : throw new CycleStepException($"expected {field} \"{expected}\", got \"{body[field]}\" in {Truncate(body.ToJsonString())}");

    private static string Truncate(string text) => text.Length > 300 ? text[..300] : text;
}
