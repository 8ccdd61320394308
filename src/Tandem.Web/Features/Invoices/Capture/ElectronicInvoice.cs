using System.Xml.Linq;

namespace Tandem.Web.Features.Invoices.Capture;

/// <summary>The seller as an electronic invoice identifies it; any of its identifiers may name a vendor.</summary>
public sealed record ElectronicParty(string Name, string? VatId, string? LegalId, string? EndpointId, IReadOnlyList<string> Identifiers)
{
    /// <summary>Every identifier the vendor could be known by (VAT, legal registration, electronic address, party ids).</summary>
    public IEnumerable<string> AllIdentifiers() => new[] { VatId, LegalId, EndpointId }.Concat(Identifiers).OfType<string>().Where(s => s.Length > 0);
}

/// <summary>An invoice line: quantity, net amount and net price (per one unit, the base quantity applied), and its order line.</summary>
public sealed record ElectronicLine(string Id, decimal Quantity, string UnitCode, decimal Amount, decimal UnitPrice, string Name, string? OrderLineReference, string? VatCategory, decimal? VatPercent);

/// <summary>
/// A UBL 2.1 invoice or credit note (EN 16931 / Peppol BIS Billing 3.0) read into what Tandem needs: who sent it,
/// number and dates, currency, lines, document-level allowances and charges, VAT and the amount due, and the order
/// (and for a credit note the invoice) it refers to. Read only after <see cref="En16931.Validate"/> passed.
/// </summary>
public sealed record ElectronicInvoice(
    bool IsCreditNote,
    string Number,
    DateOnly IssueDate,
    DateOnly? DueDate,
    string Currency,
    ElectronicParty Seller,
    string BuyerName,
    string? OrderReference,
    string? PrecedingInvoice,
    IReadOnlyList<ElectronicLine> Lines,
    decimal LineTotal,
    decimal AllowanceTotal,
    decimal ChargeTotal,
    decimal Tax,
    decimal TaxInclusive,
    decimal Prepaid,
    decimal Rounding,
    decimal Payable)
{
    public static ElectronicInvoice Read(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.Root!;
        var creditNote = root.Name.LocalName == "CreditNote";
        var currency = root.Text("cbc:DocumentCurrencyCode");
        var seller = root.First("cac:AccountingSupplierParty/cac:Party") ?? new XElement("none");
        var totals = root.First("cac:LegalMonetaryTotal") ?? new XElement("none");
        decimal Total(string path) => totals.Number(path) ?? 0m;
        return new ElectronicInvoice(
            creditNote,
            root.Text("cbc:ID"),
            Ubl.Date(root.First("cbc:IssueDate")) ?? DateOnly.MinValue,
            Ubl.Date(root.First("cbc:DueDate") ?? root.First("cac:PaymentMeans/cbc:PaymentDueDate")),
            currency,
            new ElectronicParty(
                Blank(seller.Text("cac:PartyLegalEntity/cbc:RegistrationName")) ?? seller.Text("cac:PartyName/cbc:Name"),
                seller.At("cac:PartyTaxScheme").Where(s => s.IsVat()).Select(s => Blank(s.Text("cbc:CompanyID"))).FirstOrDefault(),
                Blank(seller.Text("cac:PartyLegalEntity/cbc:CompanyID")),
                Blank(seller.Text("cbc:EndpointID")),
                [.. seller.At("cac:PartyIdentification/cbc:ID").Select(id => Ubl.Normalize(id.Value)).Where(id => id.Length > 0)]),
            root.Text("cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName"),
            Blank(root.Text("cac:OrderReference/cbc:ID")),
            Blank(root.Text("cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID")),
            [.. root.Lines().Select(Line)],
            Total("cbc:LineExtensionAmount"),
            Total("cbc:AllowanceTotalAmount"),
            Total("cbc:ChargeTotalAmount"),
            root.At("cac:TaxTotal/cbc:TaxAmount").Where(a => (string?)a.Attribute("currencyID") == currency).Select(Ubl.Number).FirstOrDefault() ?? 0m,
            Total("cbc:TaxInclusiveAmount"),
            Total("cbc:PrepaidAmount"),
            Total("cbc:PayableRoundingAmount"),
            Total("cbc:PayableAmount"));
    }

    private static ElectronicLine Line(XElement line)
    {
        var quantity = line.At("cbc:InvoicedQuantity").Concat(line.At("cbc:CreditedQuantity")).FirstOrDefault();
        var baseQuantity = line.Number("cac:Price/cbc:BaseQuantity") is { } b && b != 0 ? b : 1m;
        var category = line.At("cac:Item/cac:ClassifiedTaxCategory").FirstOrDefault(t => t.IsVat());
        return new ElectronicLine(
            line.Text("cbc:ID"),
            Ubl.Number(quantity) ?? 0m,
            (string?)quantity?.Attribute("unitCode") ?? "",
            line.Number("cbc:LineExtensionAmount") ?? 0m,
            (line.Number("cac:Price/cbc:PriceAmount") ?? 0m) / baseQuantity,
            Blank(line.Text("cac:Item/cbc:Name")) ?? line.Text("cac:Item/cbc:Description"),
            Blank(line.Text("cac:OrderLineReference/cbc:LineID")),
            category?.CategoryCode(),
            category?.Number("cbc:Percent"));
    }

    private static string? Blank(string text) => text.Length == 0 ? null : text;
}
