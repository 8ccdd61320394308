using System.Xml.Linq;

namespace Tandem.Web.Features.Invoices.Capture;

/// <summary>The mandatory-element rules (BR-01…BR-65) and the period and reason rules of the BR-CO group.</summary>
public static partial class En16931
{
    private static void Document(XElement root, Checks c)
    {
        c.Check("BR-01", root, root.Text("cbc:CustomizationID") != "");
        c.Check("BR-02", root, root.Text("cbc:ID") != "");
        c.Check("BR-03", root, root.Text("cbc:IssueDate") != "");
        c.Check("BR-04", root, root.Text("cbc:InvoiceTypeCode") != "" || root.Text("cbc:CreditNoteTypeCode") != "");
        c.Check("BR-05", root, root.Text("cbc:DocumentCurrencyCode") != "");
        c.Check("BR-16", root, root.Has("cac:InvoiceLine") || root.Has("cac:CreditNoteLine"));
        c.Check("BR-53", root, root.At("cbc:TaxCurrencyCode").All(code =>
            root.Anywhere("cac:TaxTotal").Any(t => t.At("cbc:TaxAmount").Any(a => (string?)a.Attribute("currencyID") == code.Value))));
        c.Check("BR-CO-03", root, !(root.Has("cbc:TaxPointDate") && root.Has("cac:InvoicePeriod/cbc:DescriptionCode")));
        c.Check("BR-CO-18", root, root.Has("cac:TaxTotal/cac:TaxSubtotal"));

        foreach (var period in root.At("cac:InvoicePeriod"))
        {
            c.Check("BR-29", period, EndNotBeforeStart(period));
            c.Check("BR-CO-19", period, period.Has("cbc:StartDate") || period.Has("cbc:EndDate") || period.Has("cbc:DescriptionCode"));
        }

        foreach (var period in root.Lines().SelectMany(l => l.At("cac:InvoicePeriod")))
        {
            c.Check("BR-30", period, EndNotBeforeStart(period));
            c.Check("BR-CO-20", period, period.Has("cbc:StartDate") || period.Has("cbc:EndDate"));
        }

        foreach (var means in root.Anywhere("cac:PaymentMeans"))
        {
            var code = means.Text("cbc:PaymentMeansCode");
            c.Check("BR-49", means, means.Has("cbc:PaymentMeansCode"));
            c.Check("BR-61", means, code is not ("30" or "58") || means.Has("cac:PayeeFinancialAccount/cbc:ID"));
            if (code is "30" or "58")
            {
                foreach (var account in means.At("cac:PayeeFinancialAccount"))
                {
                    c.Check("BR-50", account, account.Text("cbc:ID") != "");
                }
            }
        }

        foreach (var reference in root.Anywhere("cac:AdditionalDocumentReference"))
        {
            c.Check("BR-52", reference, reference.Text("cbc:ID") != "");
        }

        foreach (var property in root.Anywhere("cac:AdditionalItemProperty"))
        {
            c.Check("BR-54", property, property.Has("cbc:Name") && property.Has("cbc:Value"));
        }

        foreach (var preceding in root.Anywhere("cac:BillingReference"))
        {
            c.Check("BR-55", preceding, preceding.Has("cac:InvoiceDocumentReference/cbc:ID"));
        }

        foreach (var address in root.Anywhere("cac:Delivery").SelectMany(d => d.At("cac:DeliveryLocation/cac:Address")))
        {
            c.Check("BR-57", address, address.Has("cac:Country/cbc:IdentificationCode"));
        }
    }

    private static bool EndNotBeforeStart(XElement period) =>
        Ubl.Date(period.First("cbc:StartDate")) is not { } start || Ubl.Date(period.First("cbc:EndDate")) is not { } end || end >= start;

    private static void Parties(XElement root, Checks c)
    {
        c.Check("BR-06", root, root.Text("cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName") != "");
        c.Check("BR-07", root, root.Text("cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName") != "");
        c.Check("BR-08", root, root.Has("cac:AccountingSupplierParty/cac:Party/cac:PostalAddress"));
        c.Check("BR-10", root, root.Has("cac:AccountingCustomerParty/cac:Party/cac:PostalAddress"));
        foreach (var address in root.At("cac:AccountingSupplierParty/cac:Party/cac:PostalAddress"))
        {
            c.Check("BR-09", address, address.Text("cac:Country/cbc:IdentificationCode") != "");
        }

        foreach (var address in root.At("cac:AccountingCustomerParty/cac:Party/cac:PostalAddress"))
        {
            c.Check("BR-11", address, address.Text("cac:Country/cbc:IdentificationCode") != "");
        }

        foreach (var seller in root.At("cac:AccountingSupplierParty"))
        {
            c.Check("BR-CO-26", seller, seller.At("cac:Party/cac:PartyTaxScheme").Any(s => s.IsVat() && s.Has("cbc:CompanyID"))
                || seller.At("cac:Party/cac:PartyIdentification/cbc:ID").Any(id => (string?)id.Attribute("schemeID") != "SEPA")
                || seller.Has("cac:Party/cac:PartyLegalEntity/cbc:CompanyID"));
        }

        foreach (var payee in root.At("cac:PayeeParty"))
        {
            var sellerNames = root.At("cac:AccountingSupplierParty/cac:Party/cac:PartyName/cbc:Name").Select(n => n.Value).ToHashSet();
            var sellerIds = root.At("cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID").Select(n => n.Value).ToHashSet();
            c.Check("BR-17", payee, payee.Has("cac:PartyName/cbc:Name")
                && !payee.At("cac:PartyName/cbc:Name").Any(n => sellerNames.Contains(n.Value))
                && !payee.At("cac:PartyIdentification/cbc:ID").Any(n => sellerIds.Contains(n.Value)));
        }

        foreach (var representative in root.At("cac:TaxRepresentativeParty"))
        {
            c.Check("BR-18", representative, representative.Text("cac:PartyName/cbc:Name") != "");
            c.Check("BR-19", representative, representative.Has("cac:PostalAddress"));
            c.Check("BR-56", representative, representative.At("cac:PartyTaxScheme").Any(s => s.IsVat() && s.Has("cbc:CompanyID")));
            foreach (var address in representative.At("cac:PostalAddress"))
            {
                c.Check("BR-20", address, address.Text("cac:Country/cbc:IdentificationCode") != "");
            }
        }

        foreach (var endpoint in root.At("cac:AccountingSupplierParty/cac:Party/cbc:EndpointID"))
        {
            c.Check("BR-62", endpoint, endpoint.Attribute("schemeID") is not null);
        }

        foreach (var endpoint in root.At("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID"))
        {
            c.Check("BR-63", endpoint, endpoint.Attribute("schemeID") is not null);
        }

        foreach (var scheme in root.Anywhere("cac:PartyTaxScheme").Where(s => s.IsVat()))
        {
            var id = scheme.First("cbc:CompanyID")?.Value ?? "";
            c.Check("BR-CO-09", scheme, CountryPrefixes.Contains(id.Length > 2 ? id[..2] : id, StringComparison.Ordinal));
        }
    }

    private static void InvoiceLines(XElement root, Checks c)
    {
        foreach (var line in root.Lines())
        {
            c.Check("BR-21", line, line.Text("cbc:ID") != "");
            c.Check("BR-22", line, line.Has("cbc:InvoicedQuantity") || line.Has("cbc:CreditedQuantity"));
            c.Check("BR-23", line, line.At("cbc:InvoicedQuantity").Concat(line.At("cbc:CreditedQuantity")).Any(q => q.Attribute("unitCode") is not null));
            c.Check("BR-24", line, line.Has("cbc:LineExtensionAmount"));
            c.Check("BR-25", line, line.Text("cac:Item/cbc:Name") != "");
            c.Check("BR-26", line, line.Has("cac:Price/cbc:PriceAmount"));
            c.Check("BR-27", line, line.At("cac:Price/cbc:PriceAmount").Any(p => Ubl.Number(p) >= 0));
            c.Check("BR-28", line, !line.Has("cac:Price/cac:AllowanceCharge/cbc:BaseAmount") || line.At("cac:Price/cac:AllowanceCharge/cbc:BaseAmount").Any(p => Ubl.Number(p) >= 0));
            c.Check("BR-CO-04", line, line.At("cac:Item/cac:ClassifiedTaxCategory").Any(t => t.IsVat() && t.Has("cbc:ID")));
            foreach (var identifier in line.At("cac:Item/cac:StandardItemIdentification/cbc:ID"))
            {
                c.Check("BR-64", identifier, identifier.Attribute("schemeID") is not null);
            }

            foreach (var code in line.At("cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode"))
            {
                c.Check("BR-65", code, code.Attribute("listID") is not null);
            }

            foreach (var allowanceCharge in line.At("cac:AllowanceCharge"))
            {
                var charge = allowanceCharge.Indicator();
                var hasReason = allowanceCharge.Has("cbc:AllowanceChargeReason") || allowanceCharge.Has("cbc:AllowanceChargeReasonCode");
                if (charge == false)
                {
                    c.Check("BR-41", allowanceCharge, allowanceCharge.Has("cbc:Amount"));
                    c.Check("BR-42", allowanceCharge, hasReason);
                    c.Check("BR-CO-23", allowanceCharge, hasReason);
                }
                else if (charge == true)
                {
                    c.Check("BR-43", allowanceCharge, allowanceCharge.Has("cbc:Amount"));
                    c.Check("BR-44", allowanceCharge, hasReason);
                    c.Check("BR-CO-24", allowanceCharge, hasReason);
                }
            }
        }
    }

    private static void AllowancesAndCharges(XElement root, Checks c)
    {
        foreach (var allowanceCharge in root.At("cac:AllowanceCharge"))
        {
            var charge = allowanceCharge.Indicator();
            var hasVatCategory = allowanceCharge.At("cac:TaxCategory").Any(t => t.IsVat() && t.Has("cbc:ID"));
            var hasReason = allowanceCharge.Has("cbc:AllowanceChargeReason") || allowanceCharge.Has("cbc:AllowanceChargeReasonCode");
            if (charge == false)
            {
                c.Check("BR-31", allowanceCharge, allowanceCharge.Has("cbc:Amount"));
                c.Check("BR-32", allowanceCharge, hasVatCategory);
                c.Check("BR-33", allowanceCharge, hasReason);
                c.Check("BR-CO-21", allowanceCharge, hasReason);
            }
            else if (charge == true)
            {
                c.Check("BR-36", allowanceCharge, allowanceCharge.Has("cbc:Amount"));
                c.Check("BR-37", allowanceCharge, hasVatCategory);
                c.Check("BR-38", allowanceCharge, hasReason);
                c.Check("BR-CO-22", allowanceCharge, hasReason);
            }
        }
    }
}
