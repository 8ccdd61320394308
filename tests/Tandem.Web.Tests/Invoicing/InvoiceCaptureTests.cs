using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Invoices.Capture;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Invoicing;

/// <summary>Electronic invoices through the API: every official example, orders matched from their references, credit notes, duplicates and hostile XML.</summary>
public sealed class InvoiceCaptureTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> DeliverAsync(byte[] xml, string fileName = "invoice.xml") =>
        UblSamples.DeliverAsync(factory, xml, fileName, Ct);

    /// <summary>A vendor of its own whose tax id is the VAT number without its country prefix.</summary>
    private async Task<Guid> VendorWithTaxIdAsync(string code, string taxId)
    {
        var id = await NewVendorAsync(factory, code);
        await factory.WithDbAsync(async db =>
        {
            var vendor = await db.Vendors.SingleAsync(v => v.Id == id);
            vendor.TaxId = taxId;
            vendor.TaxIdKey = VendorNames.NormalizeTaxId(taxId);
            return await db.SaveChangesAsync();
        });
        return id;
    }

    [Fact]
    public async Task Every_official_example_imports_with_its_seller_totals_and_an_unknown_vendor_exception()
    {
        foreach (var file in En16931OracleTests.Examples())
        {
            var bytes = await File.ReadAllBytesAsync(file, Ct);
            using var response = await DeliverAsync(bytes, Path.GetFileName(file));
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{Path.GetFileName(file)}: {await response.Content.ReadAsStringAsync(Ct)}");
            var document = await Json.ReadAsync(response);
            var xml = XDocument.Load(file);
            var expected = ElectronicInvoice.Read(xml);
            Assert.Equal("unknownVendor", (string)document["status"]!);
            Assert.Contains("Unknown vendor", (string)document["reason"]!);
            Assert.Equal(expected.Number, (string)document["number"]!);
            Assert.Equal(expected.IsCreditNote, (bool)document["isCreditNote"]!);
            Assert.Equal(expected.Payable, decimal.Parse((string)document["payable"]!["amount"]!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(expected.Currency, (string)document["payable"]!["currency"]!);
            Assert.Equal(xml.Root!.Name.LocalName == "CreditNote", expected.IsCreditNote);

            using var ap = await factory.ClientForAsync("ap");
            var original = await ap.GetByteArrayAsync($"/api/v1/invoice-documents/{document["id"]}/file", Ct);
            Assert.Equal(bytes, original);
        }
    }

    [Fact]
    public async Task The_vendor_is_recognised_by_its_VAT_number_and_the_order_by_its_reference()
    {
        var vendorId = await VendorWithTaxIdAsync("UBLV1", "12-3456781");
        var order = await IssuedOrderAsync(factory, "5.00", quantity: "10", title: "UBL probe", vendorId: vendorId);
        using var receiver = await factory.ClientForAsync("receiver");
        await PostOkAsync(receiver, "/api/v1/receipts", $$"""{"purchaseOrderId":"{{order["id"]}}","lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","accepted":"8"}]}""");

        var xml = UblSamples.Invoice("INV-00123", "US123456781", (string)order["number"]!, [new(1, 10, 5.00m)]);
        using var delivered = await DeliverAsync(xml);
        Assert.Equal(HttpStatusCode.Created, delivered.StatusCode);
        var document = await Json.ReadAsync(delivered);
        Assert.Equal("captured", (string)document["status"]!);
        Assert.Equal(vendorId.ToString(), (string)document["vendorId"]!);

        using var ap = await factory.ClientForAsync("ap");
        var invoice = await Json.ReadAsync(await ap.GetAsync($"/api/v1/invoices/{document["invoiceId"]}", Ct));
        Assert.Equal("exception", (string)invoice["status"]!);
        Assert.Equal(["quantityOverReceived"], invoice["lines"]![0]!["exceptions"]!.AsArray().Select(e => (string)e!));
        Assert.Equal(xml, await ap.GetByteArrayAsync($"/api/v1/invoices/{document["invoiceId"]}/original", Ct));

        // The same file again, and the same number written another way: both refused, nothing stored.
        using var again = await DeliverAsync(xml);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("invoice.file_already_received", await again.Content.ReadAsStringAsync(Ct));
        using var renumbered = await DeliverAsync(UblSamples.Invoice("inv 123", "US123456781", (string)order["number"]!, [new(1, 9, 5.00m)]));
        Assert.Equal(HttpStatusCode.Conflict, renumbered.StatusCode);
        Assert.Contains("invoice.duplicate", await renumbered.Content.ReadAsStringAsync(Ct));

        // A credit note for the 2 not received: the invoice bills 8, matches, and is ready to pay.
        using var credit = await DeliverAsync(UblSamples.Invoice("CN-7", "US123456781", null, [new(1, 2, 5.00m)], credits: "INV-00123"));
        Assert.Equal(HttpStatusCode.Created, credit.StatusCode);
        Assert.Equal("captured", (string)(await Json.ReadAsync(credit))["status"]!);
        var rematched = await Json.ReadAsync(await ap.GetAsync($"/api/v1/invoices/{document["invoiceId"]}", Ct));
        Assert.Equal("readyToPay", (string)rematched["status"]!);
        Assert.Equal(4_000, (await LedgerAsync(factory, (string)document["invoiceId"]!))["Actual"]);
        var invoiced = await factory.WithDbAsync(db => db.PurchaseOrderLines.Where(l => l.PurchaseOrderId == Guid.Parse((string)order["id"]!)).Select(l => l.InvoicedUnits).SingleAsync());
        Assert.Equal(80_000, invoiced);
    }

    [Fact]
    public async Task A_credit_note_on_a_paid_ready_invoice_lowers_actual_spend_and_what_the_order_counts_as_invoiced()
    {
        var vendorId = await VendorWithTaxIdAsync("UBLV2", "DE811907980");
        var order = await IssuedOrderAsync(factory, "2.00", quantity: "100", title: "Credit probe", vendorId: vendorId);
        using var receiver = await factory.ClientForAsync("receiver");
        await PostOkAsync(receiver, "/api/v1/receipts", $$"""{"purchaseOrderId":"{{order["id"]}}","lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","accepted":"100"}]}""");
        var invoice = await Json.ReadAsync(await DeliverAsync(UblSamples.Invoice("B-1", "DE811907980", (string)order["number"]!, [new(1, 100, 2.00m)])));
        Assert.Equal(20_000, (await LedgerAsync(factory, (string)invoice["invoiceId"]!))["Actual"]);

        var credit = await Json.ReadAsync(await DeliverAsync(UblSamples.Invoice("B-1-C", "DE811907980", null, [new(1, 25, 2.00m)], credits: "B-1")));
        Assert.Equal("captured", (string)credit["status"]!);
        Assert.Equal(15_000, (await LedgerAsync(factory, (string)invoice["invoiceId"]!))["Actual"]);
        Assert.Equal(5_000, (await LedgerAsync(factory, (string)order["id"]!))["Committed"]); // 25 units are open again on the order

        using var tooMuch = await DeliverAsync(UblSamples.Invoice("B-1-C2", "DE811907980", null, [new(1, 80, 2.00m)], credits: "B-1"));
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        Assert.Contains("invoice.credit_exceeds_invoice", await tooMuch.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task First_pass_and_touchless_rates_are_counted_per_vendor()
    {
        var vendorId = await VendorWithTaxIdAsync("UBLV4", "NL004495445B01");
        using var receiver = await factory.ClientForAsync("receiver");
        async Task<JsonNode> ReceivedOrderAsync(bool receive, string price = "7.00")
        {
            var order = await IssuedOrderAsync(factory, price, quantity: "2", title: "Rate probe", vendorId: vendorId);
            if (receive)
            {
                await PostOkAsync(receiver, "/api/v1/receipts", $$"""{"purchaseOrderId":"{{order["id"]}}","lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","accepted":"2"}]}""");
            }

            return order;
        }

        var first = await ReceivedOrderAsync(receive: true); // electronic, matches at once: first pass and touchless
        await DeliverAsync(UblSamples.Invoice("RATE-1", "NL004495445B01", (string)first["number"]!, [new(1, 2, 7.00m)]));
        var keyed = await ReceivedOrderAsync(receive: true); // keyed by hand: first pass, but touched
        using var ap = await factory.ClientForAsync("ap");
        await ap.PostAsync("/api/v1/invoices", Json.Body($$"""
            {"purchaseOrderId":"{{keyed["id"]}}","number":"RATE-2","invoiceDate":"2026-12-20","tax":"1.40","lines":[{"purchaseOrderLineId":"{{keyed["lines"]![0]!["id"]}}","quantity":"2","unitPrice":"7.00"}]}
            """), Ct);
        var early = await ReceivedOrderAsync(receive: false, price: "8.00"); // arrives before the goods: not first pass, touchless once they come
        await DeliverAsync(UblSamples.Invoice("RATE-3", "NL004495445B01", (string)early["number"]!, [new(1, 2, 8.00m)]));
        await PostOkAsync(receiver, "/api/v1/receipts", $$"""{"purchaseOrderId":"{{early["id"]}}","lines":[{"purchaseOrderLineId":"{{early["lines"]![0]!["id"]}}","accepted":"2"}]}""");

        var rates = await Json.ReadAsync(await ap.GetAsync("/api/v1/invoices/match-rates?from=2026-01-01&to=2027-12-31", Ct));
        var mine = rates["vendors"]!.AsArray().Single(v => (string)v!["vendorId"]! == vendorId.ToString())!["rates"]!;
        Assert.Equal(3, (int)mine["invoices"]!);
        Assert.Equal(2, (int)mine["firstPassMatched"]!);
        Assert.Equal(2, (int)mine["touchless"]!);
        Assert.Equal("66.67", (string)mine["firstPassRate"]!);
        Assert.Equal(1, (int)mine["exceptionsByReason"]!["noReceiptYet"]!);
        Assert.True((int)rates["overall"]!["invoices"]! >= 3);
    }

    [Fact]
    public async Task An_unknown_vendor_waits_until_a_clerk_names_the_vendor_and_order()
    {
        var vendorId = await NewVendorAsync(factory, "UBLV3");
        var order = await IssuedOrderAsync(factory, "40.00", quantity: "1", title: "Assign probe", vendorId: vendorId);
        var document = await Json.ReadAsync(await DeliverAsync(UblSamples.Invoice("Q-9", "US999999999", "PO-UNKNOWN", [new(1, 1, 40.00m)])));
        Assert.Equal("unknownVendor", (string)document["status"]!);
        using var ap = await factory.ClientForAsync("ap");
        var waiting = await Json.ReadAsync(await ap.GetAsync("/api/v1/invoice-documents", Ct));
        Assert.Contains(waiting.AsArray(), d => (string)d!["id"]! == (string)document["id"]!);

        var named = await PostOkAsync(ap, $"/api/v1/invoice-documents/{document["id"]}/assign", $$"""{"vendorId":"{{vendorId}}"}""");
        Assert.Equal("noOrder", (string)named["status"]!);
        Assert.Contains("no purchase order PO-UNKNOWN", (string)named["reason"]!);
        var captured = await PostOkAsync(ap, $"/api/v1/invoice-documents/{document["id"]}/assign", $$"""{"purchaseOrderId":"{{order["id"]}}"}""");
        Assert.Equal("captured", (string)captured["status"]!);
        var invoice = await Json.ReadAsync(await ap.GetAsync($"/api/v1/invoices/{captured["invoiceId"]}", Ct));
        Assert.Equal("exception", (string)invoice["status"]!); // goods not received yet
        Assert.Equal(["noReceiptYet"], invoice["lines"]![0]!["exceptions"]!.AsArray().Select(e => (string)e!));
    }

    [Fact]
    public async Task Broken_rules_are_refused_with_their_EN_16931_rule_ids()
    {
        var xml = Encoding.UTF8.GetString(UblSamples.Invoice("BAD-1", "US123", null, [new(1, 2, 5.00m)]))
            .Replace("<cbc:PayableAmount currencyID=\"USD\">10.00", "<cbc:PayableAmount currencyID=\"USD\">12.00", StringComparison.Ordinal)
            .Replace("<cbc:CustomizationID>", "<cbc:Note>", StringComparison.Ordinal).Replace("</cbc:CustomizationID>", "</cbc:Note>", StringComparison.Ordinal);
        using var response = await DeliverAsync(Encoding.UTF8.GetBytes(xml));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Json.ReadAsync(response);
        var messages = problem["errors"]!["file"]!.AsArray().Select(e => (string)e!).ToList();
        Assert.Contains(messages, m => m.StartsWith("[BR-01] ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("[BR-CO-16] The amount due", StringComparison.Ordinal));
        Assert.Equal(0, await factory.WithDbAsync(db => db.InvoiceDocuments.CountAsync(d => d.Number == "BAD-1")));
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE Invoice [<!ENTITY x SYSTEM "file:///etc/passwd">]><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&x;</Invoice>""", "xml.dtd_forbidden")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]><lolz>&lol9;</lolz>""", "xml.dtd_forbidden")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE Invoice SYSTEM "http://127.0.0.1:1/evil.dtd"><Invoice/>""", "xml.dtd_forbidden")]
    [InlineData("""<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><cbc:ID>""", "xml.malformed")]
    [InlineData("""<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"/>""", "UBL-ROOT")]
    public async Task Hostile_or_malformed_XML_is_refused_without_reading_files_or_expanding_entities(string xml, string code)
    {
        using var response = await DeliverAsync(Encoding.UTF8.GetBytes(xml));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains(code, body);
        Assert.DoesNotContain("root:", body);
        Assert.DoesNotContain("lollol", body);
    }

    [Fact]
    public async Task An_oversized_file_is_refused_before_it_is_parsed()
    {
        var huge = new byte[SafeXmlLimit + 1];
        Array.Fill(huge, (byte)' ');
        using var response = await DeliverAsync(huge);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("xml.too_large", await response.Content.ReadAsStringAsync(Ct));
    }

    private const int SafeXmlLimit = Web.Platform.Xml.SafeXml.MaxBytes;

    [Fact]
    public async Task Many_files_upload_at_once_and_each_gets_its_own_result()
    {
        using var ap = await factory.ClientForAsync("ap");
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(UblSamples.Invoice("MANY-1", "US555", null, [new(1, 1, 1.00m)])), "files", "good.xml" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("<Invoice")), "files", "broken.xml" },
            { new ByteArrayContent(UblSamples.Invoice("MANY-2", "US556", null, [new(1, 3, 2.50m)])), "files", "also-good.xml" },
        };
        using var response = await ap.PostAsync("/api/v1/invoices/import", form, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcomes = (await Json.ReadAsync(response)).AsArray();
        Assert.Equal(["good.xml", "broken.xml", "also-good.xml"], outcomes.Select(o => (string)o!["fileName"]!));
        Assert.Equal("unknownVendor", (string)outcomes[0]!["document"]!["status"]!);
        Assert.Equal("xml.malformed", (string)outcomes[1]!["errors"]![0]!["code"]!);
        Assert.Equal("MANY-2", (string)outcomes[2]!["document"]!["number"]!);
    }

    [Fact]
    public async Task Invoices_import_from_CSV_each_on_its_own_with_errors_naming_the_file_line()
    {
        var order = await IssuedOrderAsync(factory, "12.50", quantity: "4", title: "CSV probe");
        using var receiver = await factory.ClientForAsync("receiver");
        await PostOkAsync(receiver, "/api/v1/receipts", $$"""{"purchaseOrderId":"{{order["id"]}}","lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","accepted":"4"}]}""");
        var csv = $"""
            order_number,invoice_number,invoice_date,line_no,quantity,unit_price,tax
            {order["number"]},CSV-1,2026-12-18,1,2,12.50,
            {order["number"]},CSV-1,2026-12-18,1,2,12.50,
            {order["number"]},CSV-2,2026-12-19,7,1,12.50,
            PO-NOPE,CSV-3,2026-12-19,1,1,1.00,
            """;
        using var ap = await factory.ClientForAsync("ap");
        using var form = new MultipartFormDataContent { { new StringContent(csv), "file", "invoices.csv" } };
        using var response = await ap.PostAsync("/api/v1/invoices/import-csv", form, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var outcomes = (await Json.ReadAsync(response)).AsArray();
        Assert.Equal(["CSV-1", "CSV-2", "CSV-3"], outcomes.Select(o => (string)o!["invoiceNumber"]!));
        Assert.Equal("readyToPay", (string)outcomes[0]!["status"]!); // two rows, one invoice of 4 × 12.50
        Assert.Equal("line 4: line_no", (string)outcomes[1]!["errors"]![0]!["field"]!);
        Assert.Equal("invoice.order_not_found", (string)outcomes[2]!["errors"]![0]!["code"]!);
        var invoice = await Json.ReadAsync(await ap.GetAsync($"/api/v1/invoices/{outcomes[0]!["invoiceId"]}", Ct));
        Assert.Equal("50.00", (string)invoice["total"]!["amount"]!);
    }

    [Fact]
    public async Task Only_accounts_payable_may_deliver_or_read_invoices()
    {
        using var requester = await factory.ClientForAsync("requester");
        using var body = new ByteArrayContent(UblSamples.Invoice("R-1", "US1", null, [new(1, 1, 1m)]));
        using var response = await requester.PostAsync("/api/v1/invoices/ubl", body, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var list = await requester.GetAsync("/api/v1/invoice-documents", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
    }
}
