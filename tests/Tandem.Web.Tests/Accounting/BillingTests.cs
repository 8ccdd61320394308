using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Web.Features.Billing;
using Tandem.Web.Platform.Jobs;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Payments.PaymentSteps;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Accounting;

/// <summary>Consolidated bills: one per group and cycle, deterministic, an invoice on one bill only, approved by the owner in one step.</summary>
public sealed class BillingTests(LedgerFactory factory) : IClassFixture<LedgerFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_month_of_invoices_makes_one_bill_rebuilt_identically_never_shared_and_approved_by_its_owner()
    {
        factory.Clock.Now = new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
        var vendor = await PayableVendorAsync(factory, "BIL1", "net 30");
        await ReadyInvoiceAsync(factory, vendor, "120.00", "2026-10-05", "BIL-1");
        await ReadyInvoiceAsync(factory, vendor, "80.50", "2026-10-20", "BIL-2");
        await ReadyInvoiceAsync(factory, vendor, "99.00", "2026-11-02", "BIL-3"); // November: not on October's bill
        var controllerId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "controller@demo.tandem.dev").Select(u => u.Id).SingleAsync(Ct));
        var eng = await factory.WithDbAsync(db => db.Departments.Where(d => d.Code == "ENG").Select(d => d.Id).SingleAsync(Ct));
        using var controller = await factory.ClientForAsync("controller");
        var group = await PostOkAsync(controller, "/api/v1/billing-groups", $$"""{"name":"Whole company","scope":"company","cycle":"monthly","ownerId":"{{controllerId}}"}""");
        var engineering = await PostOkAsync(controller, "/api/v1/billing-groups", $$"""{"name":"Engineering","scope":"department","scopeId":"{{eng}}","cycle":"monthly","ownerId":"{{controllerId}}"}""");
        using var badScope = await controller.PostAsync("/api/v1/billing-groups", Json.Body($$"""{"name":"X","scope":"location","scopeId":"{{Guid.NewGuid()}}","ownerId":"{{controllerId}}"}"""), Ct);
        Assert.Contains("scopeId", await badScope.Content.ReadAsStringAsync(Ct));

        using var ap = await factory.ClientForAsync("ap");
        var bill = await PostOkAsync(ap, "/api/v1/consolidated-bills", $$"""{"groupId":"{{group["id"]}}"}""");
        Assert.Equal("2026-10-01", (string)bill["periodFrom"]!);
        Assert.Equal("2026-10-31", (string)bill["periodTo"]!);
        var detail = await Json.ReadAsync(await ap.GetAsync($"/api/v1/consolidated-bills/{bill["id"]}", Ct));
        Assert.Equal(["BIL-1", "BIL-2"], detail["invoices"]!.AsArray().Where(i => ((string)i!["number"]!).StartsWith("BIL-", StringComparison.Ordinal)).Select(i => (string)i!["number"]!));
        var ours = detail["byVendor"]!.AsArray().Single(v => (string)v!["key"]! == "BIL1 Supplies Ltd")!;
        Assert.Equal("200.50", (string)ours["total"]!["amount"]!);
        var journal = detail["journal"]!.AsArray();
        Assert.Equal(journal.Sum(l => decimal.Parse((string)l!["debit"]!["amount"]!, System.Globalization.CultureInfo.InvariantCulture)),
            journal.Sum(l => decimal.Parse((string)l!["credit"]!["amount"]!, System.Globalization.CultureInfo.InvariantCulture)));

        // Rebuilding gives the same bill; the department's group cannot take invoices already billed.
        var again = await PostOkAsync(ap, "/api/v1/consolidated-bills", $$"""{"groupId":"{{group["id"]}}","periodContaining":"2026-10-15"}""");
        Assert.Equal((string)bill["id"]!, (string)again["id"]!);
        Assert.Equal((string)bill["contentHash"]!, (string)again["contentHash"]!);
        Assert.Equal((int)bill["invoiceCount"]!, (int)again["invoiceCount"]!);
        var department = await PostOkAsync(ap, "/api/v1/consolidated-bills", $$"""{"groupId":"{{engineering["id"]}}","periodContaining":"2026-10-15"}""");
        Assert.Equal(0, (int)department["invoiceCount"]!);
        Assert.False(await factory.WithDbAsync(db => db.ConsolidatedBillItems.GroupBy(i => i.InvoiceId).AnyAsync(g => g.Count() > 1, Ct)));

        var pdf = await ap.GetByteArrayAsync($"/api/v1/consolidated-bills/{bill["id"]}/pdf", Ct);
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        var csv = await ap.GetStringAsync($"/api/v1/consolidated-bills/{bill["id"]}/csv", Ct);
        Assert.Contains("BIL-2,invoice,BIL1 Supplies Ltd,2026-10-20,80.50,0.00,80.50,USD,unpaid", csv, StringComparison.Ordinal);

        // One approval by the group's owner, nobody else; then the bill no longer changes.
        using var notOwner = await ap.PostAsync($"/api/v1/consolidated-bills/{bill["id"]}/approve", null, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, notOwner.StatusCode);
        Assert.Equal("approved", (string)(await PostOkAsync(controller, $"/api/v1/consolidated-bills/{bill["id"]}/approve"))["status"]!);
        using var page = await factory.SignedInClientAsync("controller");
        var html = await page.GetStringAsync("/Billing", Ct);
        Assert.Contains((string)bill["number"]!, html, StringComparison.Ordinal);
        Assert.Contains("Engineering", html, StringComparison.Ordinal);
        using var rebuild = await ap.PostAsync("/api/v1/consolidated-bills", Json.Body($$"""{"groupId":"{{group["id"]}}","periodContaining":"2026-10-15"}"""), Ct);
        Assert.Equal(HttpStatusCode.Conflict, rebuild.StatusCode);
    }

    [Fact]
    public async Task The_scheduled_job_builds_each_group_s_last_cycle_once()
    {
        factory.Clock.Now = new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
        var ownerId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "controller@demo.tandem.dev").Select(u => u.Id).SingleAsync(Ct));
        using var controller = await factory.ClientForAsync("controller");
        var weekly = await PostOkAsync(controller, "/api/v1/billing-groups", $$"""{"name":"Weekly","scope":"company","cycle":"weekly","ownerId":"{{ownerId}}"}""");
        var job = factory.Services.GetServices<IScheduledJob>().OfType<ConsolidatedBillJob>().Single();
        await job.RunAsync(factory.Services.CreateScope().ServiceProvider, Ct);
        await job.RunAsync(factory.Services.CreateScope().ServiceProvider, Ct);
        var bills = await factory.WithDbAsync(db => db.ConsolidatedBills.Where(b => b.GroupId == Guid.Parse((string)weekly["id"]!)).ToListAsync(Ct));
        var bill = Assert.Single(bills);
        Assert.Equal(new DateOnly(2026, 11, 9), bill.PeriodFrom);
        Assert.Equal(new DateOnly(2026, 11, 15), bill.PeriodTo);
    }
}
