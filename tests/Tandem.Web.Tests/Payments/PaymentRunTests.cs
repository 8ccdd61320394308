using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Payments;
using Tandem.Web.Platform.Jobs;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Vendors;
using static Tandem.Web.Tests.Payments.PaymentSteps;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Payments;

/// <summary>Payment terms and payment runs through the API: selection, discounts, netting, exclusions, approval, settlement.</summary>
public sealed class PaymentRunTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_for_chosen_invoices_pays_only_those_and_refuses_one_already_in_a_run()
    {
        var vendor = await PayableVendorAsync(factory, "PAYCHOSEN");
        var first = (string)(await ReadyInvoiceAsync(factory, vendor, "310.00", "2027-03-01", "C-1"))["id"]!;
        var second = (string)(await ReadyInvoiceAsync(factory, vendor, "320.00", "2027-03-02", "C-2"))["id"]!;
        using var ap = await factory.ClientForAsync("ap");
        var body = $$"""{"payDate":"2027-04-15","bankAccountId":"{{await BankAccountAsync(factory)}}","invoiceIds":["{{first}}"]}""";
        var proposed = await PostOkAsync(ap, "/api/v1/payment-runs", body);
        var run = await RunAsync(ap, (string)proposed["id"]!);
        Assert.Single(run["payments"]!.AsArray());
        Assert.Equal([first], PaymentOf(run, vendor)!["items"]!.AsArray().Select(i => (string)i!["invoiceId"]!));

        using var again = await ap.PostAsync("/api/v1/payment-runs", Json.Body(body), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("invoiceIds", await Json.ErrorFieldsAsync(again));
        await PostOkAsync(ap, $"/api/v1/payment-runs/{proposed["id"]}/cancel", """{"reason":"test over"}""");
        Assert.NotNull(second);
    }

    [Fact]
    public async Task Worked_example_the_discount_is_taken_on_the_tenth_and_the_full_amount_paid_on_the_due_date()
    {
        var vendor = await PayableVendorAsync(factory, "PAYW", "2/10 net 30");
        var invoice = await ReadyInvoiceAsync(factory, vendor, "10000.00", "2027-03-01", "W-1");
        var terms = invoice["payment"]!;
        Assert.Equal("2/10 net 30", (string)terms["terms"]!);
        Assert.Equal("2027-03-31", (string)terms["dueDate"]!);
        Assert.Equal("2027-03-11", (string)terms["discountDate"]!);
        Assert.Equal("200.00", (string)terms["discount"]!["amount"]!);
        Assert.Equal("37.24", (string)terms["discountAnnualizedPercent"]!);

        using var ap = await factory.ClientForAsync("ap");
        var quote = await Json.ReadAsync(await ap.GetAsync("/api/v1/payment-terms/quote?terms=2/10%20net%2030&invoiceDate=2027-03-01&amount=10000.00", Ct));
        Assert.True((bool)quote["worthTaking"]!);
        Assert.Equal("8", (string)quote["costOfCapitalPercent"]!);
        Assert.Contains("37.24 % a year", (string)quote["explanation"]!);

        var account = await BankAccountAsync(factory);
        using (var late = await ProposeAsync(ap, account, "2027-03-12"))
        {
            // On the 12th the discount is gone and the invoice is not due yet: not in the run.
            if (late.StatusCode == HttpStatusCode.Created)
            {
                var run = await RunAsync(ap, (string)(await Json.ReadAsync(late))["id"]!);
                Assert.Null(PaymentOf(run, vendor));
                await PostOkAsync(ap, $"/api/v1/payment-runs/{run["run"]!["id"]}/cancel", """{"reason":"test"}""");
            }
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            }
        }

        var early = await Json.ReadAsync(await ProposeAsync(ap, account, "2027-03-10"));
        var payment = PaymentOf(await RunAsync(ap, (string)early["id"]!), vendor)!;
        Assert.Equal("9800.00", (string)payment["amount"]!["amount"]!);
        Assert.Equal("200.00", (string)payment["discount"]!["amount"]!);
        Assert.Equal("discount", (string)payment["items"]![0]!["reason"]!);
        await PostOkAsync(ap, $"/api/v1/payment-runs/{early["id"]}/cancel", """{"reason":"Show the due-date run instead"}""");

        var due = await Json.ReadAsync(await ProposeAsync(ap, account, "2027-03-31"));
        var full = PaymentOf(await RunAsync(ap, (string)due["id"]!), vendor)!;
        Assert.Equal("10000.00", (string)full["amount"]!["amount"]!);
        Assert.Equal("due", (string)full["items"]![0]!["reason"]!);
        await PostOkAsync(ap, $"/api/v1/payment-runs/{due["id"]}/cancel", """{"reason":"done"}""");
    }

    [Fact]
    public async Task Credit_notes_net_and_vendors_that_cannot_be_paid_are_left_out_with_the_reason()
    {
        var netted = await PayableVendorAsync(factory, "PAYC", "net 10", taxId: "DE811907980");
        var order = await IssuedOrderAsync(factory, "2.00", "100", "Netting probe", netted);
        using var receiver = await factory.ClientForAsync("receiver");
        await PostOkAsync(receiver, "/api/v1/receipts", $$"""{"purchaseOrderId":"{{order["id"]}}","lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","accepted":"100"}]}""");
        await DeliverAsync(Invoicing.UblSamples.Invoice("C-1", "DE811907980", (string)order["number"]!, [new(1, 100, 2.00m)]));
        await DeliverAsync(Invoicing.UblSamples.Invoice("C-1-C", "DE811907980", null, [new(1, 25, 2.00m)], credits: "C-1"));

        var onHold = await PayableVendorAsync(factory, "PAYH", "net 10");
        await ReadyInvoiceAsync(factory, onHold, "40.00", "2026-12-20", "H-1");
        await factory.WithDbAsync(async db => await db.Vendors.Where(v => v.Id == onHold).ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, VendorStatus.OnHold), Ct));
        var changing = await PayableVendorAsync(factory, "PAYB", "net 10");
        await ReadyInvoiceAsync(factory, changing, "50.00", "2026-12-20", "B-1");
        using var buyer = await factory.ClientForAsync("buyer");
        await PostOkAsync(buyer, $"/api/v1/vendors/{changing}/bank-changes", """{"accountHolder":"PAYB Ltd","iban":"GB82WEST12345698765432","reason":"New bank"}""");
        var unbanked = await NewVendorAsync(factory, "PAYN");
        await ReadyInvoiceAsync(factory, unbanked, "60.00", "2026-12-20", "N-1");

        using var ap = await factory.ClientForAsync("ap");
        var proposed = await Json.ReadAsync(await ProposeAsync(ap, await BankAccountAsync(factory), "2027-01-20"));
        var run = await RunAsync(ap, (string)proposed["id"]!);
        var payment = PaymentOf(run, netted)!;
        Assert.Equal("150.00", (string)payment["amount"]!["amount"]!); // 200.00 invoice − 50.00 credit note
        Assert.Equal(["credit", "due"], payment["items"]!.AsArray().Select(i => (string)i!["reason"]!).Order());
        Assert.Null(PaymentOf(run, onHold));
        Assert.Null(PaymentOf(run, changing));
        Assert.Null(PaymentOf(run, unbanked));
        var reasons = run["run"]!["exclusions"]!.AsArray().ToDictionary(e => (string)e!["vendorId"]!, e => (string)e!["reason"]!);
        Assert.Equal("vendor is onHold", reasons[onHold.ToString()]);
        Assert.Equal("a bank change waits for approval", reasons[changing.ToString()]);
        Assert.Equal("no verified bank account", reasons[unbanked.ToString()]);

        // AP adjusts the draft: without the credit note the vendor gets 200.00; without the invoice the credit alone pays nothing.
        var items = payment["items"]!.AsArray();
        var credit = (string)items.Single(i => (string)i!["reason"]! == "credit")!["invoiceId"]!;
        var invoice = (string)items.Single(i => (string)i!["reason"]! == "due")!["invoiceId"]!;
        await PostOkAsync(ap, $"/api/v1/payment-runs/{proposed["id"]}/adjust", $$"""{"remove":["{{credit}}"]}""");
        Assert.Equal("200.00", (string)PaymentOf(await RunAsync(ap, (string)proposed["id"]!), netted)!["amount"]!["amount"]!);
        await PostOkAsync(ap, $"/api/v1/payment-runs/{proposed["id"]}/adjust", $$"""{"add":["{{credit}}"]}""");
        Assert.Equal("150.00", (string)PaymentOf(await RunAsync(ap, (string)proposed["id"]!), netted)!["amount"]!["amount"]!);
        await PostOkAsync(ap, $"/api/v1/payment-runs/{proposed["id"]}/adjust", $$"""{"remove":["{{invoice}}"]}""");
        Assert.Null(PaymentOf(await RunAsync(ap, (string)proposed["id"]!), netted));
        Assert.False(await factory.WithDbAsync(db => db.PaymentRunItems.AnyAsync(i => i.InvoiceId == Guid.Parse(credit), Ct)));

        using var notOpen = await ap.PostAsync($"/api/v1/payment-runs/{proposed["id"]}/adjust", Json.Body($$"""{"add":["{{Guid.NewGuid()}}"]}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, notOpen.StatusCode);
        Assert.Contains("add[0]", await notOpen.Content.ReadAsStringAsync(Ct));
        await PostOkAsync(ap, $"/api/v1/payment-runs/{proposed["id"]}/cancel", """{"reason":"test"}""");
    }

    [Fact]
    public async Task The_preparer_cannot_approve_and_above_the_threshold_two_different_controllers_must()
    {
        var vendor = await PayableVendorAsync(factory, "PAYS", "net 10");
        await ReadyInvoiceAsync(factory, vendor, "2500.00", "2027-04-01", "S-1");
        using var controller = await factory.ClientForAsync("controller");
        using var settings = await controller.PutAsync("/api/v1/payment-settings", Json.Body("""{"secondApprovalFrom":{"amount":"1000.00","currency":"USD"}}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        try
        {
            var run = await Json.ReadAsync(await ProposeAsync(controller, await BankAccountAsync(factory), "2027-04-11"));
            var id = (string)run["id"]!;
            await PostOkAsync(controller, $"/api/v1/payment-runs/{id}/submit");
            using var own = await controller.PostAsync($"/api/v1/payment-runs/{id}/approve", null, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
            Assert.Contains("payment_run.preparer_cannot_approve", await own.Content.ReadAsStringAsync(Ct));
            Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == id && a.Action == "approvalRefused", Ct)));

            // Sent back and prepared by AP instead: Casey approves first, then someone else must.
            await PostOkAsync(controller, $"/api/v1/payment-runs/{id}/cancel", """{"reason":"AP prepares runs"}""");
            using var ap = await factory.ClientForAsync("ap");
            var again = await Json.ReadAsync(await ProposeAsync(ap, await BankAccountAsync(factory), "2027-04-11"));
            id = (string)again["id"]!;
            Assert.True((bool)(await PostOkAsync(ap, $"/api/v1/payment-runs/{id}/submit"))["needsSecondApproval"]!);
            using var apApproves = await ap.PostAsync($"/api/v1/payment-runs/{id}/approve", null, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, apApproves.StatusCode); // not a controller
            var first = await PostOkAsync(controller, $"/api/v1/payment-runs/{id}/approve");
            Assert.Equal("awaitingApproval", (string)first["status"]!);
            Assert.NotNull(first["firstApprovedById"]);
            using var twice = await controller.PostAsync($"/api/v1/payment-runs/{id}/approve", null, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, twice.StatusCode);
            Assert.Contains("payment_run.second_approver_must_differ", await twice.Content.ReadAsStringAsync(Ct));
            using var second = await SecondControllerAsync();
            var approved = await PostOkAsync(second, $"/api/v1/payment-runs/{id}/approve");
            Assert.Equal("approved", (string)approved["status"]!);
            Assert.Equal(["csv", "pain.001.001.03", "pain.001.001.09"], approved["files"]!.AsArray().Select(f => (string)f!));
            using var cancelled = await ap.PostAsync($"/api/v1/payment-runs/{id}/cancel", Json.Body("""{"reason":"not sent"}"""), Ct);
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }
        finally
        {
            using var reset = await controller.PutAsync("/api/v1/payment-settings", Json.Body("""{"secondApprovalFrom":{"amount":"100000.00","currency":"USD"}}"""), Ct);
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        }
    }

    [Fact]
    public async Task A_run_killed_half_way_is_finished_by_a_rerun_and_pays_every_invoice_exactly_once()
    {
        var vendors = new List<Guid>();
        for (var i = 1; i <= 3; i++)
        {
            var vendor = await PayableVendorAsync(factory, $"PAYK{i}", "net 10");
            await ReadyInvoiceAsync(factory, vendor, $"{i}00.00", "2027-05-01", $"K-{i}");
            vendors.Add(vendor);
        }

        var id = Guid.Parse(await ApprovedRunAsync(factory, "2027-05-11"));
        var payments = await factory.WithDbAsync(db => db.Payments.CountAsync(p => p.PaymentRunId == id, Ct));
        Assert.True(payments >= 3);
        await factory.WithDbAsync(db => db.PaymentRuns.Where(r => r.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, PaymentRunStatus.Executing).SetProperty(r => r.ConfirmedAtUtc, DateTime.UtcNow), Ct));

        // The work dies inside the second batch, before it commits: the first batch stays, the second is rolled back.
        await Assert.ThrowsAsync<InvalidOperationException>(() => factory.WithDbAsync(async db =>
        {
            await SettlePaymentRun.ExecuteAsync(db, id, null, 1, batch => batch == 2 ? throw new InvalidOperationException("killed") : Task.CompletedTask, Ct);
            return 0;
        }));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Payments.CountAsync(p => p.PaymentRunId == id && p.Status == PaymentStatus.Paid, Ct)));
        Assert.Equal(1, await RemittancesAsync(id));

        // The resume job (or a retried confirm) finishes exactly what is left.
        var job = factory.Services.GetServices<IScheduledJob>().OfType<PaymentRunResumeJob>().Single();
        Assert.True(await factory.Services.GetRequiredService<JobRunner>().RunIfDueAsync(job, Ct));
        using var ap = await factory.ClientForAsync("ap");
        var confirmed = await PostOkAsync(ap, $"/api/v1/payment-runs/{id}/confirm");
        Assert.Equal("executed", (string)confirmed["status"]!);
        Assert.Equal(payments, await factory.WithDbAsync(db => db.Payments.CountAsync(p => p.PaymentRunId == id && p.Status == PaymentStatus.Paid, Ct)));
        Assert.Equal(payments, await RemittancesAsync(id));

        var paid = await factory.WithDbAsync(db => db.Invoices.AsNoTracking().Where(i => vendors.Contains(i.VendorId)).ToListAsync(Ct));
        Assert.All(paid, i => Assert.Equal(new DateOnly(2027, 5, 11), i.PaidOn));
        Assert.Equal([10_000L, 20_000L, 30_000L], paid.Select(i => i.PaidMinor).Order());
        Assert.Equal(paid.Count, await factory.WithDbAsync(db => db.PaymentRunItems.CountAsync(i => paid.Select(p => p.Id).Contains(i.InvoiceId), Ct)));

        // Paid invoices are in no later run.
        using var later = await ProposeAsync(ap, await BankAccountAsync(factory), "2027-06-30");
        if (later.StatusCode == HttpStatusCode.Created)
        {
            var run = await RunAsync(ap, (string)(await Json.ReadAsync(later))["id"]!);
            Assert.All(vendors, v => Assert.Null(PaymentOf(run, v)));
            await PostOkAsync(ap, $"/api/v1/payment-runs/{run["run"]!["id"]}/cancel", """{"reason":"test"}""");
        }

        // The remittance advice reaches the vendor over SMTP, with its PDF.
        var delivery = factory.Services.GetServices<IScheduledJob>().OfType<Web.Platform.Email.EmailDeliveryJob>().Single();
        await delivery.RunAsync(factory.Services.CreateScope().ServiceProvider, Ct);
        var mail = factory.Smtp.Messages.Last(m => m.Data.Contains("Remittance advice", StringComparison.Ordinal));
        Assert.Contains("application/pdf", mail.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bank_status_file_pays_the_accepted_and_frees_the_invoices_of_the_rejected()
    {
        var good = await PayableVendorAsync(factory, "PAYG", "net 10");
        await ReadyInvoiceAsync(factory, good, "70.00", "2027-07-01", "G-1");
        var bad = await PayableVendorAsync(factory, "PAYR", "net 10", iban: null);
        var rejectedInvoice = await ReadyInvoiceAsync(factory, bad, "80.00", "2027-07-01", "R-1");
        var id = await ApprovedRunAsync(factory, "2027-07-11");
        using var ap = await factory.ClientForAsync("ap");
        var run = await RunAsync(ap, id);
        var all = run["payments"]!.AsArray().Select(p => (string)p!["endToEndId"]!).ToList();
        var rejected = (string)PaymentOf(run, bad)!["endToEndId"]!;

        using var unknown = await ap.PostAsync($"/api/v1/payment-runs/{id}/bank-status", Csv("end_to_end_id,status\r\nNOPE-1,accepted\r\n"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("line 2: end_to_end_id", await unknown.Content.ReadAsStringAsync(Ct));

        var csv = "end_to_end_id,status,reason\r\n" + string.Concat(all.Select(e => e == rejected ? $"{e},rejected,Account closed\r\n" : $"{e},accepted,\r\n"));
        using var status = await ap.PostAsync($"/api/v1/payment-runs/{id}/bank-status", Csv(csv), Ct);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal("executed", (string)(await Json.ReadAsync(status))["status"]!);
        var after = await RunAsync(ap, id);
        Assert.Equal("rejected", (string)PaymentOf(after, bad)!["status"]!);
        Assert.Equal("Account closed", (string)PaymentOf(after, bad)!["rejectionReason"]!);
        Assert.Equal("paid", (string)PaymentOf(after, good)!["status"]!);

        // The same file again changes nothing; the rejected invoice waits for the next run.
        using var again = await ap.PostAsync($"/api/v1/payment-runs/{id}/bank-status", Csv(csv), Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var invoice = await Json.ReadAsync(await ap.GetAsync($"/api/v1/invoices/{rejectedInvoice["id"]}", Ct));
        Assert.Null(invoice["payment"]!["paidOn"]);
        var next = await Json.ReadAsync(await ProposeAsync(ap, await BankAccountAsync(factory), "2027-07-20"));
        Assert.Equal("80.00", (string)PaymentOf(await RunAsync(ap, (string)next["id"]!), bad)!["amount"]!["amount"]!);
        await PostOkAsync(ap, $"/api/v1/payment-runs/{next["id"]}/cancel", """{"reason":"test"}""");
    }

    [Fact]
    public async Task Terms_come_from_the_vendor_and_AP_may_override_them_on_an_unpaid_invoice()
    {
        var vendor = await PayableVendorAsync(factory, "PAYE", "net 30 EOM");
        var invoice = await ReadyInvoiceAsync(factory, vendor, "90.00", "2027-02-10", "E-1");
        Assert.Equal("net 30 EOM", (string)invoice["payment"]!["terms"]!);
        Assert.Equal("2027-03-30", (string)invoice["payment"]!["dueDate"]!); // 28 February + 30 days

        using var ap = await factory.ClientForAsync("ap");
        using var unreadable = await ap.PutAsync($"/api/v1/invoices/{invoice["id"]}/payment-terms", Json.Body("""{"terms":"soon","reason":"x"}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Contains("\"terms\"", await unreadable.Content.ReadAsStringAsync(Ct));
        using var changed = await ap.PutAsync($"/api/v1/invoices/{invoice["id"]}/payment-terms", Json.Body("""{"terms":"2/10 net 45","reason":"Agreed with the vendor by phone"}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var payment = (await Json.ReadAsync(changed))["payment"]!;
        Assert.Equal("2027-03-27", (string)payment["dueDate"]!);
        Assert.Equal("2027-02-20", (string)payment["discountDate"]!);
        Assert.Equal("1.80", (string)payment["discount"]!["amount"]!);

        using var buyer = await factory.ClientForAsync("buyer");
        var created = await PostOkAsync(buyer, "/api/v1/vendors", """
            {"code":"PAYEOM","legalName":"Month End Ltd","country":"GB","defaultCurrency":"GBP","paymentTerms":{"netDays":30,"endOfMonth":true}}
            """);
        Assert.Equal("net 30 EOM", (string)created["paymentTerms"]!["text"]!);
        Assert.True((bool)created["paymentTerms"]!["endOfMonth"]!);

        using var viaApi = await ap.GetAsync("/api/v1/payment-terms", Ct);
        Assert.Contains("net 30 EOM", await viaApi.Content.ReadAsStringAsync(Ct));
        var due = await Json.ReadAsync(await ap.GetAsync("/api/v1/payments-due?weeks=12", Ct));
        Assert.Equal(13, due["weeks"]!.AsArray().Count);
    }

    [Fact]
    public async Task Bad_proposals_are_refused_on_the_field()
    {
        using var ap = await factory.ClientForAsync("ap");
        using var missing = await ap.PostAsync("/api/v1/payment-runs", Json.Body("{}"), Ct);
        var body = await missing.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("\"payDate\"", body);
        Assert.Contains("\"bankAccountId\"", body);
        using var past = await ProposeAsync(ap, await BankAccountAsync(factory), "2020-01-01");
        Assert.Contains("payDate", await past.Content.ReadAsStringAsync(Ct));
        using var backwards = await ProposeAsync(ap, await BankAccountAsync(factory), "2027-01-10", "2027-01-01");
        Assert.Contains("dueBy", await backwards.Content.ReadAsStringAsync(Ct));
        using var noAccount = await ProposeAsync(ap, Guid.NewGuid().ToString(), "2027-01-10");
        Assert.Equal(HttpStatusCode.BadRequest, noAccount.StatusCode);
        using var controller = await factory.ClientForAsync("controller");
        using var badIban = await controller.PostAsync("/api/v1/bank-accounts", Json.Body("""{"name":"Bad","currency":"EUR","bank":{"accountHolder":"X","iban":"DE00123"}}"""), Ct);
        Assert.Contains("bank.iban", await badIban.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_payments_pages_render_for_finance_and_are_closed_to_requesters()
    {
        using var controller = await factory.SignedInClientAsync("controller");
        var settings = await controller.GetStringAsync("/Payments/Settings", Ct);
        Assert.Contains("Operating (USD)", settings, StringComparison.Ordinal);
        Assert.Contains("Cash out by week", await controller.GetStringAsync("/Payments", Ct), StringComparison.Ordinal);
        using var requester = await factory.SignedInClientAsync("requester");
        using var denied = await requester.GetAsync("/Payments", Ct);
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }

    private Task<int> RemittancesAsync(Guid runId) => factory.WithDbAsync(async db =>
    {
        var ids = await db.Payments.Where(p => p.PaymentRunId == runId).Select(p => p.EndToEndId).ToListAsync(Ct);
        return (await db.OutboxEmails.Where(e => e.Subject.StartsWith("Remittance advice")).Select(e => e.Subject).ToListAsync(Ct)).Count(s => ids.Any(id => s.Contains(id, StringComparison.Ordinal)));
    });

    /// <summary>The admin as a second controller (a company with two controllers).</summary>
    private async Task<HttpClient> SecondControllerAsync()
    {
        await factory.WithDbAsync(async db =>
        {
            var admin = await db.Users.Include(u => u.Roles).SingleAsync(u => u.Email == "admin@demo.tandem.dev", Ct);
            if (!admin.Roles.Any(r => r.Role == "controller"))
            {
                admin.Roles.Add(new Web.Features.Users.RoleAssignment { Id = Guid.CreateVersion7(), UserId = admin.Id, Role = "controller" });
            }

            return await db.SaveChangesAsync(Ct);
        });
        return await factory.ClientForAsync("admin");
    }

    private async Task DeliverAsync(byte[] xml)
    {
        using var ap = await factory.ClientForAsync("ap");
        using var body = new ByteArrayContent(xml);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        using var response = await ap.PostAsync("/api/v1/invoices/ubl", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        Assert.Contains("\"captured\"", text);
    }
}
