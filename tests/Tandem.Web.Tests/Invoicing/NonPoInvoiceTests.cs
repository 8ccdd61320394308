using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Approvals;
using Tandem.Web.Platform.Jobs;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Vendors;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Invoicing;

/// <summary>
/// Invoices without a purchase order: captured by AP with a department, routed by the invoice approval policy (the
/// department's manager; from 5,000.00 a controller too), approved step by step into "ready to pay" and actual spend,
/// or rejected; never approved by whoever keyed them, never accepted around their approvers.
/// </summary>
public sealed class NonPoInvoiceTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<Guid> DepartmentAsync(string code) => factory.WithDbAsync(db => db.Departments.Where(d => d.Code == code).Select(d => d.Id).SingleAsync());

    private async Task<HttpResponseMessage> EnterAsync(Guid vendorId, string number, string price, string? department = "ENG", string description = "Office cleaning, November")
    {
        using var ap = await factory.ClientForAsync("ap");
        var departmentJson = department is null ? "" : $$""","departmentId":"{{await DepartmentAsync(department)}}" """;
        return await ap.PostAsync("/api/v1/invoices", Json.Body($$"""
            {"vendorId":"{{vendorId}}","currency":"USD"{{departmentJson}},"number":"{{number}}","invoiceDate":"2026-12-02","tax":"0.00",
             "lines":[{"description":"{{description}}","quantity":"1","unitPrice":"{{price}}"}]}
            """), Ct);
    }

    private async Task<JsonNode> EnteredAsync(Guid vendorId, string number, string price)
    {
        using var response = await EnterAsync(vendorId, number, price);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await Json.ReadAsync(response);
    }

    private static async Task<HttpResponseMessage> DecideAsync(HttpClient client, JsonNode invoice, string decision, string? comment = null) =>
        await client.PostAsync($"/api/v1/invoices/{invoice["id"]}/approval",
            Json.Body(comment is null ? $$"""{"decision":"{{decision}}"}""" : $$"""{"decision":"{{decision}}","comment":"{{comment}}"}"""), Ct);

    [Fact]
    public async Task A_non_PO_invoice_waits_for_its_department_manager_and_is_then_ready_to_pay_as_actual_spend()
    {
        var vendor = await NewVendorAsync(factory, "NPO1");
        var invoice = await EnteredAsync(vendor, "CLEAN-11", "1200.00");
        Assert.Equal("exception", (string)invoice["status"]!);
        Assert.Null(invoice["purchaseOrderId"]);
        Assert.Equal(["noPurchaseOrder"], invoice["headerExceptions"]!.AsArray().Select(e => (string)e!));
        Assert.Contains("Alex Approver", (string)invoice["headerExplanation"]!);
        var route = invoice["approval"]!["route"]!.AsArray();
        Assert.Equal("Non-PO invoice", (string)Assert.Single(route)!["ruleName"]!);
        Assert.NotNull(invoice["dueDate"]); // on the vendor's terms

        using var controller = await factory.ClientForAsync("controller");
        using (var around = await controller.PostAsync($"/api/v1/invoices/{invoice["id"]}/accept", Json.Body("""{"reason":"paying it anyway"}"""), Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, around.StatusCode);
            Assert.Contains("invoice.awaiting_approval", await around.Content.ReadAsStringAsync(Ct));
        }

        using var ap = await factory.ClientForAsync("ap");
        using (var notTheirs = await DecideAsync(ap, invoice, "approve"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode); // AP keyed it: never its approver
        }

        using var requester = await factory.ClientForAsync("requester");
        using (var hidden = await requester.GetAsync($"/api/v1/invoices/{invoice["id"]}", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        using var approver = await factory.ClientForAsync("approver");
        var inbox = (await Json.ReadAsync(await approver.GetAsync("/api/v1/approvals/invoices", Ct))).AsArray();
        var item = inbox.Single(i => (string)i!["number"]! == "CLEAN-11")!;
        Assert.Equal("Engineering", (string)item["department"]!);
        using (var read = await approver.GetAsync($"/api/v1/invoices/{invoice["id"]}", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode); // an approver reads what they approve
        }

        var queue = (await Json.ReadAsync(await approver.GetAsync("/api/v1/invoices/exceptions", Ct))).AsArray();
        var row = queue.Single(r => (string)r!["number"]! == "CLEAN-11")!;
        Assert.Equal("approver", (string)row["owners"]![0]!["role"]!);

        var approved = await PostOkAsync(approver, $"/api/v1/invoices/{invoice["id"]}/approval", """{"decision":"approve","comment":"Monthly cleaning"}""");
        Assert.Equal("readyToPay", (string)approved["status"]!);
        Assert.Empty(approved["headerExceptions"]!.AsArray());
        Assert.NotNull(approved["approval"]!["approvedAtUtc"]);
        Assert.Equal(120_000, (await LedgerAsync(factory, (string)invoice["id"]!)).GetValueOrDefault("Actual"));
        var facts = await factory.WithDbAsync(db => db.SpendFacts.Where(f => f.DocumentId == Guid.Parse((string)invoice["id"]!))
            .Select(f => new { f.AmountMinor, f.OnPurchaseOrder, f.DepartmentId, f.VendorId }).ToListAsync(Ct));
        var fact = Assert.Single(facts);
        Assert.Equal((120_000L, false, await DepartmentAsync("ENG"), (Guid?)vendor), (fact.AmountMinor, fact.OnPurchaseOrder, fact.DepartmentId, fact.VendorId)); // maverick: no PO

        var rates = await Json.ReadAsync(await ap.GetAsync("/api/v1/invoices/match-rates?from=2026-01-01&to=2027-12-31", Ct));
        Assert.DoesNotContain(rates["vendors"]!.AsArray(), v => (string)v!["vendorId"]! == vendor.ToString() && (int)v["rates"]!["invoices"]! > 0); // approved, not matched

        using (var again = await DecideAsync(approver, invoice, "approve"))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        var refusals = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == (string)invoice["id"]! && a.Action == "decisionRefused", Ct));
        Assert.Equal(1, refusals);
    }

    [Fact]
    public async Task A_large_non_PO_invoice_also_needs_a_controller_and_a_rejection_rejects_it()
    {
        var vendor = await NewVendorAsync(factory, "NPO2");
        var large = await EnteredAsync(vendor, "CONSULT-7", "8000.00");
        Assert.Equal(2, large["approval"]!["route"]!.AsArray().Count);

        using var approver = await factory.ClientForAsync("approver");
        var first = await PostOkAsync(approver, $"/api/v1/invoices/{large["id"]}/approval", """{"decision":"approve"}""");
        Assert.Equal("exception", (string)first["status"]!);
        Assert.Contains("Casey Controller", (string)first["headerExplanation"]!);

        using var controller = await factory.ClientForAsync("controller");
        var second = await PostOkAsync(controller, $"/api/v1/invoices/{large["id"]}/approval", """{"decision":"approve"}""");
        Assert.Equal("readyToPay", (string)second["status"]!);

        var doubtful = await EnteredAsync(vendor, "CONSULT-8", "900.00");
        using (var noReason = await DecideAsync(approver, doubtful, "reject"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.Contains("comment", await noReason.Content.ReadAsStringAsync(Ct));
        }

        using (var changes = await DecideAsync(approver, doubtful, "requestChanges", "fix it"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, changes.StatusCode);
        }

        var rejected = await PostOkAsync(approver, $"/api/v1/invoices/{doubtful["id"]}/approval", """{"decision":"reject","comment":"We never hired them"}""");
        Assert.Equal("rejected", (string)rejected["status"]!);
        Assert.Equal("We never hired them", (string)rejected["resolutionReason"]!);
        Assert.Equal(0, (await LedgerAsync(factory, (string)doubtful["id"]!)).GetValueOrDefault("Actual"));
    }

    [Fact]
    public async Task An_electronic_invoice_naming_no_order_becomes_non_PO_when_a_clerk_names_its_department_and_a_credit_note_reduces_it()
    {
        var vendor = await NewVendorAsync(factory, "NPO5");
        await factory.WithDbAsync(async db =>
        {
            var v = await db.Vendors.SingleAsync(x => x.Id == vendor);
            (v.TaxId, v.TaxIdKey) = ("805551234", VendorNames.NormalizeTaxId("805551234"));
            return await db.SaveChangesAsync();
        });
        var document = await Json.ReadAsync(await UblSamples.DeliverAsync(factory, UblSamples.Invoice("HOST-3", "NL805551234", null, [new(1, 2, 150.00m)]), "host.xml", Ct));
        Assert.Equal("noOrder", (string)document["status"]!);

        using var ap = await factory.ClientForAsync("ap");
        var department = await DepartmentAsync("ENG");
        var captured = await PostOkAsync(ap, $"/api/v1/invoice-documents/{document["id"]}/assign", $$"""{"departmentId":"{{department}}"}""");
        Assert.Equal("captured", (string)captured["status"]!);
        var invoice = await Json.ReadAsync(await ap.GetAsync($"/api/v1/invoices/{captured["invoiceId"]}", Ct));
        Assert.Equal(["noPurchaseOrder"], invoice["headerExceptions"]!.AsArray().Select(e => (string)e!));
        Assert.Null(invoice["lines"]![0]!["purchaseOrderLineId"]);

        using var approver = await factory.ClientForAsync("approver");
        Assert.Equal("readyToPay", (string)(await PostOkAsync(approver, $"/api/v1/invoices/{invoice["id"]}/approval", """{"decision":"approve"}"""))["status"]!);
        var credit = await Json.ReadAsync(await UblSamples.DeliverAsync(factory, UblSamples.Invoice("HOST-3-CN", "NL805551234", null, [new(1, 1, 150.00m)], credits: "HOST-3"), "credit.xml", Ct));
        Assert.Equal("captured", (string)credit["status"]!);
        var reduced = await Json.ReadAsync(await ap.GetAsync($"/api/v1/invoices/{invoice["id"]}", Ct));
        Assert.Equal("1", (string)reduced["lines"]![0]!["creditedQuantity"]!);
        Assert.Equal(15_000, (await LedgerAsync(factory, (string)invoice["id"]!)).GetValueOrDefault("Actual")); // 300.00 billed, 150.00 credited
    }

    [Fact]
    public async Task A_waiting_non_PO_invoice_is_reminded_escalated_and_counted_overdue()
    {
        var vendor = await NewVendorAsync(factory, "NPO6");
        var invoice = await EnteredAsync(vendor, "LATE-1", "250.00");
        var job = factory.Services.GetServices<IScheduledJob>().OfType<ApprovalEscalationJob>().Single();
        var start = factory.Clock.Now;
        try
        {
            factory.Clock.Now = start.AddDays(7);
            await RunAsync(job); // a week on: past the deadline (reminded) and the escalation a business day after it
            var subjects = await factory.WithDbAsync(db => db.OutboxEmails.Where(m => m.Subject.Contains("Invoice LATE-1")).Select(m => m.Subject).ToListAsync(Ct));
            Assert.Contains("Reminder: Invoice LATE-1 is waiting for your approval", subjects);
            Assert.Contains("Escalated to you: Invoice LATE-1 needs approval", subjects);

            using var controller = await factory.ClientForAsync("controller");
            var kpis = await Json.ReadAsync(await controller.GetAsync("/api/v1/kpis", Ct));
            var overdue = kpis["kpis"]!.AsArray().Single(k => (string)k!["key"]! == "approvalsOverdue")!;
            Assert.Contains(overdue["parts"]!.AsArray(), p => (string)p!["label"]! == "Invoice LATE-1" && (string)p["link"]! == $"/Invoices/Detail?id={invoice["id"]}");
            var escalated = await Json.ReadAsync(await controller.GetAsync($"/api/v1/invoices/{invoice["id"]}", Ct));
            Assert.Contains(escalated["approval"]!["route"]![0]!["approvers"]!.AsArray(), a => (string)a!["source"]! == "escalation");
        }
        finally
        {
            factory.Clock.Now = start;
        }
    }

    private async Task RunAsync(IScheduledJob job)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await job.RunAsync(scope.ServiceProvider, Ct);
    }

    [Fact]
    public async Task An_approved_non_PO_invoice_is_journaled_to_its_department()
    {
        var vendor = await NewVendorAsync(factory, "NPO7");
        await factory.WithDbAsync(async db =>
        {
            var v = await db.Vendors.SingleAsync(x => x.Id == vendor);
            v.DefaultGlAccountId = await db.GlAccounts.Where(g => g.Code == "6100").Select(g => g.Id).SingleAsync();
            return await db.SaveChangesAsync();
        });
        using var ap = await factory.ClientForAsync("ap");
        using var entered = await ap.PostAsync("/api/v1/invoices", Json.Body($$"""
            {"vendorId":"{{vendor}}","currency":"USD","departmentId":"{{await DepartmentAsync("ENG")}}","number":"UTIL-9","invoiceDate":"2026-11-21",
             "lines":[{"description":"Electricity, October","quantity":"1","unitPrice":"450.00"}]}
            """), Ct);
        var invoice = await Json.ReadAsync(entered);
        Assert.Equal("vendorDefault", (string)invoice["lines"]![0]!["codingSource"]!);
        using var approver = await factory.ClientForAsync("approver");
        await PostOkAsync(approver, $"/api/v1/invoices/{invoice["id"]}/approval", """{"decision":"approve"}""");

        var export = await PostOkAsync(ap, "/api/v1/journal-exports", """{"upTo":"2026-11-21"}""");
        var csv = await ap.GetStringAsync($"/api/v1/journal-exports/{export["id"]}/file", Ct);
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(',')).Where(r => r[3] == "UTIL-9").ToList();
        Assert.Equal([("6100", "ENG", "450.00", ""), ("2000", "", "", "450.00")], rows.Select(r => (r[6], r[8], r[11], r[12])).OrderByDescending(r => r.Item3));
    }

    [Fact]
    public async Task A_non_PO_invoice_beyond_its_department_budget_also_goes_to_the_budget_owner()
    {
        var vendor = await NewVendorAsync(factory, "NPO8");
        await factory.WithDbAsync(async db =>
        {
            var v = await db.Vendors.SingleAsync(x => x.Id == vendor);
            v.DefaultGlAccountId = await db.GlAccounts.Where(g => g.Code == "6100").Select(g => g.Id).SingleAsync();
            return await db.SaveChangesAsync();
        });
        var invoice = await EnteredAsync(vendor, "BIG-SOFTWARE-1", "30000.00");
        var route = invoice["approval"]!["route"]!.AsArray().Select(s => (Rule: (string)s!["ruleName"]!, Approvers: string.Join(",", s["approvers"]!.AsArray().Select(a => (string)a!["approver"]!["name"]!)))).ToList();
        Assert.Equal(("Non-PO invoice", "Alex Approver"), route[0]);
        Assert.StartsWith("Budget exceeded (Engineering · GL 61*", route[1].Rule, StringComparison.Ordinal); // the owner of the quarter's 25,000.00 software budget
        Assert.Equal("Casey Controller", route[1].Approvers);
        Assert.Equal(2, route.Count); // the controller approves once, for both reasons
    }

    [Fact]
    public async Task Bad_non_PO_input_names_the_field()
    {
        var vendor = await NewVendorAsync(factory, "NPO3");
        using (var noDepartment = await EnterAsync(vendor, "X-1", "10.00", department: null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noDepartment.StatusCode);
            Assert.Contains("departmentId", await noDepartment.Content.ReadAsStringAsync(Ct));
        }

        using (var noDescription = await EnterAsync(vendor, "X-2", "10.00", description: ""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noDescription.StatusCode);
            Assert.Contains("lines[0].description", await noDescription.Content.ReadAsStringAsync(Ct));
        }

        Assert.Equal(0, await factory.WithDbAsync(db => db.Invoices.CountAsync(i => i.VendorId == vendor, Ct)));
    }

    [Fact]
    public async Task The_invoice_approval_policy_is_its_own_versioned_policy()
    {
        using var controller = await factory.ClientForAsync("controller");
        var current = await Json.ReadAsync(await controller.GetAsync("/api/v1/approval-policies/current?kind=invoice", Ct));
        Assert.Contains(current["document"]!["rules"]!.AsArray(), r => (string)r!["name"]! == "Non-PO invoice");
        var requisitions = await Json.ReadAsync(await controller.GetAsync("/api/v1/approval-policies/current", Ct));
        Assert.DoesNotContain(requisitions["document"]!["rules"]!.AsArray(), r => (string)r!["name"]! == "Non-PO invoice");

        var utilities = await NewVendorAsync(factory, "NPO4");
        var document = current["document"]!.DeepClone();
        document["rules"]!.AsArray().Add(JsonNode.Parse($$"""
            {"name":"Utilities to finance","when":{"vendorIds":["{{utilities}}"]},"steps":[{"level":10,"mode":"anyOf","dueBusinessDays":2,"approvers":[{"kind":"role","role":"controller"}]}]}
            """));
        using var save = new HttpRequestMessage(HttpMethod.Put, "/api/v1/approval-policies/current?kind=invoice") { Content = Json.Body(document.ToJsonString()) };
        save.Headers.TryAddWithoutValidation("If-Match", $"\"{current["number"]}\"");
        using var saved = await controller.SendAsync(save, Ct);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync(Ct));
        Assert.Equal((int)current["number"]! + 1, (int)(await Json.ReadAsync(saved))["number"]!);
        var after = await Json.ReadAsync(await controller.GetAsync("/api/v1/approval-policies/current", Ct));
        Assert.Equal((int)requisitions["number"]!, (int)after["number"]!); // the requisition policy did not move

        var bill = await EnteredAsync(utilities, "POWER-12", "300.00");
        Assert.Equal((int)current["number"]! + 1, (int)bill["approval"]!["policyVersion"]!);
        Assert.Equal(["Utilities to finance", "Non-PO invoice"], bill["approval"]!["route"]!.AsArray().Select(s => (string)s!["ruleName"]!));

        using var bogus = await controller.GetAsync("/api/v1/approval-policies/current?kind=bogus", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);
        using var ap = await factory.ClientForAsync("ap");
        using var forbidden = await ap.GetAsync("/api/v1/approval-policies/current?kind=invoice", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
