using System.Net;
using System.Text.Json.Nodes;
using Tandem.Web.Tests.Budgets;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Purchasing;

/// <summary>Invoices against orders: three-way matching with re-match on receipt, duplicates refused, and the commitment turning into actual spend.</summary>
public sealed class InvoiceTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> InvoiceAsync(JsonNode order, string number, string quantity, string price)
    {
        using var ap = await factory.ClientForAsync("ap");
        return await ap.PostAsync("/api/v1/invoices", Json.Body($$"""
            {"purchaseOrderId":"{{order["id"]}}","number":"{{number}}","invoiceDate":"2026-12-20","tax":"0.00",
             "lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","quantity":"{{quantity}}","unitPrice":"{{price}}"}]}
            """), Ct);
    }

    private async Task ReceiveAsync(JsonNode order, string accepted)
    {
        using var receiver = await factory.ClientForAsync("receiver");
        await PostOkAsync(receiver, "/api/v1/receipts", $$"""{"purchaseOrderId":"{{order["id"]}}","lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","accepted":"{{accepted}}"}]}""");
    }

    [Fact]
    public async Task Worked_example_quantity_over_received_then_matched_when_the_rest_arrives()
    {
        var order = await IssuedOrderAsync(factory, "5.00", quantity: "10", title: "Match probe");
        await ReceiveAsync(order, "8");
        using var entered = await InvoiceAsync(order, "MP-1", "10", "5.00");
        Assert.Equal(HttpStatusCode.Created, entered.StatusCode);
        var invoice = await Json.ReadAsync(entered);
        Assert.Equal("exception", (string)invoice["status"]!);
        var line = invoice["lines"]![0]!;
        Assert.Equal(["quantityOverReceived"], line["exceptions"]!.AsArray().Select(e => (string)e!));
        Assert.Contains("(2 more)", (string)line["explanation"]!);
        Assert.Equal(5_000, (await LedgerAsync(factory, (string)order["id"]!))["Committed"]);

        await ReceiveAsync(order, "2");
        using var ap = await factory.ClientForAsync("ap");
        var rematched = await Json.ReadAsync(await ap.GetAsync($"/api/v1/invoices/{invoice["id"]}", Ct));
        Assert.Equal("readyToPay", (string)rematched["status"]!);
        Assert.Equal("matched", (string)rematched["lines"]![0]!["matchStatus"]!);
        Assert.Empty(await LedgerAsync(factory, (string)order["id"]!)); // all invoiced: nothing committed any more, and no zero rows kept
        Assert.Equal(5_000, (await LedgerAsync(factory, (string)invoice["id"]!))["Actual"]);
    }

    [Fact]
    public async Task A_service_is_matched_two_way_and_its_order_cannot_drop_below_what_was_invoiced()
    {
        var requisition = await ApprovedRequisitionAsync(factory, "400.00", "Calibration visit");
        using var buyer = await factory.ClientForAsync("buyer");
        using var created = await buyer.PostAsync("/api/v1/purchase-orders", Json.Body($$"""
            {"vendorId":"{{await ActiveVendorAsync(factory)}}","lines":[{"requisitionLineId":"{{requisition["lines"]![0]!["id"]}}","receiveBy":"amount"}]}
            """), Ct);
        var order = await PostOkAsync(buyer, $"/api/v1/purchase-orders/{(await Json.ReadAsync(created))["id"]}/issue");
        var invoice = await Json.ReadAsync(await InvoiceAsync(order, "CAL-1", "1", "400.00"));
        Assert.Equal("readyToPay", (string)invoice["status"]!); // two-way: no receipt needed
        using var below = await buyer.PostAsync($"/api/v1/purchase-orders/{order["id"]}/changes", Json.Body($$"""
            {"reason":"Half the visit","lines":[{"lineId":"{{order["lines"]![0]!["id"]}}","quantity":"0.5"}]}
            """), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, below.StatusCode);
        Assert.Contains("already invoiced 1", await below.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_partial_invoice_releases_exactly_what_it_billed_and_closing_releases_the_rest()
    {
        var order = await IssuedOrderAsync(factory, "5.00", quantity: "10", title: "Partial invoice probe");
        await ReceiveAsync(order, "10");
        var invoice = await Json.ReadAsync(await InvoiceAsync(order, "PI-1", "4", "5.00"));
        Assert.Equal("readyToPay", (string)invoice["status"]!);
        Assert.Equal(3_000, (await LedgerAsync(factory, (string)order["id"]!))["Committed"]); // 6 × 5.00 still on order
        Assert.Equal(2_000, (await LedgerAsync(factory, (string)invoice["id"]!))["Actual"]);
        using var buyer = await factory.ClientForAsync("buyer");
        await PostOkAsync(buyer, $"/api/v1/purchase-orders/{order["id"]}/close", """{"reason":"The rest is not coming"}""");
        Assert.Empty(await LedgerAsync(factory, (string)order["id"]!));
        Assert.Equal(2_000, (await LedgerAsync(factory, (string)invoice["id"]!))["Actual"]);
    }

    [Fact]
    public async Task Exceptions_are_resolved_with_a_reason_a_controller_accepts_and_a_clerk_rejects()
    {
        var order = await IssuedOrderAsync(factory, "5.00", quantity: "10", title: "Resolve probe");
        await ReceiveAsync(order, "6");
        var accepted = await Json.ReadAsync(await InvoiceAsync(order, "RS-1", "8", "5.00"));
        using var ap = await factory.ClientForAsync("ap");
        using var clerkAccepts = await ap.PostAsync($"/api/v1/invoices/{accepted["id"]}/accept", Json.Body("""{"reason":"ok"}"""), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, clerkAccepts.StatusCode);
        using var controller = await factory.ClientForAsync("controller");
        using var noReason = await controller.PostAsync($"/api/v1/invoices/{accepted["id"]}/accept", Json.Body("{}"), Ct);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync(Ct));
        var ready = await PostOkAsync(controller, $"/api/v1/invoices/{accepted["id"]}/accept", """{"reason":"Two more arrived at the branch"}""");
        Assert.Equal("readyToPay", (string)ready["status"]!);
        Assert.Equal("accepted", (string)ready["lines"]![0]!["matchStatus"]!);
        Assert.Equal(4_000, (await LedgerAsync(factory, (string)accepted["id"]!))["Actual"]);

        var rejected = await Json.ReadAsync(await InvoiceAsync(order, "RS-2", "5", "5.00")); // 8 + 5 > 10 ordered
        Assert.Equal("exception", (string)rejected["status"]!);
        var gone = await PostOkAsync(ap, $"/api/v1/invoices/{rejected["id"]}/reject", """{"reason":"Billed twice"}""");
        Assert.Equal("rejected", (string)gone["status"]!);
        Assert.Empty(await LedgerAsync(factory, (string)rejected["id"]!));
        using var again = await ap.PostAsync($"/api/v1/invoices/{rejected["id"]}/reject", Json.Body("""{"reason":"x"}"""), Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task The_same_number_written_another_way_is_refused_as_a_duplicate()
    {
        var order = await IssuedOrderAsync(factory, "5.00", quantity: "2", title: "Duplicate probe");
        using var first = await InvoiceAsync(order, "INV-00123", "1", "5.00");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var second = await InvoiceAsync(order, "inv 123", "1", "5.00");
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadAsStringAsync(Ct);
        Assert.Contains("invoice.duplicate", problem);
        Assert.Contains("INV-00123", problem);
        using var bad = await InvoiceAsync(order, "X-1", "0", "5.00");
        Assert.Contains("lines[0].quantity", await bad.Content.ReadAsStringAsync(Ct));
        using var requester = await factory.ClientForAsync("requester");
        using var forbidden = await requester.PostAsync("/api/v1/invoices", Json.Body("{}"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task A_clerk_keys_an_invoice_on_the_entry_form_filled_with_what_was_received()
    {
        var order = await IssuedOrderAsync(factory, "9.00", quantity: "6", title: "Form probe");
        await ReceiveAsync(order, "5");
        using var ap = await factory.SignedInClientAsync("ap"); // the page, as a browser: cookie session and antiforgery
        var form = await ap.GetStringAsync($"/Invoices/New?OrderNumber={order["number"]}", Ct);
        Assert.Contains("Form probe", form);
        Assert.Contains("name=\"quantities[0]\" value=\"5\"", form); // received, not yet invoiced
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var posted = await ap.PostAsync("/Invoices/New", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["orderId"] = (string)order["id"]!,
            ["number"] = "FORM-1",
            ["invoiceDate"] = "2026-12-21",
            ["tax"] = "4.50",
            ["lineIds[0]"] = (string)order["lines"]![0]!["id"]!,
            ["quantities[0]"] = "5",
            ["unitPrices[0]"] = "9.00",
            ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.StartsWith("/Invoices/Detail?id=", posted.Headers.Location!.ToString());
        var invoice = await Json.ReadAsync(await ap.GetAsync($"/api/v1/invoices/{posted.Headers.Location!.ToString().Split('=')[1]}", Ct));
        Assert.Equal("readyToPay", (string)invoice["status"]!);
        Assert.Equal("49.50", (string)invoice["total"]!["amount"]!);

        using var again = await ap.PostAsync("/Invoices/New", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["orderId"] = (string)order["id"]!,
            ["number"] = "form 1",
            ["invoiceDate"] = "2026-12-21",
            ["lineIds[0]"] = (string)order["lines"]![0]!["id"]!,
            ["quantities[0]"] = "1",
            ["unitPrices[0]"] = "9.00",
            ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // the form again, with the reason
        Assert.Contains("refused as a duplicate", await again.Content.ReadAsStringAsync(Ct));
    }
}

public sealed class BudgetToInvoiceTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Worked_example_invoice_turns_the_commitment_into_actual_and_the_rest_is_available()
    {
        using var controller = await factory.ClientForAsync("controller");
        var eng = await BudgetSteps.IdOfAsync(factory, "department", "ENG");
        var software = await BudgetSteps.IdOfAsync(factory, "gl", "6100");
        var budget = await BudgetSteps.BudgetAsync(controller, "2026-12", "10000.00", $$"""
            "departmentId":"{{eng}}","glAccountId":"{{software}}","control":"block"
            """);

        var requisition = await ApprovedRequisitionAsync(factory, "3000.00", "Licences");
        Assert.Equal(("0.00", "3000.00", "0.00", "7000.00"), await BudgetSteps.FiguresAsync(controller, budget));
        var order = await OrderAsync(factory, requisition, await ActiveVendorAsync(factory));
        using var buyer = await factory.ClientForAsync("buyer");
        await PostOkAsync(buyer, $"/api/v1/purchase-orders/{order["id"]}/issue");
        Assert.Equal(("0.00", "3000.00", "0.00", "7000.00"), await BudgetSteps.FiguresAsync(controller, budget));

        using var receiver = await factory.ClientForAsync("receiver");
        await PostOkAsync(receiver, "/api/v1/receipts", $$"""{"purchaseOrderId":"{{order["id"]}}","lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","accepted":"1"}]}""");
        using var ap = await factory.ClientForAsync("ap");
        var invoice = await PostOkAsync(ap, "/api/v1/invoices", $$"""
            {"purchaseOrderId":"{{order["id"]}}","number":"L-2800","invoiceDate":"2026-12-15","lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","quantity":"1","unitPrice":"2800.00"}]}
            """);
        Assert.Equal("readyToPay", (string)invoice["status"]!); // billed less than ordered
        await PostOkAsync(buyer, $"/api/v1/purchase-orders/{order["id"]}/close", """{"reason":"Delivered and invoiced"}""");
        Assert.Equal(("0.00", "0.00", "2800.00", "7200.00"), await BudgetSteps.FiguresAsync(controller, budget));

        using var requester = await factory.ClientForAsync("requester");
        var tooMuch = await BudgetSteps.CreateAsync(requester, "7500.00", software, eng, "2026-12-15");
        using var refused = await BudgetSteps.TrySubmitAsync(requester, tooMuch);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("actual 2,800.00 USD", await refused.Content.ReadAsStringAsync(Ct));
        var fits = await BudgetSteps.CreateAsync(requester, "7200.00", software, eng, "2026-12-15");
        using var passes = await BudgetSteps.TrySubmitAsync(requester, fits);
        Assert.Equal(HttpStatusCode.OK, passes.StatusCode);
    }
}
