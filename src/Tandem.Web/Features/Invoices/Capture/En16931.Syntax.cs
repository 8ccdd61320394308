using System.Xml.Linq;

namespace Tandem.Web.Features.Invoices.Capture;

/// <summary>
/// UBL syntax rules the CEN tests exercise: amounts with at most two decimals (UBL-DT-01), attachments with a MIME
/// code and a file name (UBL-DT-06, -07), one VAT identifier per party (UBL-SR-12, -18), at most two tax schemes of
/// the seller (UBL-SR-42), a scheme identifier only on an invoiced-object reference (UBL-SR-43), and one payment
/// identifier and one payment means code however often they repeat (UBL-SR-44, -47).
/// </summary>
public static partial class En16931
{
    private static void Syntax(XElement root, Checks c)
    {
        // Every "…Amount" element except prices and the allowances inside a price (the official context).
        foreach (var amount in root.DescendantsAndSelf().Where(e => e.Name.LocalName.EndsWith("Amount", StringComparison.Ordinal)
            && !e.Name.LocalName.EndsWith("PriceAmount", StringComparison.Ordinal) && !e.Ancestors(Ubl.Cac + "Price").Any(p => p.Elements(Ubl.Cac + "AllowanceCharge").Any())))
        {
            var value = amount.Value;
            var point = value.IndexOf('.', StringComparison.Ordinal);
            c.Check("UBL-DT-01", amount, point < 0 || value.Length - point - 1 <= 2);
        }

        foreach (var binary in root.DescendantsAndSelf().Where(e => e.Name.LocalName.EndsWith("BinaryObject", StringComparison.Ordinal)))
        {
            c.Check("UBL-DT-06", binary, binary.Attribute("mimeCode") is not null);
            c.Check("UBL-DT-07", binary, binary.Attribute("filename") is not null);
        }

        c.Check("UBL-SR-12", root, VatIds(root, "cac:AccountingSupplierParty") <= 1);
        c.Check("UBL-SR-18", root, VatIds(root, "cac:AccountingCustomerParty") <= 1);
        foreach (var seller in root.Descendants(Ubl.Cac + "Party").Where(p => p.Parent?.Name == Ubl.Cac + "AccountingSupplierParty"))
        {
            c.Check("UBL-SR-42", seller, seller.Elements(Ubl.Cac + "PartyTaxScheme").Count() <= 2);
        }

        var creditNote = root.Name.LocalName == "CreditNote";
        foreach (var reference in root.Descendants(Ubl.Cac + "AdditionalDocumentReference"))
        {
            var types = reference.Elements(Ubl.Cbc + "DocumentTypeCode").Select(t => t.Value).ToList();
            c.Check("UBL-SR-43", reference, types.Contains("130") || (creditNote && types.Contains("50"))
                || (types.Count == 0 && !reference.Elements(Ubl.Cbc + "ID").Any(id => id.Attribute("schemeID") is not null)));
        }

        c.Check("UBL-SR-44", root, root.Descendants(Ubl.Cbc + "PaymentID").Select(p => p.Value).Distinct(StringComparer.Ordinal).Count() <= 1);
        c.Check("UBL-SR-47", root, root.Descendants(Ubl.Cbc + "PaymentMeansCode").Select(p => p.Value).Distinct(StringComparer.Ordinal).Count() <= 1);
    }

    /// <summary>The party's VAT identifiers (tax schemes whose id upper-cases to "VAT", as the official count has it).</summary>
    private static int VatIds(XElement root, string party) =>
        root.At($"{party}/cac:Party/cac:PartyTaxScheme").Where(s => s.At("cac:TaxScheme/cbc:ID").Any(id => string.Equals(id.Value.ToUpperInvariant(), "VAT", StringComparison.Ordinal)))
            .Sum(s => s.Elements(Ubl.Cbc + "CompanyID").Count());
}
