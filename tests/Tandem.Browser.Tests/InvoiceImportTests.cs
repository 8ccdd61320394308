using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

using static Tandem.Browser.Tests.BrowserSteps;

namespace Tandem.Browser.Tests;

/// <summary>
/// In Chromium: the AP clerk uploads two files at once on the import page — a vendor's UBL invoice and a broken file —
/// sees each file's outcome, then names the vendor and order of the invoice (its seller was not recognised) and it
/// becomes an invoice with its original file downloadable.
/// </summary>
public sealed class InvoiceImportTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Ubl(string number) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
          <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID><cbc:ID>{number}</cbc:ID><cbc:IssueDate>2026-12-01</cbc:IssueDate>
          <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode><cbc:DocumentCurrencyCode>USD</cbc:DocumentCurrencyCode>
          <cac:AccountingSupplierParty><cac:Party><cac:PostalAddress><cac:Country><cbc:IdentificationCode>US</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
            <cac:PartyTaxScheme><cbc:CompanyID>US000000001</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
            <cac:PartyLegalEntity><cbc:RegistrationName>Contoso Office Supply</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>
          <cac:AccountingCustomerParty><cac:Party><cac:PostalAddress><cac:Country><cbc:IdentificationCode>US</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
            <cac:PartyLegalEntity><cbc:RegistrationName>Tandem Demo</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>
          <cac:TaxTotal><cbc:TaxAmount currencyID="USD">0.00</cbc:TaxAmount><cac:TaxSubtotal><cbc:TaxableAmount currencyID="USD">30.00</cbc:TaxableAmount><cbc:TaxAmount currencyID="USD">0.00</cbc:TaxAmount>
            <cac:TaxCategory><cbc:ID>Z</cbc:ID><cbc:Percent>0</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>
          <cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="USD">30.00</cbc:LineExtensionAmount><cbc:TaxExclusiveAmount currencyID="USD">30.00</cbc:TaxExclusiveAmount>
            <cbc:TaxInclusiveAmount currencyID="USD">30.00</cbc:TaxInclusiveAmount><cbc:PayableAmount currencyID="USD">30.00</cbc:PayableAmount></cac:LegalMonetaryTotal>
          <cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="EA">3</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="USD">30.00</cbc:LineExtensionAmount>
            <cac:Item><cbc:Name>Desk lamp</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>Z</cbc:ID><cbc:Percent>0</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>
            <cac:Price><cbc:PriceAmount currencyID="USD">10.00</cbc:PriceAmount></cac:Price></cac:InvoiceLine>
        </Invoice>
        """;

    [Fact]
    public async Task The_clerk_imports_files_and_matches_an_unrecognised_invoice_to_its_vendor_and_order()
    {
        var vendor = await browser.App.WithDbAsync(db => db.Vendors.Where(v => v.Code == "CONTOSO").Select(v => v.Id).SingleAsync(Ct));
        var order = await IssuedOrderAsync(browser.App, "Desk lamps", "Desk lamp", "3", "10.00");

        var clerk = await browser.SignInAsync("ap@demo.tandem.dev");
        await clerk.GotoAsync("/Invoices");
        await clerk.GetByRole(AriaRole.Link, new() { Name = "Import invoice files" }).ClickAsync();
        await clerk.GetByLabel("Invoice files (XML)").SetInputFilesAsync(
        [
            new FilePayload { Name = "lamps.xml", MimeType = "application/xml", Buffer = Encoding.UTF8.GetBytes(Ubl("LAMP-1")) },
            new FilePayload { Name = "broken.xml", MimeType = "application/xml", Buffer = Encoding.UTF8.GetBytes("<Invoice") },
        ]);
        await clerk.GetByTestId("import-form").GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        var results = clerk.GetByTestId("import-results");
        await Assertions.Expect(results.GetByRole(AriaRole.Row).Filter(new() { HasText = "lamps.xml" })).ToContainTextAsync("Unknown vendor");
        await Assertions.Expect(results.GetByRole(AriaRole.Row).Filter(new() { HasText = "broken.xml" })).ToContainTextAsync("not well-formed");

        var waiting = clerk.GetByTestId("waiting-documents").GetByRole(AriaRole.Row).Filter(new() { HasText = "LAMP-1" });
        await waiting.GetByLabel("Vendor").SelectOptionAsync(vendor.ToString());
        await waiting.GetByLabel("Order number").FillAsync(order["number"]!.ToString());
        await waiting.GetByRole(AriaRole.Button, new() { Name = "Match" }).ClickAsync();
        await Assertions.Expect(clerk.GetByRole(AriaRole.Status)).ToHaveTextAsync("LAMP-1 became an invoice.");

        await clerk.GotoAsync("/Invoices");
        await clerk.GetByTestId("invoices").GetByRole(AriaRole.Link, new() { Name = "LAMP-1" }).ClickAsync();
        await Assertions.Expect(clerk.GetByTestId("invoice-status")).ToHaveTextAsync("exception"); // nothing received yet
        await Assertions.Expect(clerk.GetByTestId("original")).ToBeVisibleAsync();
        await clerk.Context.CloseAsync();
    }
}
