using System.Net;
using Microsoft.EntityFrameworkCore;
using Tandem.Web.Features.Catalog;
using Tandem.Web.Tests.Accounting;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Requisitions;
using static Tandem.Web.Tests.Payments.PaymentSteps;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Analytics;

/// <summary>
/// Every shared KPI computed from one small, hand-built November (in a database of its own) with answers worked out by
/// hand: three invoices (100.00 and 300.00 matched, 60.00 over the order price), one early payment, one order
/// issued two days after its request, one catalog line below its first-quoted price, one request left waiting past
/// its deadline, one cost avoidance.
/// </summary>
public sealed class KpiTests(LedgerFactory factory) : IClassFixture<LedgerFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset At(int day, int hour = 10) => new(2026, 11, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Each_kpi_has_its_known_answer()
    {
        // A request submitted and approved on the 2nd, ordered on the 4th: a cycle of 2 days.
        factory.Clock.Now = At(2);
        var requisition = await ApprovedRequisitionAsync(factory, "40.00", "Cycle probe");
        factory.Clock.Now = At(4);
        var ordered = await OrderAsync(factory, requisition, await ActiveVendorAsync(factory));
        using var buyer = await factory.ClientForAsync("buyer");
        await PostOkAsync(buyer, $"/api/v1/purchase-orders/{ordered["id"]}/issue");

        // The 10th: three invoices, on the day their orders were issued and received (cycle 0 days, lead time 0 days).
        factory.Clock.Now = At(10);
        var net30 = await PayableVendorAsync(factory, "KPI1", "net 30");
        var early = await PayableVendorAsync(factory, "KPI2", "2/10 net 30");
        var a = await ReadyInvoiceAsync(factory, net30, "100.00", "2026-11-10", "K-1");
        await ReadyInvoiceAsync(factory, early, "300.00", "2026-11-10", "K-2");
        var order = await IssuedOrderAsync(factory, "50.00", "1", "Over price", early);
        using var receiver = await factory.ClientForAsync("receiver");
        await PostOkAsync(receiver, "/api/v1/receipts", $$"""{"purchaseOrderId":"{{order["id"]}}","lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","accepted":"1"}]}""");
        using var ap = await factory.ClientForAsync("ap");
        var over = await PostOkAsync(ap, "/api/v1/invoices", $$"""
            {"purchaseOrderId":"{{order["id"]}}","number":"K-3","invoiceDate":"2026-11-01","tax":"0.00",
             "lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","quantity":"1","unitPrice":"60.00"}]}
            """);
        Assert.Equal("exception", (string)over["status"]!);

        // K-1's line is catalog item whose first offer quoted 120.00: 20.00 negotiated.
        await factory.WithDbAsync(async db =>
        {
            var line = await db.PurchaseOrderLines.SingleAsync(l => l.Id == Guid.Parse((string)a["order"]!["lines"]![0]!["id"]!), Ct);
            var category = await db.Categories.FirstAsync(Ct);
            var item = new Item { Id = Guid.CreateVersion7(), CompanyId = category.CompanyId, Sku = "KPI-ITEM", Name = "Probe", CategoryId = category.Id };
            db.Items.Add(item);
            db.Offers.Add(new Offer { Id = Guid.CreateVersion7(), CompanyId = item.CompanyId, ItemId = item.Id, VendorId = net30, UnitPriceMicros = 120_000_000, Currency = "USD", ValidFrom = new DateOnly(2026, 1, 1) });
            db.Offers.Add(new Offer { Id = Guid.CreateVersion7(), CompanyId = item.CompanyId, ItemId = item.Id, VendorId = net30, UnitPriceMicros = 100_000_000, Currency = "USD", ValidFrom = new DateOnly(2026, 6, 1) });
            line.ItemId = item.Id;
            return await db.SaveChangesAsync(Ct);
        });

        // A request waiting for approval, past its deadline on the 30th; a cost avoidance of 250.00.
        using var requester = await factory.ClientForAsync("requester");
        await RequisitionSteps.RaiseAsync(requester, "75.00", await RequisitionSteps.GlAccountAsync(factory), "Waiting probe");
        using var controller = await factory.ClientForAsync("controller");
        await PostOkAsync(controller, "/api/v1/savings", """{"amount":{"amount":"250.00","currency":"USD"},"reason":"Refused the 2027 price increase","recordedOn":"2026-11-12"}""");

        // Paid on the 20th: K-2 early, less its 2 % (6.00); K-3's discount (1.20, last day the 11th) was missed.
        factory.Clock.Now = At(20);
        var run = await ApprovedRunAsync(factory, "2026-11-20");
        await PostOkAsync(ap, $"/api/v1/payment-runs/{run}/confirm");

        factory.Clock.Now = At(30);
        var kpis = (await Json.ReadAsync(await controller.GetAsync("/api/v1/kpis?from=2026-11-01&to=2026-11-30", Ct)))["kpis"]!.AsArray()
            .ToDictionary(k => (string)k!["key"]!, k => k!);
        string Display(string key) => (string)kpis[key]["display"]!;
        string Part(string key, string label) => (string)kpis[key]["parts"]!.AsArray().Single(p => (string)p!["label"]! == label)!["display"]!;

        // Actual spend is K-1 and K-2 (400.00), both through orders; none from the catalog (K-1's item was set afterwards on the order only).
        Assert.Equal("100 %", Display("spendUnderManagement"));
        Assert.Equal("400.00 USD", Display("maverickSpend"));
        Assert.StartsWith("0.00 USD", Part("maverickSpend", "Without a purchase order"), StringComparison.Ordinal);
        Assert.Equal("-400.00 USD", Display("yearOverYearChange"));
        Assert.Equal("20.00 USD", Display("negotiatedSavings"));
        Assert.Equal("6.00 USD", Display("discountsCaptured"));
        Assert.Equal("250.00 USD", Display("costAvoidance"));

        // Four orders from requests: 0, 0, 0 and 2 days.
        Assert.Equal("0 days", Display("poCycleTime"));
        Assert.Contains("4 requisition–order pairs; p90 2 days", (string)kpis["poCycleTime"]["basis"]!, StringComparison.Ordinal);
        Assert.Equal("0 h", Display("approvalTime"));
        Assert.Equal("1", Display("approvalsOverdue"));

        // K-3 stopped on its price: one of three.
        Assert.Equal("66.67 %", Display("firstPassMatchRate"));
        Assert.Equal("0 %", Display("touchlessRate")); // all three keyed by hand
        Assert.Equal("33.33 %", Display("exceptionRate"));
        Assert.Equal("0 days", Display("invoiceCycleTime"));
        Assert.Equal("10 days", Part("invoiceCycleTime", "Ready to pay → paid"));

        // K-2 paid on time; 100.00 still owed at the end against 400.00 invoiced over 30 days: 7.5 days.
        Assert.Equal("100 %", Display("onTimePaymentRate"));
        Assert.Equal("7.5 days", Display("daysPayableOutstanding"));
        Assert.Equal("1.20 USD", Display("missedDiscounts"));
        Assert.Equal("7.20 USD", Part("missedDiscounts", "Available"));

        Assert.Equal("100 %", Display("onTimeDelivery"));
        Assert.Equal("0 %", Display("priceVariance"));
        Assert.All(kpis.Values, k => Assert.False(string.IsNullOrWhiteSpace((string)k["definition"]!)));
    }

    [Fact]
    public void Every_kpi_definition_is_in_the_docs_word_for_word()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Tandem.slnx")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var docs = File.ReadAllText(Path.Combine(root.FullName, "docs", "analytics.md"));
        Assert.All(Web.Features.Analytics.KpiDefinitions.All, k => Assert.Contains($"| {k.Value.Name} (`{k.Key}`) | {k.Value.Team} | {k.Value.Definition} |", docs, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Savings_need_a_reason_and_a_positive_amount_in_company_currency_and_requesters_cannot_record_them()
    {
        using var buyer = await factory.ClientForAsync("buyer");
        using var noReason = await buyer.PostAsync("/api/v1/savings", Json.Body("""{"amount":{"amount":"10.00","currency":"EUR"}}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var problem = await Json.ReadAsync(noReason);
        Assert.Equal(["amount", "reason"], problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        using var requester = await factory.ClientForAsync("requester");
        using var denied = await requester.PostAsync("/api/v1/savings", Json.Body("""{"amount":{"amount":"10.00","currency":"USD"},"reason":"x"}"""), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        using var kpis = await requester.GetAsync("/api/v1/kpis", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, kpis.StatusCode);
    }
}
