using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Domain.Purchasing;
using Tandem.Web.Features.Analytics;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Platform.Jobs;
using Tandem.Web.Tests.Accounting;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Requisitions;
using static Tandem.Web.Tests.Payments.PaymentSteps;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Analytics;

/// <summary>Spend by dimension and period from the documents: committed and actual, period over period, drill-down, CSV, rebuild.</summary>
public sealed class SpendTests(LedgerFactory factory) : IClassFixture<LedgerFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Invoices_are_actual_spend_open_orders_are_committed_and_every_figure_leads_to_its_documents()
    {
        factory.Clock.Now = new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
        var vendor = await PayableVendorAsync(factory, "SPN1");
        await ReadyInvoiceAsync(factory, vendor, "120.00", "2026-09-25", "SPN-0");
        await ReadyInvoiceAsync(factory, vendor, "300.00", "2026-10-05", "SPN-1");
        await ReadyInvoiceAsync(factory, vendor, "80.50", "2026-11-02", "SPN-2");
        var open = await IssuedOrderAsync(factory, "50.00", "2", "Open order", vendor); // need-by 2026-12-15: committed in December

        using var controller = await factory.ClientForAsync("controller");
        var spend = await Json.ReadAsync(await controller.GetAsync($"/api/v1/analytics/spend?by=vendor&vendor={vendor}&from=2026-10-01&to=2026-12-31&period=month", Ct));
        Assert.True(spend["periods"] is not null, spend.ToJsonString());
        Assert.Equal(["2026-10", "2026-11", "2026-12"], spend["periods"]!.AsArray().Select(p => (string)p!));
        var row = spend["rows"]!.AsArray().Single()!;
        Assert.Equal("SPN1 Supplies Ltd", (string)row["keys"]![0]!["label"]!);
        Assert.Equal([30000L, 8050L, 0L], row["actual"]!.AsArray().Select(a => (long)a!));
        Assert.Equal([0L, 0L, 10000L], row["committed"]!.AsArray().Select(a => (long)a!));
        Assert.Equal(38050L, (long)row["totalActual"]!);

        // The monthly rollups give the same answer once built; a new invoice marks its month and counts at once.
        var url = $"/api/v1/analytics/spend?by=vendor&vendor={vendor}&from=2026-09-01&to=2026-11-30&period=quarter";
        var fromFacts = (await Json.ReadAsync(await controller.GetAsync(url, Ct))).ToJsonString();
        var job = factory.Services.GetServices<IScheduledJob>().OfType<SpendRollupJob>().Single();
        Assert.True(await factory.Services.GetRequiredService<JobRunner>().RunIfDueAsync(job, Ct));
        Assert.Equal(0, await factory.WithDbAsync(db => db.SpendDirtyMonths.CountAsync(Ct)));
        Assert.True(await factory.WithDbAsync(db => db.SpendRollups.AnyAsync(r => r.VendorId == vendor, Ct)));
        Assert.Equal(fromFacts, (await Json.ReadAsync(await controller.GetAsync(url, Ct))).ToJsonString());
        await ReadyInvoiceAsync(factory, vendor, "19.50", "2026-10-20", "SPN-3");
        var quarter = (await Json.ReadAsync(await controller.GetAsync(url, Ct)))["rows"]![0]!;
        Assert.Equal([12000L, 40000L], quarter["actual"]!.AsArray().Select(a => (long)a!)); // Q3 (September), Q4 (300.00 + 80.50 + 19.50)
        await factory.WithDbAsync(db => SpendRollups.RebuildMarkedAsync(db, Ct));
        Assert.Equal([12000L, 40000L], (await Json.ReadAsync(await controller.GetAsync(url, Ct)))["rows"]![0]!["actual"]!.AsArray().Select(a => (long)a!));

        // The three months before (July–September) had 120.00: +217.08 %.
        Assert.Equal("2026-07-01", (string)spend["previousFrom"]!);
        Assert.Equal(12000L, (long)row["previousActual"]!);
        Assert.Equal("217.08", (string)row["actualChange"]!);

        // Drill down: the documents behind the row, largest first, with links.
        var documents = await Json.ReadAsync(await controller.GetAsync("/api/v1/analytics/spend/documents?" + ((string)row["link"]!).Split('?')[1], Ct));
        Assert.Equal(["SPN-1", (string)open["number"]!, "SPN-2", "SPN-3"], documents["documents"]!.AsArray().Select(d => (string)d!["number"]!));
        Assert.Equal(40000L, (long)documents["actualMinor"]!);
        Assert.StartsWith("/Invoices/Detail?id=", (string)documents["documents"]![0]!["link"]!, StringComparison.Ordinal);

        // By department and week as CSV.
        var csv = await controller.GetStringAsync($"/api/v1/analytics/spend?by=department,vendor&vendor={vendor}&from=2026-11-01&to=2026-11-08&period=week&format=csv", Ct);
        Assert.StartsWith("department,vendor,committed 2026-W44,committed 2026-W45,actual 2026-W44,actual 2026-W45,", csv, StringComparison.Ordinal);
        Assert.Contains("Engineering,SPN1 Supplies Ltd,0.00,0.00,0.00,80.50,0.00,80.50,", csv, StringComparison.Ordinal);

        // A rebuild from the documents gives the same facts.
        var before = await factory.WithDbAsync(db => db.SpendFacts.Where(f => f.VendorId == vendor).OrderBy(f => f.DocumentNumber).Select(f => new { f.DocumentNumber, f.Kind, f.Day, f.AmountMinor }).ToListAsync(Ct));
        await factory.WithDbAsync(db => db.SpendFacts.Where(f => f.VendorId == vendor).ExecuteDeleteAsync(Ct));
        using var admin = await factory.ClientForAsync("admin");
        await PostOkAsync(admin, "/api/v1/analytics/rebuild");
        var after = await factory.WithDbAsync(db => db.SpendFacts.Where(f => f.VendorId == vendor).OrderBy(f => f.DocumentNumber).Select(f => new { f.DocumentNumber, f.Kind, f.Day, f.AmountMinor }).ToListAsync(Ct));
        Assert.Equal(before, after);
        Assert.Equal(5, after.Count);
    }

    [Fact]
    public async Task A_documents_charges_on_the_same_day_and_dimensions_are_one_fact_and_every_sum_stays_exact()
    {
        factory.Clock.Now = new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
        var (supplies, furniture) = (await RequisitionSteps.GlAccountAsync(factory, "6100"), await RequisitionSteps.GlAccountAsync(factory, "6200"));
        using var requester = await factory.ClientForAsync("requester");
        using var created = await requester.PostAsync("/api/v1/requisitions", Json.Body($$"""
            {"title":"Office restock","lines":[
              {"description":"Paper","quantity":"2","unitPrice":"10.00","glAccountId":"{{supplies}}","needBy":"2026-12-15"},
              {"description":"Toner","quantity":"1","unitPrice":"45.50","glAccountId":"{{supplies}}","needBy":"2026-12-15"},
              {"description":"Pens","quantity":"3","unitPrice":"1.25","glAccountId":"{{supplies}}","needBy":"2026-12-20"},
              {"description":"Chair","quantity":"1","unitPrice":"120.00","glAccountId":"{{furniture}}","needBy":"2026-12-15"}]}
            """), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var vendor = await NewVendorAsync(factory, "MRG1");
        var order = await OrderAsync(factory, await SubmittedAndApprovedAsync(factory, requester, await Json.ReadAsync(created)), vendor);
        using var buyer = await factory.ClientForAsync("buyer");
        await PostOkAsync(buyer, $"/api/v1/purchase-orders/{order["id"]}/issue");

        // Paper and toner share the day and every dimension: one row, named by its first line; pens (another day) and
        // the chair (another GL account) are rows of their own.
        var id = Guid.Parse((string)order["id"]!);
        var facts = await factory.WithDbAsync(db => db.SpendFacts.Where(f => f.DocumentId == id).OrderBy(f => f.LineNo)
            .Select(f => new { f.LineNo, f.Day, f.GlAccountId, f.AmountMinor }).ToListAsync(Ct));
        Assert.Equal([1, 3, 4], facts.Select(f => f.LineNo));
        Assert.Equal([new DateOnly(2026, 12, 15), new DateOnly(2026, 12, 20), new DateOnly(2026, 12, 15)], facts.Select(f => f.Day));
        Assert.Equal([Guid.Parse(supplies), Guid.Parse(supplies), Guid.Parse(furniture)], facts.Select(f => f.GlAccountId!.Value));
        Assert.Equal([2000L + 4550, 375, 12000], facts.Select(f => f.AmountMinor)); // 2 × 10.00 + 45.50; 3 × 1.25; 120.00

        // Spend by GL account adds up exactly as the lines do.
        using var controller = await factory.ClientForAsync("controller");
        var spend = await Json.ReadAsync(await controller.GetAsync($"/api/v1/analytics/spend?by=glAccount&vendor={vendor}&from=2026-12-01&to=2026-12-31&period=month", Ct));
        var byGl = spend["rows"]!.AsArray().ToDictionary(r => (string)r!["keys"]![0]!["id"]!, r => (long)r!["totalCommitted"]!);
        Assert.Equal(6925L, byGl[supplies]); // 65.50 + 3.75
        Assert.Equal(12000L, byGl[furniture]);
    }

    [Fact]
    public async Task Cancelling_an_order_removes_its_commitment_and_committed_spend_and_marks_that_month_out_of_date()
    {
        factory.Clock.Now = new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
        var order = await IssuedOrderAsync(factory, "70.00", "1", "Desk lamp"); // need-by 2026-12-15: committed in December
        var id = Guid.Parse((string)order["id"]!);
        Assert.NotEmpty(await LedgerAsync(factory, id.ToString()));
        Assert.Equal([new DateOnly(2026, 12, 15)], await factory.WithDbAsync(db => db.SpendFacts.Where(f => f.DocumentId == id).Select(f => f.Day).Distinct().ToListAsync(Ct)));

        // The order's own ledger on cancelling, inside its unit of work (rolled back): the removed facts' days come back
        // from the DELETE, and their month is marked for the rollups.
        var marked = await factory.WithDbAsync(async db =>
        {
            var loaded = await db.PurchaseOrders.Include(o => o.Lines).ThenInclude(l => l.Splits).SingleAsync(o => o.Id == id, Ct);
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            loaded.Status = PurchaseOrderStatus.Cancelled;
            Assert.True((await BudgetLedger.ApplyAsync(db, LedgerDocument.Of(loaded), enforce: false, Ct)).IsSuccess);
            return db.ChangeTracker.Entries<SpendDirtyMonth>().Select(e => e.Entity.Month).ToList();
        });
        Assert.Equal([new DateOnly(2026, 12, 1)], marked);

        using var buyer = await factory.ClientForAsync("buyer");
        await PostOkAsync(buyer, $"/api/v1/purchase-orders/{id}/cancel", """{"reason":"No longer needed"}""");
        Assert.Empty(await LedgerAsync(factory, id.ToString()));
        Assert.False(await factory.WithDbAsync(db => db.SpendFacts.AnyAsync(f => f.DocumentId == id, Ct)));
    }

    [Fact]
    public async Task Bad_questions_name_their_field_and_requesters_see_no_spend()
    {
        using var controller = await factory.ClientForAsync("controller");
        foreach (var (query, field) in new[] { ("by=colour", "by"), ("period=fortnight", "period"), ("from=2026-13-01", "from"), ("vendor=abc", "vendor"), ("from=2026-05-01&to=2026-04-01", "to"), ("by=vendor,vendor", "by") })
        {
            using var response = await controller.GetAsync($"/api/v1/analytics/spend?{query}", Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using var requester = await factory.ClientForAsync("requester");
        using var denied = await requester.GetAsync("/api/v1/analytics/spend", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }
}
