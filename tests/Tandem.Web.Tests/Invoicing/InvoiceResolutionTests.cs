using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Vendors;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Invoicing;

/// <summary>
/// The exceptions queue and its resolutions: reasons routed to the buyer or requester, possible duplicates cleared by a
/// person, header checks (tax, closed order, blocked vendor), a credit note requested by e-mail, an adjustment, and
/// acceptance only within the approver's limit.
/// </summary>
public sealed class InvoiceResolutionTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonNode> InvoiceAsync(JsonNode order, string number, string quantity, string price, string tax = "0.00", string date = "2026-12-20")
    {
        using var ap = await factory.ClientForAsync("ap");
        using var response = await ap.PostAsync("/api/v1/invoices", Json.Body($$"""
            {"purchaseOrderId":"{{order["id"]}}","number":"{{number}}","invoiceDate":"{{date}}","tax":"{{tax}}",
             "lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","quantity":"{{quantity}}","unitPrice":"{{price}}"}]}
            """), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await Json.ReadAsync(response);
    }

    private async Task ReceiveAsync(JsonNode order, string accepted)
    {
        using var receiver = await factory.ClientForAsync("receiver");
        await PostOkAsync(receiver, "/api/v1/receipts", $$"""{"purchaseOrderId":"{{order["id"]}}","lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","accepted":"{{accepted}}"}]}""");
    }

    [Fact]
    public async Task Exceptions_are_routed_price_to_the_buyer_and_receipt_to_the_requester_who_are_told()
    {
        var order = await IssuedOrderAsync(factory, "10.00", quantity: "4", title: "Routing probe");
        var invoice = await InvoiceAsync(order, "RT-1", "4", "11.00"); // nothing received, and the price is 10 % over
        Assert.Equal(["priceOverTolerance", "noReceiptYet"], invoice["lines"]![0]!["exceptions"]!.AsArray().Select(e => (string)e!));

        using var ap = await factory.ClientForAsync("ap");
        var queue = (await Json.ReadAsync(await ap.GetAsync("/api/v1/invoices/exceptions", Ct))).AsArray();
        var row = queue.Single(r => (string)r!["number"]! == "RT-1")!;
        var owners = row["owners"]!.AsArray().ToDictionary(o => (string)o!["role"]!, o => o!);
        Assert.Equal(["priceOverTolerance"], owners["buyer"]!["reasons"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(["noReceiptYet"], owners["requester"]!["reasons"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("Blake Buyer", (string)owners["buyer"]!["name"]!);

        using var buyer = await factory.ClientForAsync("buyer");
        var buyersQueue = (await Json.ReadAsync(await buyer.GetAsync("/api/v1/invoices/exceptions", Ct))).AsArray();
        Assert.Contains(buyersQueue, r => (string)r!["number"]! == "RT-1");
        using var receiver = await factory.ClientForAsync("receiver");
        var othersQueue = (await Json.ReadAsync(await receiver.GetAsync("/api/v1/invoices/exceptions", Ct))).AsArray();
        Assert.DoesNotContain(othersQueue, r => (string)r!["number"]! == "RT-1"); // not theirs

        var told = await factory.WithDbAsync(db => db.Notifications.Where(n => n.Text.StartsWith("Invoice RT-1 ")).Select(n => n.Text).ToListAsync(Ct));
        Assert.Equal(2, told.Count);
    }

    [Fact]
    public async Task A_possible_duplicate_waits_until_a_clerk_clears_it()
    {
        var order = await IssuedOrderAsync(factory, "30.00", quantity: "2", title: "Duplicate probe");
        await ReceiveAsync(order, "2");
        var first = await InvoiceAsync(order, "DP-100", "1", "30.00", date: "2026-12-01");
        Assert.Equal("readyToPay", (string)first["status"]!);
        var second = await InvoiceAsync(order, "DP-101", "1", "30.00", date: "2026-12-08"); // same vendor and total, a week later
        Assert.Equal("exception", (string)second["status"]!);
        Assert.Equal(["possibleDuplicate"], second["headerExceptions"]!.AsArray().Select(e => (string)e!));
        Assert.Contains("possible duplicate of DP-100", (string)second["headerExplanation"]!);

        using var ap = await factory.ClientForAsync("ap");
        using var noReason = await ap.PostAsync($"/api/v1/invoices/{second["id"]}/not-duplicate", Json.Body("{}"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var cleared = await PostOkAsync(ap, $"/api/v1/invoices/{second["id"]}/not-duplicate", """{"reason":"Second delivery, confirmed with the vendor"}""");
        Assert.Equal("readyToPay", (string)cleared["status"]!);
        Assert.True((bool)cleared["duplicateCleared"]!);
    }

    [Fact]
    public async Task Tax_that_does_not_follow_the_order_is_an_exception_and_a_clerk_asks_for_a_credit_note()
    {
        var order = await IssuedOrderAsync(factory, "50.00", quantity: "1", title: "Tax probe");
        await ReceiveAsync(order, "1");
        var invoice = await InvoiceAsync(order, "TX-1", "1", "50.00", tax: "9.00"); // the order's 10 % gives 5.00
        Assert.Equal(["taxMismatch"], invoice["headerExceptions"]!.AsArray().Select(e => (string)e!));

        using var ap = await factory.ClientForAsync("ap");
        var requested = await PostOkAsync(ap, $"/api/v1/invoices/{invoice["id"]}/request-credit", """{"reason":"We are exempt from this tax."}""");
        Assert.NotNull((string?)requested["creditRequestedAtUtc"]);
        var mail = await factory.WithDbAsync(db => db.OutboxEmails.AsNoTracking().SingleAsync(m => m.Subject.StartsWith("Credit note requested: invoice TX-1"), Ct));
        Assert.Contains("We are exempt from this tax.", mail.Body);
        Assert.Contains((string)order["number"]!, mail.Body);
    }

    [Fact]
    public async Task A_clerk_adjusts_a_line_as_agreed_and_the_invoice_matches()
    {
        var order = await IssuedOrderAsync(factory, "20.00", quantity: "3", title: "Adjust probe");
        await ReceiveAsync(order, "3");
        var invoice = await InvoiceAsync(order, "AJ-1", "3", "25.00");
        Assert.Equal("exception", (string)invoice["status"]!);
        using var ap = await factory.ClientForAsync("ap");
        var adjusted = await PostOkAsync(ap, $"/api/v1/invoices/{invoice["id"]}/adjust",
            $$"""{"reason":"Vendor confirmed the order price by phone","lines":[{"invoiceLineId":"{{invoice["lines"]![0]!["id"]}}","unitPrice":"20.00"}]}""");
        Assert.True((string)adjusted["status"]! == "readyToPay", adjusted.ToJsonString());
        Assert.Equal("60.00", (string)adjusted["total"]!["amount"]!);
        var audited = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == (string)invoice["lines"]![0]!["id"]! && a.Action == "updated", Ct));
        Assert.True(audited >= 1);
    }

    [Fact]
    public async Task Accepting_a_variance_needs_authority_over_its_amount_and_a_blocked_vendor_cannot_be_accepted()
    {
        var order = await IssuedOrderAsync(factory, "100.00", quantity: "10", title: "Authority probe");
        await ReceiveAsync(order, "10");
        var invoice = await InvoiceAsync(order, "AU-1", "10", "130.00"); // 300.00 over the order price
        await factory.WithDbAsync(async db =>
        {
            var controller = await db.Users.SingleAsync(u => u.Email == "controller@demo.tandem.dev", Ct);
            controller.ApprovalLimitMinor = 20_000; // 200.00
            controller.ApprovalLimitCurrency = "USD";
            return await db.SaveChangesAsync(Ct);
        });
        using var controllerClient = await factory.ClientForAsync("controller");
        using var refused = await controllerClient.PostAsync($"/api/v1/invoices/{invoice["id"]}/accept", Json.Body("""{"reason":"Price rise agreed"}"""), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("beyond your approval limit", await refused.Content.ReadAsStringAsync(Ct));

        await factory.WithDbAsync(async db =>
        {
            var controller = await db.Users.SingleAsync(u => u.Email == "controller@demo.tandem.dev", Ct);
            controller.ApprovalLimitMinor = null;
            var vendor = await db.Vendors.SingleAsync(v => v.Id == Guid.Parse((string)order["vendorId"]!), Ct);
            vendor.Status = VendorStatus.Blocked;
            return await db.SaveChangesAsync(Ct);
        });
        using var ap = await factory.ClientForAsync("ap");
        await PostOkAsync(ap, $"/api/v1/invoices/{invoice["id"]}/adjust", $$"""{"reason":"re-check","lines":[{"invoiceLineId":"{{invoice["lines"]![0]!["id"]}}","quantity":"10"}]}""");
        using var blocked = await controllerClient.PostAsync($"/api/v1/invoices/{invoice["id"]}/accept", Json.Body("""{"reason":"Price rise agreed"}"""), Ct);
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Contains("invoice.vendor_blocked", await blocked.Content.ReadAsStringAsync(Ct));
        await factory.WithDbAsync(async db =>
        {
            var vendor = await db.Vendors.SingleAsync(v => v.Id == Guid.Parse((string)order["vendorId"]!), Ct);
            vendor.Status = VendorStatus.Active;
            return await db.SaveChangesAsync(Ct);
        });
    }

    [Fact]
    public async Task Closing_the_order_tells_its_waiting_invoices()
    {
        var order = await IssuedOrderAsync(factory, "15.00", quantity: "2", title: "Close probe");
        var invoice = await InvoiceAsync(order, "CL-1", "2", "15.00"); // nothing received yet
        using var buyer = await factory.ClientForAsync("buyer");
        await PostOkAsync(buyer, $"/api/v1/purchase-orders/{order["id"]}/close", """{"reason":"Vendor cannot deliver"}""");
        using var ap = await factory.ClientForAsync("ap");
        var after = await Json.ReadAsync(await ap.GetAsync($"/api/v1/invoices/{invoice["id"]}", Ct));
        Assert.Contains("orderClosed", after["headerExceptions"]!.AsArray().Select(e => (string)e!));
    }
}
