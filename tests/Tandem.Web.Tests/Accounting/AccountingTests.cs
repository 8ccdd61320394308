using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Payments.PaymentSteps;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Accounting;

/// <summary>A factory whose clock the accounting tests move across a month end.</summary>
public sealed class LedgerFactory : TandemFactory
{
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>Journals (balanced, exported once), the received-not-invoiced accrual and its reversal, the period lock.</summary>
public sealed class AccountingTests(LedgerFactory factory) : IClassFixture<LedgerFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_month_of_payables_is_journaled_exported_once_accrued_and_closed()
    {
        factory.Clock.Now = new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
        var vendor = await PayableVendorAsync(factory, "ACC1", "2/10 net 30");
        await ReadyInvoiceAsync(factory, vendor, "1000.00", "2026-11-20", "ACC-1");
        var received = await IssuedOrderAsync(factory, "250.00", "2", "Accrual probe", vendor);
        using var receiver = await factory.ClientForAsync("receiver");
        await PostOkAsync(receiver, "/api/v1/receipts", $$"""{"purchaseOrderId":"{{received["id"]}}","lines":[{"purchaseOrderLineId":"{{received["lines"]![0]!["id"]}}","accepted":"2"}]}""");

        // Paid on the 30th, inside the discount window: 980.00 leaves the bank, 20.00 is earned.
        factory.Clock.Now = new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);
        var run = await ApprovedRunAsync(factory, "2026-11-30");
        using var ap = await factory.ClientForAsync("ap");
        await PostOkAsync(ap, $"/api/v1/payment-runs/{run}/confirm");

        var export = await PostOkAsync(ap, "/api/v1/journal-exports", """{"upTo":"2026-11-30"}""");
        Assert.All(export["totals"]!.AsArray(), t => Assert.Equal((string)t!["debits"]!, (string)t!["credits"]!));
        var csv = await ap.GetStringAsync($"/api/v1/journal-exports/{export["id"]}/file", Ct);
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(',')).ToList();
        var ours = rows.Where(r => r[3] == "ACC-1").ToList();
        Assert.Equal([("6100", "1000.00", ""), ("2000", "", "1000.00")], ours.Select(r => (r[6], r[11], r[12])).OrderByDescending(r => r.Item2));
        var paymentId = (string)PaymentOf(await RunAsync(ap, run), vendor)!["endToEndId"]!;
        var payment = rows.Where(r => r[3] == paymentId).ToDictionary(r => r[6], r => r[11] + "|" + r[12]);
        Assert.Equal("1000.00|", payment["2000"]);
        Assert.Equal("|980.00", payment["1000"]);
        Assert.Equal("|20.00", payment["4900"]);
        foreach (var entry in rows.GroupBy(r => (r[2], r[3])))
        {
            Assert.Equal(entry.Sum(r => Dec(r[11])), entry.Sum(r => Dec(r[12])));
        }

        // Exported entries are never exported again; the file can be fetched again on demand.
        using var again = await ap.PostAsync("/api/v1/journal-exports", Json.Body("""{"upTo":"2026-11-30"}"""), Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(csv, await ap.GetStringAsync($"/api/v1/journal-exports/{export["id"]}/file", Ct));

        // December: November's received-not-invoiced goods are accrued at the end of the month and reversed on the 1st.
        factory.Clock.Now = new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);
        var report = await Json.ReadAsync(await ap.GetAsync("/api/v1/accruals?period=2026-11", Ct));
        var line = report["lines"]!.AsArray().Single(l => (string)l!["orderNumber"]! == (string)received["number"]!)!;
        Assert.Equal("2", (string)line["notInvoiced"]!);
        Assert.Equal("500.00", (string)line["amount"]!["amount"]!);
        Assert.False((bool)report["posted"]!);

        using var controller = await factory.ClientForAsync("controller");
        using var tooEarly = await controller.PostAsync("/api/v1/periods/2026-12/close", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        var closed = await PostOkAsync(controller, "/api/v1/periods/2026-11/close");
        Assert.Equal("closed", (string)closed["status"]!);
        var accruals = await factory.WithDbAsync(db => db.JournalEntries.Include(e => e.Lines).Where(e => e.SourceNumber == "2026-11").ToListAsync(Ct));
        var accrual = accruals.Single(e => e.SourceKind == "accrual-USD");
        var reversal = accruals.Single(e => e.SourceKind == "reversal-USD");
        Assert.Equal(new DateOnly(2026, 11, 30), accrual.EntryDate);
        Assert.Equal(new DateOnly(2026, 12, 1), reversal.EntryDate);
        var grni = await factory.WithDbAsync(db => db.GlAccounts.Where(g => g.Code == "2100").Select(g => g.Id).SingleAsync(Ct));
        var total = Dec(report["totals"]!.AsArray().Single(t => (string)t!["currency"]! == "USD")!["amount"]!.ToString()) * 100;
        Assert.Equal(total, accrual.Lines.Single(l => l.GlAccountId == grni).CreditMinor);
        Assert.Equal(total, reversal.Lines.Single(l => l.GlAccountId == grni).DebitMinor);
        Assert.Equal(accrual.Lines.Sum(l => l.DebitMinor), accrual.Lines.Sum(l => l.CreditMinor));

        // Nothing can be dated into the closed month.
        using var late = await ap.PostAsync("/api/v1/invoices", Json.Body($$"""
            {"purchaseOrderId":"{{received["id"]}}","number":"ACC-LATE","invoiceDate":"2026-11-25","tax":"0.00",
             "lines":[{"purchaseOrderLineId":"{{received["lines"]![0]!["id"]}}","quantity":"2","unitPrice":"250.00"}]}
            """), Ct);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var problem = await late.Content.ReadAsStringAsync(Ct);
        Assert.Contains("period.closed", problem);
        Assert.Contains("invoiceDate", problem);
        using var lateReceipt = await receiver.PostAsync("/api/v1/receipts", Json.Body($$"""
            {"purchaseOrderId":"{{received["id"]}}","receivedOn":"2026-11-28","lines":[{"purchaseOrderLineId":"{{received["lines"]![0]!["id"]}}","accepted":"1"}]}
            """), Ct);
        Assert.Contains("period.closed", await lateReceipt.Content.ReadAsStringAsync(Ct));

        // Reopening needs a reason and is on the record; then the late invoice goes in.
        using var noReason = await controller.PostAsync("/api/v1/periods/2026-11/reopen", Json.Body("{}"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var reopened = await PostOkAsync(controller, "/api/v1/periods/2026-11/reopen", """{"reason":"A November invoice arrived late"}""");
        Assert.Equal("open", (string)reopened["status"]!);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "AccountingPeriod" && a.AfterJson!.Contains("A November invoice arrived late"), Ct)));
        var lateInvoice = await PostOkAsync(ap, "/api/v1/invoices", $$"""
            {"purchaseOrderId":"{{received["id"]}}","number":"ACC-LATE","invoiceDate":"2026-11-25","tax":"0.00",
             "lines":[{"purchaseOrderLineId":"{{received["lines"]![0]!["id"]}}","quantity":"2","unitPrice":"250.00"}]}
            """);
        Assert.Equal("readyToPay", (string)lateInvoice["status"]!);
    }

    [Fact]
    public async Task Bad_accounting_requests_are_refused_on_the_field()
    {
        using var controller = await factory.ClientForAsync("controller");
        using var badPeriod = await controller.GetAsync("/api/v1/accruals?period=2026-13", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.Contains("\"period\"", await badPeriod.Content.ReadAsStringAsync(Ct));
        using var badAccount = await controller.PutAsync("/api/v1/accounting-settings", Json.Body($$"""{"payablesAccountId":"{{Guid.NewGuid()}}"}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badAccount.StatusCode);
        Assert.Contains("payablesAccountId", await badAccount.Content.ReadAsStringAsync(Ct));
        var settings = await Json.ReadAsync(await controller.GetAsync("/api/v1/accounting-settings", Ct));
        Assert.NotNull(settings["payablesAccountId"]);
        var periods = await Json.ReadAsync(await controller.GetAsync("/api/v1/periods", Ct));
        Assert.True(periods.AsArray().Count >= 13);
    }

    [Fact]
    public async Task The_accounting_page_shows_periods_exports_and_the_accrual_to_finance_only()
    {
        using var controller = await factory.SignedInClientAsync("controller");
        var page = await controller.GetStringAsync("/Accounting?accrual=2026-10", Ct);
        Assert.Contains("Journal exports", page, StringComparison.Ordinal);
        Assert.Contains("Received, not invoiced at 2026-10-31", page, StringComparison.Ordinal);
        using var buyer = await factory.SignedInClientAsync("buyer");
        using var denied = await buyer.GetAsync("/Accounting", Ct);
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }

    private static decimal Dec(string text) => text.Length == 0 ? 0 : decimal.Parse(text, CultureInfo.InvariantCulture);
}
