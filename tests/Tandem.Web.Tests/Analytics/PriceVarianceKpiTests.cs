using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tandem.Web.Platform.Data.Migrations;
using Tandem.Web.Tests.Accounting;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Analytics;

/// <summary>
/// Price variance from a hand-built November (a database of its own): 4 × 25.00 billed at 27.50 and accepted, 2 × 50.00
/// billed at 50.00, and 1 × 10.00 billed at 20.00 left in exception (not ready to pay, so not counted): 10.00 billed
/// over order prices of 200.00 = 5 %. The upgrade's backfill computes the same from the lines.
/// </summary>
public sealed class PriceVarianceKpiTests(LedgerFactory factory) : IClassFixture<LedgerFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Price_variance_counts_the_ready_invoices_billed_quantities_against_their_order_prices()
    {
        factory.Clock.Now = new DateTimeOffset(2026, 11, 10, 10, 0, 0, TimeSpan.Zero);
        var over = await ReceivedAndInvoicedAsync("25.00", "4", "27.50", "PV-1");
        Assert.Equal("exception", (string)over["status"]!);
        using var controller = await factory.ClientForAsync("controller");
        await PostOkAsync(controller, $"/api/v1/invoices/{over["id"]}/accept", """{"reason":"Agreed surcharge for express delivery"}""");
        Assert.Equal("readyToPay", (string)(await ReceivedAndInvoicedAsync("50.00", "2", "50.00", "PV-2"))["status"]!);
        Assert.Equal("exception", (string)(await ReceivedAndInvoicedAsync("10.00", "1", "20.00", "PV-3"))["status"]!);

        async Task<(string Display, string Basis)> VarianceAsync()
        {
            var kpi = (await Json.ReadAsync(await controller.GetAsync("/api/v1/kpis?from=2026-11-01&to=2026-11-30", Ct)))["kpis"]!.AsArray()
                .Single(k => (string)k!["key"]! == "priceVariance")!;
            return ((string)kpi["display"]!, (string)kpi["basis"]!);
        }

        var expected = ("5 %", "10.00 USD billed over the order prices of 200.00 USD");
        Assert.Equal(expected, await VarianceAsync());

        // Invoices from before the upgrade: their numbers are filled in from the lines, to the same result.
        await factory.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE invoices SET rate_units = 0, variance_basis_minor = 0, variance_billed_minor = 0", Ct);
            foreach (var sql in InvoiceKpiSnapshots.Backfill(db.Database.IsSqlite()))
            {
                await db.Database.ExecuteSqlRawAsync(sql, Ct);
            }

            Assert.DoesNotContain(await db.Invoices.Select(i => i.RateUnits).ToListAsync(Ct), r => r == 0);
            return 0;
        });
        Assert.Equal(expected, await VarianceAsync());
    }

    private async Task<JsonNode> ReceivedAndInvoicedAsync(string price, string quantity, string billedPrice, string number)
    {
        var order = await IssuedOrderAsync(factory, price, quantity, $"Variance probe {number}");
        var line = (string)order["lines"]![0]!["id"]!;
        using var receiver = await factory.ClientForAsync("receiver");
        await PostOkAsync(receiver, "/api/v1/receipts", $$"""{"purchaseOrderId":"{{order["id"]}}","lines":[{"purchaseOrderLineId":"{{line}}","accepted":"{{quantity}}"}]}""");
        using var ap = await factory.ClientForAsync("ap");
        return await PostOkAsync(ap, "/api/v1/invoices", $$"""
            {"purchaseOrderId":"{{order["id"]}}","number":"{{number}}","invoiceDate":"2026-11-10","tax":"0.00",
             "lines":[{"purchaseOrderLineId":"{{line}}","quantity":"{{quantity}}","unitPrice":"{{billedPrice}}"}]}
            """);
    }
}
