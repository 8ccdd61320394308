using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Budgets;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Vendors;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Purchasing;

/// <summary>
/// Batch re-matching: saving a match tolerance, or blocking a vendor and taking the block off, matches the invoices
/// waiting in exception again (a database of its own: it changes the tolerances).
/// </summary>
public sealed class ToleranceRematchTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_looser_tolerance_releases_the_invoices_waiting_on_the_old_one()
    {
        using var controller = await factory.ClientForAsync("controller");
        await MatchToleranceTests.PutAsync(controller, """{"pricePercent":"1","amountPercent":"1"}"""); // the company default, as in the worked example
        var vendor = await NewVendorAsync(factory, "TOL3");
        var waiting = await MatchToleranceTests.InvoiceAsync(factory, vendor, "B-3", "2.04"); // +2 %: over the default
        Assert.Equal("exception", (string)waiting["status"]!);
        var other = await MatchToleranceTests.InvoiceAsync(factory, await NewVendorAsync(factory, "TOL4"), "B-4", "2.04");

        await MatchToleranceTests.PutAsync(controller, $$"""{"vendorId":"{{vendor}}","pricePercent":"2","amountPercent":"2"}""");
        using var ap = await factory.ClientForAsync("ap");
        var released = await Json.ReadAsync(await ap.GetAsync($"/api/v1/invoices/{waiting["id"]}", Ct));
        Assert.Equal("readyToPay", (string)released["status"]!);
        Assert.Equal("withinTolerance", (string)released["lines"]![0]!["matchStatus"]!);
        Assert.Equal("4.00", (string)released["lines"]![0]!["variance"]!["amount"]!);
        var untouched = await Json.ReadAsync(await ap.GetAsync($"/api/v1/invoices/{other["id"]}", Ct));
        Assert.Equal("exception", (string)untouched["status"]!); // another vendor's rule still applies to it
    }

    [Fact]
    public async Task A_company_wide_change_matches_every_waiting_invoice_again_as_each_would_be_matched_alone()
    {
        using var controller = await factory.ClientForAsync("controller");
        await MatchToleranceTests.PutAsync(controller, """{"pricePercent":"1","amountPercent":"1"}""");
        var vendor = await NewVendorAsync(factory, "TOL5");

        // Two invoices over one line received 100: together they bill 110, each 2 % over the price.
        var shared = await ReceivedOrderAsync(vendor);
        var first = await InvoiceAsync(shared, "S-1", "60", "2026-12-01");
        var second = await InvoiceAsync(shared, "S-2", "50", "2026-12-20");
        Assert.Equal(["priceOverTolerance"], Exceptions(first));
        Assert.Equal(["priceOverTolerance", "quantityOverReceived"], Exceptions(second));

        // The same total as the first, a day later, on another order: a possible duplicate of it, and over the price too.
        var twin = await InvoiceAsync(await ReceivedOrderAsync(vendor), "S-3", "60", "2026-12-02");
        Assert.Equal((string)first["id"]!, (string)twin["possibleDuplicateOfId"]!);

        // Only the price keeps these three waiting, two of them on one order (all released by one save: each moves its
        // order's commitment to actual and teaches the classifier).
        var plain = await InvoiceAsync(await ReceivedOrderAsync(vendor), "S-4", "40", "2026-12-05");
        var pair = await ReceivedOrderAsync(vendor);
        var plain2 = await InvoiceAsync(pair, "S-5", "30", "2026-12-06");
        var plain3 = await InvoiceAsync(pair, "S-6", "35", "2026-12-07");
        Assert.All(new[] { first, second, twin, plain, plain2, plain3 }, i => Assert.Equal("exception", (string)i["status"]!));

        await MatchToleranceTests.PutAsync(controller, """{"pricePercent":"3","amountPercent":"3"}""");
        using var ap = await factory.ClientForAsync("ap");
        async Task<JsonNode> Now(JsonNode invoice) => await Json.ReadAsync(await ap.GetAsync($"/api/v1/invoices/{invoice["id"]}", Ct));

        // Each as it would be matched alone: the price is now within tolerance everywhere, the rest stands.
        var (firstNow, secondNow, twinNow, plainNow) = (await Now(first), await Now(second), await Now(twin), await Now(plain));
        Assert.Equal("exception|quantityOverReceived", Outcome(firstNow));
        Assert.Equal("exception|quantityOverReceived", Outcome(secondNow));
        Assert.Equal("exception|possibleDuplicate", Outcome(twinNow));
        Assert.Equal("readyToPay", (string)plainNow["status"]!);
        Assert.Equal("withinTolerance", (string)plainNow["lines"]![0]!["matchStatus"]!);
        Assert.Equal("readyToPay", (string)(await Now(plain2))["status"]!);
        Assert.Equal("readyToPay", (string)(await Now(plain3))["status"]!);
        var invoiced = await factory.WithDbAsync(db => db.PurchaseOrderLines.Where(l => l.PurchaseOrderId == Guid.Parse((string)pair["id"]!)).Select(l => l.InvoicedUnits).SingleAsync(Ct));
        Assert.Equal(650_000, invoiced); // 30 + 35 units, in ten-thousandths
        Assert.Equal(11_000, (await LedgerAsync(factory, (string)pair["id"]!))["Committed"]); // the 55 units not invoiced, at 2.00, counted once
        // Each released invoice's actual spend is recorded (all of them together), on the budget and in the spend facts;
        // the invoices still waiting record none.
        foreach (var (released, minor) in new[] { (plain, 8_160L), (plain2, 6_120L), (plain3, 7_140L) }) // 40, 30 and 35 units at 2.04
        {
            var id = Guid.Parse((string)released["id"]!);
            Assert.Equal(minor, (await LedgerAsync(factory, id.ToString()))["Actual"]);
            Assert.Equal(minor, await factory.WithDbAsync(db => db.SpendFacts.Where(f => f.DocumentId == id && f.Kind == ConsumptionKind.Actual).SumAsync(f => f.AmountMinor, Ct)));
        }

        Assert.Empty(await LedgerAsync(factory, (string)first["id"]!));
        // The classifier learned each released invoice's line once (in one write for the whole batch), the others not yet.
        var vendorFeature = $"v:{vendor:N}";
        Assert.Equal(3, await factory.WithDbAsync(db => db.GlModelCounts.Where(c => c.Feature == vendorFeature).SumAsync(c => c.Count, Ct)));

        // Every line the re-match changed is on the record, in the controller's name.
        var lineIds = new[] { firstNow, secondNow, twinNow, plainNow }.Select(i => (string)i["lines"]![0]!["id"]!).ToList();
        var audited = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "InvoiceLine" && a.Action == "updated" && lineIds.Contains(a.EntityId))
            .Select(a => new { a.EntityId, a.ActorName, a.BeforeJson, a.AfterJson }).ToListAsync(Ct));
        Assert.Equal(lineIds.Order(), audited.Select(a => a.EntityId).Order());
        Assert.All(audited, a => Assert.Contains("controller", a.ActorName, StringComparison.OrdinalIgnoreCase));
        // Once each, from the price over tolerance to what stands now, written without the change tracker (ADR 0033) as a
        // tracked save writes them: what changed, in the type's order, whether the invoice was released or still waits.
        Assert.All(audited, a => Assert.True(a.BeforeJson!.Contains("priceOverTolerance", StringComparison.Ordinal) && !a.AfterJson!.Contains("priceOverTolerance", StringComparison.Ordinal), a.BeforeJson + " " + a.AfterJson));
        static string Names(string json) => string.Join(',', JsonNode.Parse(json)!.AsObject().Select(p => p.Key));
        var (stillWaiting, madeReady) = (audited.Single(a => a.EntityId == lineIds[2]), audited.Single(a => a.EntityId == lineIds[3]));
        Assert.Equal("exceptions,explanation,matchStatus", Names(madeReady.AfterJson!));
        Assert.Equal(Names(madeReady.BeforeJson!), Names(stillWaiting.BeforeJson!));
        Assert.Equal(Names(madeReady.AfterJson!), Names(stillWaiting.AfterJson!));
    }

    [Fact]
    public async Task Blocking_a_vendor_and_taking_the_block_off_match_its_waiting_invoices_again()
    {
        var vendor = await NewVendorAsync(factory, "TOL6");
        var order = await ReceivedOrderAsync(vendor);
        using var buyer = await factory.ClientForAsync("buyer");
        using var blocked = await VendorSteps.SetStatusAsync(buyer, vendor.ToString(), "blocked", "bank details in doubt");
        Assert.Equal(HttpStatusCode.OK, blocked.StatusCode);

        // Billed at the order's price while the vendor is blocked: waiting for that alone.
        using var ap = await factory.ClientForAsync("ap");
        var invoice = await PostOkAsync(ap, "/api/v1/invoices", $$"""
            {"purchaseOrderId":"{{order["id"]}}","number":"BLK-1","invoiceDate":"2026-12-03","lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","quantity":"100","unitPrice":"2.00"}]}
            """);
        Assert.Equal("exception|blockedVendor", Outcome(invoice));

        using var review = await VendorSteps.SetStatusAsync(buyer, vendor.ToString(), "inReview", "bank details confirmed by phone");
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        var released = await Json.ReadAsync(await ap.GetAsync($"/api/v1/invoices/{invoice["id"]}", Ct));
        Assert.Equal("readyToPay", (string)released["status"]!);
    }

    private static string Outcome(JsonNode invoice) => string.Join('|', [(string)invoice["status"]!, .. Exceptions(invoice)]);

    private static string[] Exceptions(JsonNode invoice) =>
        [.. invoice["headerExceptions"]!.AsArray().Concat(invoice["lines"]!.AsArray().SelectMany(l => l!["exceptions"]!.AsArray())).Select(e => (string)e!).Distinct().Order()];

    /// <summary>An issued order of 120 × 2.00 from the vendor, 100 of them received.</summary>
    private async Task<JsonNode> ReceivedOrderAsync(Guid vendor)
    {
        var order = await IssuedOrderAsync(factory, "2.00", quantity: "120", title: "Washers", vendorId: vendor);
        using var receiver = await factory.ClientForAsync("receiver");
        await PostOkAsync(receiver, "/api/v1/receipts", $$"""{"purchaseOrderId":"{{order["id"]}}","lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","accepted":"100"}]}""");
        return order;
    }

    /// <summary>An invoice on the order's line at 2.04 (2 % over).</summary>
    private async Task<JsonNode> InvoiceAsync(JsonNode order, string number, string quantity, string date)
    {
        using var ap = await factory.ClientForAsync("ap");
        return await PostOkAsync(ap, "/api/v1/invoices", $$"""
            {"purchaseOrderId":"{{order["id"]}}","number":"{{number}}","invoiceDate":"{{date}}","lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","quantity":"{{quantity}}","unitPrice":"2.04"}]}
            """);
    }
}
