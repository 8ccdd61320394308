using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Invoicing;

/// <summary>EN 16931-valid UBL invoices and credit notes a vendor would send for a Tandem order (zero-rated, so the arithmetic stays readable).</summary>
internal static class UblSamples
{
    public sealed record Line(int OrderLine, decimal Quantity, decimal Price);

    /// <summary>Machine delivery of one file by the demo AP clerk (<c>POST /api/v1/invoices/ubl</c>, raw XML).</summary>
    public static async Task<HttpResponseMessage> DeliverAsync(TandemFactory factory, byte[] xml, string fileName, CancellationToken ct)
    {
        using var ap = await factory.ClientForAsync("ap");
        using var body = new ByteArrayContent(xml);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/invoices/ubl") { Content = body };
        request.Headers.Add("X-File-Name", fileName);
        return await ap.SendAsync(request, ct);
    }

    public static byte[] Invoice(string number, string sellerVat, string? orderNumber, IReadOnlyList<Line> lines, string? credits = null, string currency = "USD", decimal? payable = null)
    {
        var creditNote = credits is not null;
        var root = creditNote ? "CreditNote" : "Invoice";
        var net = lines.Sum(l => l.Quantity * l.Price);
        string M(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
        string Q(decimal d) => d.ToString("0.####", CultureInfo.InvariantCulture);
        const string Zero = """<cbc:ID>Z</cbc:ID><cbc:Percent>0</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>""";
        var xml = new StringBuilder().Append(CultureInfo.InvariantCulture, $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <{root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:{root}-2"
              xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
              xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
              <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
              <cbc:ID>{number}</cbc:ID>
              <cbc:IssueDate>2026-12-20</cbc:IssueDate>
              <cbc:{root}TypeCode>{(creditNote ? "381" : "380")}</cbc:{root}TypeCode>
              <cbc:DocumentCurrencyCode>{currency}</cbc:DocumentCurrencyCode>
            """);
        if (orderNumber is not null)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<cac:OrderReference><cbc:ID>{orderNumber}</cbc:ID></cac:OrderReference>");
        }

        if (credits is not null)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>{credits}</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>");
        }

        xml.Append(CultureInfo.InvariantCulture, $"""
            <cac:AccountingSupplierParty><cac:Party><cac:PostalAddress><cac:Country><cbc:IdentificationCode>US</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
              <cac:PartyTaxScheme><cbc:CompanyID>{sellerVat}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
              <cac:PartyLegalEntity><cbc:RegistrationName>Seller Inc</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>
            <cac:AccountingCustomerParty><cac:Party><cac:PostalAddress><cac:Country><cbc:IdentificationCode>US</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
              <cac:PartyLegalEntity><cbc:RegistrationName>Tandem Demo Co</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>
            <cac:TaxTotal><cbc:TaxAmount currencyID="{currency}">0.00</cbc:TaxAmount>
              <cac:TaxSubtotal><cbc:TaxableAmount currencyID="{currency}">{M(net)}</cbc:TaxableAmount><cbc:TaxAmount currencyID="{currency}">0.00</cbc:TaxAmount><cac:TaxCategory>{Zero}</cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>
            <cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="{currency}">{M(net)}</cbc:LineExtensionAmount><cbc:TaxExclusiveAmount currencyID="{currency}">{M(net)}</cbc:TaxExclusiveAmount>
              <cbc:TaxInclusiveAmount currencyID="{currency}">{M(net)}</cbc:TaxInclusiveAmount><cbc:PayableAmount currencyID="{currency}">{M(payable ?? net)}</cbc:PayableAmount></cac:LegalMonetaryTotal>
            """);
        var (lineName, quantityName) = creditNote ? ("CreditNoteLine", "CreditedQuantity") : ("InvoiceLine", "InvoicedQuantity");
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            xml.Append(CultureInfo.InvariantCulture, $"""
                <cac:{lineName}><cbc:ID>{i + 1}</cbc:ID><cbc:{quantityName} unitCode="EA">{Q(l.Quantity)}</cbc:{quantityName}><cbc:LineExtensionAmount currencyID="{currency}">{M(l.Quantity * l.Price)}</cbc:LineExtensionAmount>
                  <cac:OrderLineReference><cbc:LineID>{l.OrderLine}</cbc:LineID></cac:OrderLineReference>
                  <cac:Item><cbc:Name>Item {i + 1}</cbc:Name><cac:ClassifiedTaxCategory>{Zero}</cac:ClassifiedTaxCategory></cac:Item>
                  <cac:Price><cbc:PriceAmount currencyID="{currency}">{l.Price.ToString("0.00####", CultureInfo.InvariantCulture)}</cbc:PriceAmount></cac:Price></cac:{lineName}>
                """);
        }

        xml.Append(CultureInfo.InvariantCulture, $"</{root}>");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }
}
