using System.Xml.Linq;

namespace Tandem.Web.Features.Invoices.Capture;

/// <summary>
/// The VAT category rules for standard rated (S), zero rated (Z), exempt (E), reverse charge (AE) and export outside
/// the EU (G): a breakdown for every category used, the seller's (and for reverse charge the buyer's) VAT identifier,
/// the rates, the taxable amounts adding up per category and rate, and exemption reasons.
/// </summary>
public static partial class En16931
{
    private static void VatCategories(XElement root, Checks c)
    {
        var sellerHasId = root.Anywhere("cac:AccountingSupplierParty").Any(s => s.Has("cac:Party/cac:PartyTaxScheme/cbc:CompanyID")) || RepresentativeHasVatId(root);
        var sellerHasVatId = root.Anywhere("cac:AccountingSupplierParty").Any(s => s.At("cac:Party/cac:PartyTaxScheme").Any(t => t.IsVat() && t.Has("cbc:CompanyID"))) || RepresentativeHasVatId(root);
        var buyerHasId = root.Anywhere("cac:AccountingCustomerParty").Any(b => b.At("cac:Party/cac:PartyTaxScheme").Any(t => t.IsVat() && t.Has("cbc:CompanyID"))
            || b.Has("cac:Party/cac:PartyLegalEntity/cbc:CompanyID"));
        foreach (var code in (string[])["S", "Z", "E", "AE", "G"])
        {
            var rule = $"BR-{code}-";
            var classified = root.Anywhere("cac:ClassifiedTaxCategory").Where(t => t.CategoryCode() == code).ToList();
            var allowanceCategories = root.Anywhere("cac:AllowanceCharge").Where(a => a.Indicator() == false)
                .SelectMany(a => a.At("cac:TaxCategory")).Where(t => t.CategoryCode() == code && t.IsVat()).ToList();
            var chargeCategories = root.Anywhere("cac:AllowanceCharge").Where(a => a.Indicator() == true)
                .SelectMany(a => a.At("cac:TaxCategory")).Where(t => t.CategoryCode() == code && t.IsVat()).ToList();
            var breakdown = root.At("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory").Where(t => t.CategoryCode() == code).ToList();

            c.Check(rule + "01", root, code == "S" ? BreakdownForStandardRate(root, breakdown) : BreakdownOnce(root, code));
            var identified = code switch
            {
                "AE" => sellerHasId && buyerHasId, // reverse charge: the buyer accounts for the VAT
                "G" => sellerHasVatId,
                _ => sellerHasId,
            };
            c.Check(rule + "02", root, code == "S"
                ? classified.Count == 0 || (classified.Any(t => t.IsVat()) && identified)
                : !classified.Any(t => t.IsVat()) || identified);
            c.Check(rule + "03", root, allowanceCategories.Count == 0 || identified);
            c.Check(rule + "04", root, chargeCategories.Count == 0 || identified);

            var lineCategories = root.Lines().SelectMany(l => l.At("cac:Item/cac:ClassifiedTaxCategory")).Where(t => t.CategoryCode() == code && t.IsVat());
            foreach (var (suffix, categories) in (IEnumerable<(string, IEnumerable<XElement>)>)[("05", lineCategories), ("06", allowanceCategories), ("07", chargeCategories)])
            {
                foreach (var category in categories)
                {
                    c.Check(rule + suffix, category, code == "S"
                        ? category.At("cbc:Percent").Any(p => Ubl.Number(p) > 0)
                        : category.Number("cbc:Percent") == 0);
                }
            }

            foreach (var category in breakdown.Where(t => t.IsVat()))
            {
                var subtotal = category.Parent!;
                c.Check(rule + "08", category, code == "S" ? StandardRateAddsUp(root, category) : ZeroRateAddsUp(root, subtotal, code));
                c.Check(rule + "09", category, code == "S"
                    ? subtotal.Number("cbc:TaxAmount") is { } tax && subtotal.Number("cbc:TaxableAmount") is { } taxable && category.Number("cbc:Percent") is { } rate && WithinOne(tax, taxable, rate)
                    : subtotal.Number("cbc:TaxAmount") == 0);
                var hasReason = category.Has("cbc:TaxExemptionReason") || category.Has("cbc:TaxExemptionReasonCode");
                c.Check(rule + "10", category, code is "E" or "AE" or "G" ? hasReason : !hasReason);
            }
        }
    }

    private static bool RepresentativeHasVatId(XElement root) =>
        root.Anywhere("cac:TaxRepresentativeParty").Any(r => r.At("cac:PartyTaxScheme").Any(s => s.IsVat() && s.Has("cbc:CompanyID")));

    /// <summary>BR-S-01: standard rate used on a line, allowance or charge exactly when the breakdown has it.</summary>
    private static bool BreakdownForStandardRate(XElement root, List<XElement> breakdown)
    {
        var used = root.Anywhere("cac:AllowanceCharge").SelectMany(a => a.At("cac:TaxCategory")).Count(t => t.CategoryCode() == "S")
            + root.Anywhere("cac:ClassifiedTaxCategory").Count(t => t.CategoryCode() == "S");
        return (used > 0) == (breakdown.Count > 0);
    }

    /// <summary>BR-Z-01, BR-E-01, BR-AE-01, BR-G-01: a category used anywhere has exactly one VAT breakdown.</summary>
    private static bool BreakdownOnce(XElement root, string code)
    {
        var used = root.Anywhere("cac:TaxCategory").Concat(root.Anywhere("cac:ClassifiedTaxCategory")).Any(t => t.IsVat() && t.At("cbc:ID").Any(id => Ubl.Normalize(id.Value) == code));
        return !used || root.At("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory").Count(t => t.IsVat() && t.At("cbc:ID").Any(id => Ubl.Normalize(id.Value) == code)) == 1;
    }

    /// <summary>BR-S-08: the taxable amount of a standard rate is its lines + charges − allowances at that rate (±1).</summary>
    private static bool StandardRateAddsUp(XElement root, XElement category)
    {
        if (category.Number("cbc:Percent") is not { } rate)
        {
            return !category.Has("cbc:Percent");
        }

        var taxable = category.Parent!.Number("cbc:TaxableAmount");
        bool AtRate(XElement taxCategory) => taxCategory.CategoryCode() == "S" && Ubl.Number(taxCategory.At("cbc:Percent").FirstOrDefault()) == rate;
        var documentLevel = root.At("cac:AllowanceCharge").Where(a => a.At("cac:TaxCategory").Any(AtRate)).ToList();
        var adjustments = documentLevel.Where(a => a.Indicator() == true).Sum("cbc:Amount") - documentLevel.Where(a => a.Indicator() == false).Sum("cbc:Amount");
        var anyAllowanceCharge = root.Anywhere("cac:AllowanceCharge").Any(a => a.At("cac:TaxCategory").Any(AtRate));
        return ((string[])["cac:InvoiceLine", "cac:CreditNoteLine"]).Any(kind =>
        {
            var lines = root.At(kind).Where(l => l.At("cac:Item/cac:ClassifiedTaxCategory").Any(AtRate)).ToList();
            var expected = lines.Sum("cbc:LineExtensionAmount") + adjustments;
            return (lines.Count > 0 || anyAllowanceCharge) && taxable - 1 < expected && taxable + 1 > expected;
        });
    }

    /// <summary>BR-Z-08, BR-E-08, BR-AE-08, BR-G-08: the taxable amount of the category is exactly its lines + charges − allowances.</summary>
    private static bool ZeroRateAddsUp(XElement root, XElement subtotal, string code)
    {
        var taxable = subtotal.Number("cbc:TaxableAmount");
        var documentLevel = root.At("cac:AllowanceCharge").Where(a => a.At("cac:TaxCategory").Any(t => t.CategoryCode() == code)).ToList();
        var adjustments = documentLevel.Where(a => a.Indicator() == true).Sum("cbc:Amount") - documentLevel.Where(a => a.Indicator() == false).Sum("cbc:Amount");
        return ((string[])["cac:InvoiceLine", "cac:CreditNoteLine"]).Any(kind =>
            root.Anywhere(kind).Any() && taxable == root.At(kind).Where(l => l.At("cac:Item/cac:ClassifiedTaxCategory").Any(t => t.CategoryCode() == code)).Sum("cbc:LineExtensionAmount") + adjustments);
    }
}
