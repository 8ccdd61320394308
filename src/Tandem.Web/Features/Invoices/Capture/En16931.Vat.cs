using System.Xml.Linq;

namespace Tandem.Web.Features.Invoices.Capture;

/// <summary>
/// The VAT category rules for standard rated (S), zero rated (Z), exempt (E), reverse charge (AE), export outside the
/// EU (G), intra-community supply (K), not subject to VAT (O), and the Canary Islands' IGIC (L) and Ceuta and Melilla's
/// IPSI (M): a breakdown for every category used, the seller's (and for reverse charge and intra-community supply the
/// buyer's) VAT identifier — or, not subject to VAT, none at all — the rates, the taxable amounts adding up per
/// category and rate, and exemption reasons.
/// </summary>
public static partial class En16931
{
    /// <summary>Each category's rule prefix (BR-IC for K, BR-AF for L, BR-AG for M).</summary>
    private static readonly (string Code, string Prefix)[] VatCategoryRules =
        [("S", "BR-S-"), ("Z", "BR-Z-"), ("E", "BR-E-"), ("AE", "BR-AE-"), ("G", "BR-G-"), ("K", "BR-IC-"), ("O", "BR-O-"), ("L", "BR-AF-"), ("M", "BR-AG-")];

    private static void VatCategories(XElement root, Checks c)
    {
        var sellerHasId = root.Anywhere("cac:AccountingSupplierParty").Any(s => s.Has("cac:Party/cac:PartyTaxScheme/cbc:CompanyID")) || RepresentativeHasVatId(root);
        var sellerHasVatId = root.Anywhere("cac:AccountingSupplierParty").Any(s => s.At("cac:Party/cac:PartyTaxScheme").Any(t => t.IsVat() && t.Has("cbc:CompanyID"))) || RepresentativeHasVatId(root);
        var buyerHasVatId = root.Anywhere("cac:AccountingCustomerParty").Any(b => b.At("cac:Party/cac:PartyTaxScheme").Any(t => t.IsVat() && t.Has("cbc:CompanyID")));
        var buyerHasId = buyerHasVatId || root.Anywhere("cac:AccountingCustomerParty").Any(b => b.Has("cac:Party/cac:PartyLegalEntity/cbc:CompanyID"));
        // Worked out once for the nine categories, not once per category over every line (a 1,000-line invoice).
        var lineVatCategories = root.Lines().SelectMany(l => l.At("cac:Item/cac:ClassifiedTaxCategory")).Where(t => t.IsVat()).ToList();
        var usedCodes = root.Anywhere("cac:TaxCategory").Concat(root.Anywhere("cac:ClassifiedTaxCategory")).Where(t => t.IsVat())
            .SelectMany(t => t.At("cbc:ID")).Select(id => Ubl.Normalize(id.Value)).ToHashSet(StringComparer.Ordinal);
        foreach (var (code, rule) in VatCategoryRules)
        {
            var rated = code is "S" or "L" or "M"; // a rate applies (the others are at 0 %, or outside VAT)
            var classified = root.Anywhere("cac:ClassifiedTaxCategory").Where(t => t.CategoryCode() == code).ToList();
            // Not subject to VAT: its allowance and charge rules look at document-level ones only.
            var allowanceCharges = code == "O" ? root.At("cac:AllowanceCharge") : root.Anywhere("cac:AllowanceCharge");
            var allowanceCategories = allowanceCharges.Where(a => a.Indicator() == false).SelectMany(a => a.At("cac:TaxCategory")).Where(t => t.CategoryCode() == code && t.IsVat()).ToList();
            var chargeCategories = allowanceCharges.Where(a => a.Indicator() == true).SelectMany(a => a.At("cac:TaxCategory")).Where(t => t.CategoryCode() == code && t.IsVat()).ToList();
            var breakdown = root.At("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory").Where(t => t.CategoryCode() == code).ToList();

            c.Check(rule + "01", root, code switch
            {
                "S" => BreakdownForStandardRate(root, breakdown),
                "L" or "M" => BreakdownAtLeastOnce(root, code),
                _ => BreakdownOnce(root, code, usedCodes),
            });
            var identified = code switch
            {
                "AE" => sellerHasId && buyerHasId, // reverse charge: the buyer accounts for the VAT
                "K" => sellerHasVatId && buyerHasVatId,
                "O" => !sellerHasVatId && !buyerHasVatId, // outside VAT: nobody's VAT identifier
                "G" => sellerHasVatId,
                _ => sellerHasId,
            };
            c.Check(rule + "02", root, code == "S"
                ? classified.Count == 0 || (classified.Any(t => t.IsVat()) && identified)
                : !classified.Any(t => t.IsVat()) || identified);
            c.Check(rule + "03", root, allowanceCategories.Count == 0 || identified);
            // The official BR-AF-04 only holds IGIC charges to it when the code is written exactly "L" (no spaces).
            c.Check(rule + "04", root, chargeCategories.Count == 0 || identified || (code == "L" && !chargeCategories.Any(t => t.At("cbc:ID").Any(id => id.Value == code))));

            var lineCategories = lineVatCategories.Where(t => t.CategoryCode() == code);
            foreach (var (suffix, categories) in (IEnumerable<(string, IEnumerable<XElement>)>)[("05", lineCategories), ("06", allowanceCategories), ("07", chargeCategories)])
            {
                foreach (var category in categories)
                {
                    c.Check(rule + suffix, category, code switch
                    {
                        "S" => category.At("cbc:Percent").Any(p => Ubl.Number(p) > 0),
                        "L" or "M" => category.At("cbc:Percent").Any(p => Ubl.Number(p) >= 0),
                        "O" => !category.Has("cbc:Percent"),
                        _ => category.Number("cbc:Percent") == 0,
                    });
                }
            }

            foreach (var category in breakdown.Where(t => t.IsVat()))
            {
                var subtotal = category.Parent!;
                c.Check(rule + "08", category, rated ? RateAddsUp(root, category, code) : ZeroRateAddsUp(root, subtotal, code));
                c.Check(rule + "09", category, rated
                    ? subtotal.Number("cbc:TaxAmount") is { } tax && subtotal.Number("cbc:TaxableAmount") is { } taxable && category.Number("cbc:Percent") is { } rate && WithinOne(tax, taxable, rate)
                    : subtotal.Number("cbc:TaxAmount") == 0);
                var hasReason = category.Has("cbc:TaxExemptionReason") || category.Has("cbc:TaxExemptionReasonCode");
                c.Check(rule + "10", category, code is "E" or "AE" or "G" or "K" or "O" ? hasReason : !hasReason);
            }
        }

        IntraCommunitySupply(root, c);
        NotSubjectToVat(root, c);
    }

    /// <summary>BR-IC-11, BR-IC-12: an intra-community supply says when (delivery date or invoicing period) and where to (deliver-to country).</summary>
    private static void IntraCommunitySupply(XElement root, Checks c)
    {
        if (!root.At("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory").Any(t => t.IsVat() && t.CategoryCode() == "K"))
        {
            return;
        }

        c.Check("BR-IC-11", root, root.Text("cac:Delivery/cbc:ActualDeliveryDate").Length > 1 || root.At("cac:InvoicePeriod").Any(p => p.Elements().Any()));
        c.Check("BR-IC-12", root, root.Text("cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/cbc:IdentificationCode").Length > 1);
    }

    /// <summary>BR-O-11 … BR-O-14: an invoice with "not subject to VAT" in its breakdown uses no other VAT category anywhere.</summary>
    private static void NotSubjectToVat(XElement root, Checks c)
    {
        var breakdown = root.At("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory").Where(t => t.IsVat()).ToList();
        if (!breakdown.Any(t => t.CategoryCode() == "O"))
        {
            return;
        }

        static bool Other(XElement t) => t.IsVat() && t.CategoryCode() != "O";
        c.Check("BR-O-11", root, !breakdown.Any(Other));
        c.Check("BR-O-12", root, !root.Anywhere("cac:ClassifiedTaxCategory").Any(Other));
        c.Check("BR-O-13", root, !root.Anywhere("cac:AllowanceCharge").Where(a => a.Indicator() == false).SelectMany(a => a.At("cac:TaxCategory")).Any(Other));
        c.Check("BR-O-14", root, !root.Anywhere("cac:AllowanceCharge").Where(a => a.Indicator() == true).SelectMany(a => a.At("cac:TaxCategory")).Any(Other));
    }

    /// <summary>BR-AF-01, BR-AG-01: IGIC or IPSI used on a line, allowance or charge exactly when the breakdown has it (at least once).</summary>
    private static bool BreakdownAtLeastOnce(XElement root, string code)
    {
        var used = root.Anywhere("cac:AllowanceCharge").SelectMany(a => a.At("cac:TaxCategory")).Count(t => t.CategoryCode() == code && t.IsVat())
            + root.Anywhere("cac:ClassifiedTaxCategory").Count(t => t.CategoryCode() == code && t.IsVat());
        var breakdown = root.At("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory");
        return used > 0
            ? breakdown.Any(t => t.At("cbc:ID").Any(id => id.Value == code))
            : !breakdown.Any(t => t.CategoryCode() == code && t.IsVat());
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

    /// <summary>
    /// BR-Z-01, BR-E-01, BR-AE-01, BR-G-01, BR-IC-01, BR-O-01: a category used anywhere has exactly one VAT breakdown.
    /// <paramref name="usedCodes"/>: the normalized ids of every VAT tax category and classified tax category.
    /// </summary>
    private static bool BreakdownOnce(XElement root, string code, HashSet<string> usedCodes) =>
        !usedCodes.Contains(code) || root.At("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory").Count(t => t.IsVat() && t.At("cbc:ID").Any(id => Ubl.Normalize(id.Value) == code)) == 1;

    /// <summary>BR-S-08, BR-AF-08, BR-AG-08: the taxable amount of a rate of the category is its lines + charges − allowances at that rate (±1).</summary>
    private static bool RateAddsUp(XElement root, XElement category, string code)
    {
        if (category.Number("cbc:Percent") is not { } rate)
        {
            return !category.Has("cbc:Percent");
        }

        var taxable = category.Parent!.Number("cbc:TaxableAmount");
        bool AtRate(XElement taxCategory) => taxCategory.CategoryCode() == code && Ubl.Number(taxCategory.First("cbc:Percent")) == rate;
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

    /// <summary>BR-Z-08, BR-E-08, BR-AE-08, BR-G-08, BR-IC-08, BR-O-08: the taxable amount of the category is exactly its lines + charges − allowances.</summary>
    private static bool ZeroRateAddsUp(XElement root, XElement subtotal, string code)
    {
        var taxable = subtotal.Number("cbc:TaxableAmount");
        var documentLevel = root.At("cac:AllowanceCharge").Where(a => a.At("cac:TaxCategory").Any(t => t.CategoryCode() == code)).ToList();
        var adjustments = documentLevel.Where(a => a.Indicator() == true).Sum("cbc:Amount") - documentLevel.Where(a => a.Indicator() == false).Sum("cbc:Amount");
        return ((string[])["cac:InvoiceLine", "cac:CreditNoteLine"]).Any(kind =>
            root.Anywhere(kind).Any() && taxable == root.At(kind).Where(l => l.At("cac:Item/cac:ClassifiedTaxCategory").Any(t => t.CategoryCode() == code)).Sum("cbc:LineExtensionAmount") + adjustments);
    }
}
