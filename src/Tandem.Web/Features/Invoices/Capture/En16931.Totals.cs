using System.Xml.Linq;

namespace Tandem.Web.Features.Invoices.Capture;

/// <summary>The document totals and their arithmetic (BR-12…BR-15, BR-CO-10…BR-CO-17), to the cent as the rules round.</summary>
public static partial class En16931
{
    private static void Totals(XElement root, Checks c)
    {
        foreach (var totals in root.At("cac:LegalMonetaryTotal"))
        {
            c.Check("BR-12", totals, totals.Has("cbc:LineExtensionAmount"));
            c.Check("BR-13", totals, totals.Has("cbc:TaxExclusiveAmount"));
            c.Check("BR-14", totals, totals.Has("cbc:TaxInclusiveAmount"));
            c.Check("BR-15", totals, totals.Has("cbc:PayableAmount"));

            var lineSum = Ubl.Round2(root.Lines().Sum("cbc:LineExtensionAmount"));
            c.Check("BR-CO-10", totals, totals.Number("cbc:LineExtensionAmount") == lineSum);

            var allowances = root.At("cac:AllowanceCharge").Where(a => a.Indicator() == false).ToList();
            var charges = root.At("cac:AllowanceCharge").Where(a => a.Indicator() == true).ToList();
            c.Check("BR-CO-11", totals, SumMatches(totals, "cbc:AllowanceTotalAmount", allowances));
            c.Check("BR-CO-12", totals, SumMatches(totals, "cbc:ChargeTotalAmount", charges));

            c.Check("BR-CO-13", totals, TaxExclusiveAdds(totals));
            c.Check("BR-CO-16", totals, PayableAdds(totals));
        }

        var currency = root.First("cbc:DocumentCurrencyCode")?.Value;
        if (currency is not null)
        {
            var taxInCurrency = root.At("cac:TaxTotal/cbc:TaxAmount").Where(a => (string?)a.Attribute("currencyID") == currency).ToList();
            var exclusive = root.Number("cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount");
            var inclusive = root.Number("cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount");
            c.Check("BR-CO-15", root, taxInCurrency.Count == 1 && Ubl.Number(taxInCurrency[0]) is { } tax && exclusive is { } ex && inclusive == Ubl.Round2(ex + tax));
        }

        foreach (var taxTotal in root.At("cac:TaxTotal"))
        {
            c.Check("BR-CO-14", taxTotal, !taxTotal.Has("cac:TaxSubtotal") || taxTotal.Number("cbc:TaxAmount") == Ubl.Round2(taxTotal.At("cac:TaxSubtotal").Sum("cbc:TaxAmount")));
        }
    }

    /// <summary>Total without VAT = line total + charges − allowances (rounded only when a sum is involved).</summary>
    private static bool TaxExclusiveAdds(XElement totals)
    {
        var net = totals.Number("cbc:LineExtensionAmount");
        var exclusive = totals.Number("cbc:TaxExclusiveAmount");
        var charges = totals.Has("cbc:ChargeTotalAmount");
        var allowances = totals.Has("cbc:AllowanceTotalAmount");
        if (!charges && !allowances)
        {
            return exclusive is not null && exclusive == net;
        }

        var expected = net + (charges ? totals.Number("cbc:ChargeTotalAmount") : 0m) - (allowances ? totals.Number("cbc:AllowanceTotalAmount") : 0m);
        return expected is { } e && exclusive == Ubl.Round2(e);
    }

    /// <summary>Amount due = total with VAT − paid amount + rounding amount.</summary>
    private static bool PayableAdds(XElement totals)
    {
        var inclusive = totals.Number("cbc:TaxInclusiveAmount");
        var payable = totals.Number("cbc:PayableAmount");
        var prepaid = totals.Has("cbc:PrepaidAmount");
        var rounding = totals.Has("cbc:PayableRoundingAmount");
        var due = prepaid ? inclusive - totals.Number("cbc:PrepaidAmount") is { } d ? Ubl.Round2(d) : (decimal?)null : inclusive;
        var paid = rounding ? payable - totals.Number("cbc:PayableRoundingAmount") is { } p ? Ubl.Round2(p) : (decimal?)null : payable;
        return due is not null && paid == due;
    }

    /// <summary>A document-level sum (allowances or charges) equals its parts, or both are absent.</summary>
    private static bool SumMatches(XElement totals, string path, List<XElement> parts) =>
        totals.Has(path) ? totals.Number(path) == Ubl.Round2(parts.Sum("cbc:Amount")) : parts.Count == 0;

    private static void VatBreakdown(XElement root, Checks c)
    {
        foreach (var subtotal in root.Anywhere("cac:TaxTotal").SelectMany(t => t.At("cac:TaxSubtotal")))
        {
            var vat = subtotal.At("cac:TaxCategory").Where(t => t.IsVat()).ToList();
            c.Check("BR-45", subtotal, subtotal.Has("cbc:TaxableAmount"));
            c.Check("BR-46", subtotal, subtotal.Has("cbc:TaxAmount"));
            c.Check("BR-47", subtotal, vat.Any(t => t.Has("cbc:ID")));
            c.Check("BR-48", subtotal, vat.Any(t => t.Has("cbc:Percent")) || vat.Any(t => t.CategoryCode() == "O"));

            var percent = vat.SelectMany(t => t.At("cbc:Percent")).Select(Ubl.Number).FirstOrDefault();
            var taxAmount = subtotal.Number("cbc:TaxAmount");
            var taxable = subtotal.Number("cbc:TaxableAmount");
            c.Check("BR-CO-17", subtotal, percent switch
            {
                null => taxAmount is { } t0 && Ubl.Round(t0) == 0,
                { } p when Ubl.Round(p) == 0 => taxAmount is { } t1 && Ubl.Round(t1) == 0,
                { } p => taxAmount is { } t && taxable is { } b && WithinOne(t, b, p),
            });
        }
    }

    /// <summary>A VAT amount within one unit of the taxable amount times the rate (the rules' rounding tolerance).</summary>
    private static bool WithinOne(decimal taxAmount, decimal taxable, decimal percent)
    {
        var expected = Ubl.Round2(Math.Abs(taxable) * (percent / 100m));
        return Math.Abs(taxAmount) - 1 < expected && Math.Abs(taxAmount) + 1 > expected;
    }
}
