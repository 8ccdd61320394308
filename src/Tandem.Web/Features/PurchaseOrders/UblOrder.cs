using System.Globalization;
using System.Xml;
using Tandem.Domain.Money;
using Tandem.Web.Platform.Api;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>
/// The order as a UBL 2.1 Order document (OASIS UBL-Order-2.1.xsd): buyer, seller, delivery, Incoterms, payment terms,
/// tax and anticipated totals, and one order line per line with quantity, price, tax category and item. Elements are
/// written in the schema's sequence; tests validate the output against the official schema.
/// </summary>
public static class UblOrder
{
    private const string Root = "urn:oasis:names:specification:ubl:schema:xsd:Order-2";
    private const string Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    private const string Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    public static byte[] Write(OrderDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var order = document.Order;
        var currency = document.Currency;
        using var output = new MemoryStream();
        using (var x = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) }))
        {
            x.WriteStartDocument();
            x.WriteStartElement("Order", Root);
            x.WriteAttributeString("xmlns", "cac", null, Cac);
            x.WriteAttributeString("xmlns", "cbc", null, Cbc);
            Basic(x, "UBLVersionID", "2.1");
            Basic(x, "ID", order.Number);
            Basic(x, "IssueDate", Date(order.IssuedOn ?? DateOnly.FromDateTime(order.CreatedAtUtc)));
            if (!string.IsNullOrWhiteSpace(order.Notes))
            {
                Basic(x, "Note", order.Notes);
            }

            Basic(x, "DocumentCurrencyCode", order.Currency);
            Basic(x, "LineCountNumeric", order.Lines.Count.ToString(CultureInfo.InvariantCulture));
            x.WriteStartElement("cac", "BuyerCustomerParty", Cac);
            Party(x, document.CompanyName, document.BillTo ?? document.ShipTo, null);
            x.WriteEndElement();
            x.WriteStartElement("cac", "SellerSupplierParty", Cac);
            Party(x, document.VendorName, document.VendorAddress, document.VendorTaxId);
            x.WriteEndElement();
            if (document.ShipTo is { } shipTo)
            {
                x.WriteStartElement("cac", "Delivery", Cac);
                Address(x, "DeliveryAddress", shipTo);
                x.WriteEndElement();
            }

            if (order.Incoterms is { } incoterms)
            {
                x.WriteStartElement("cac", "DeliveryTerms", Cac);
                Basic(x, "ID", incoterms);
                x.WriteEndElement();
            }

            x.WriteStartElement("cac", "PaymentTerms", Cac);
            Basic(x, "Note", document.Terms.ToString());
            x.WriteEndElement();
            x.WriteStartElement("cac", "TaxTotal", Cac);
            Amount(x, "TaxAmount", order.TaxMinor, currency);
            x.WriteEndElement();
            x.WriteStartElement("cac", "AnticipatedMonetaryTotal", Cac);
            Amount(x, "LineExtensionAmount", order.SubtotalMinor, currency);
            Amount(x, "TaxExclusiveAmount", order.SubtotalMinor, currency);
            Amount(x, "TaxInclusiveAmount", order.TotalMinor, currency);
            Amount(x, "PayableAmount", order.TotalMinor, currency);
            x.WriteEndElement();
            foreach (var line in document.Lines)
            {
                Line(x, line, currency);
            }

            x.WriteEndElement();
            x.WriteEndDocument();
        }

        return output.ToArray();
    }

    private static void Line(XmlWriter x, DocumentLine item, Currency currency)
    {
        var l = item.Line;
        x.WriteStartElement("cac", "OrderLine", Cac);
        x.WriteStartElement("cac", "LineItem", Cac);
        Basic(x, "ID", l.LineNo.ToString(CultureInfo.InvariantCulture));
        x.WriteStartElement("cbc", "Quantity", Cbc);
        x.WriteAttributeString("unitCode", item.UnitCode);
        x.WriteString(new Quantity(l.QuantityUnits).ToString());
        x.WriteEndElement();
        Amount(x, "LineExtensionAmount", l.AmountMinor, currency);
        Amount(x, "TotalTaxAmount", l.TaxMinor, currency);
        if (l.NeedBy is { } needBy)
        {
            x.WriteStartElement("cac", "Delivery", Cac);
            Basic(x, "LatestDeliveryDate", Date(needBy));
            x.WriteEndElement();
        }

        x.WriteStartElement("cac", "Price", Cac);
        x.WriteStartElement("cbc", "PriceAmount", Cbc);
        x.WriteAttributeString("currencyID", currency.Code);
        x.WriteString(new UnitPrice(l.UnitPriceMicros, currency).ToDecimal().ToString("0.00####", CultureInfo.InvariantCulture));
        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteStartElement("cac", "Item", Cac);
        Basic(x, "Description", l.Description);
        Basic(x, "Name", l.Description.Length > 100 ? l.Description[..100] : l.Description);
        if (item.Sku is { } sku)
        {
            x.WriteStartElement("cac", "SellersItemIdentification", Cac);
            Basic(x, "ID", sku);
            x.WriteEndElement();
        }

        if (item.CategoryCode is { } category)
        {
            x.WriteStartElement("cac", "CommodityClassification", Cac);
            Basic(x, "ItemClassificationCode", category);
            x.WriteEndElement();
        }

        x.WriteStartElement("cac", "ClassifiedTaxCategory", Cac);
        Basic(x, "ID", l.TaxRateBasisPoints == 0 ? "Z" : "S");
        Basic(x, "Percent", PercentText.Of(l.TaxRateBasisPoints));
        x.WriteStartElement("cac", "TaxScheme", Cac);
        Basic(x, "ID", "VAT");
        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteEndElement(); // Item
        x.WriteEndElement(); // LineItem
        x.WriteEndElement(); // OrderLine
    }

    private static void Party(XmlWriter x, string name, DocumentAddress? address, string? taxId)
    {
        x.WriteStartElement("cac", "Party", Cac);
        x.WriteStartElement("cac", "PartyName", Cac);
        Basic(x, "Name", name);
        x.WriteEndElement();
        if (address is not null)
        {
            Address(x, "PostalAddress", address);
        }

        if (taxId is not null)
        {
            x.WriteStartElement("cac", "PartyTaxScheme", Cac);
            Basic(x, "CompanyID", taxId);
            x.WriteStartElement("cac", "TaxScheme", Cac);
            Basic(x, "ID", "VAT");
            x.WriteEndElement();
            x.WriteEndElement();
        }

        x.WriteEndElement();
    }

    private static void Address(XmlWriter x, string element, DocumentAddress a)
    {
        x.WriteStartElement("cac", element, Cac);
        if (!string.IsNullOrWhiteSpace(a.Street))
        {
            Basic(x, "StreetName", a.Street);
        }

        if (!string.IsNullOrWhiteSpace(a.City))
        {
            Basic(x, "CityName", a.City);
        }

        if (!string.IsNullOrWhiteSpace(a.PostalCode))
        {
            Basic(x, "PostalZone", a.PostalCode);
        }

        x.WriteStartElement("cac", "Country", Cac);
        Basic(x, "IdentificationCode", a.Country);
        x.WriteEndElement();
        x.WriteEndElement();
    }

    private static void Amount(XmlWriter x, string element, long minor, Currency currency)
    {
        x.WriteStartElement("cbc", element, Cbc);
        x.WriteAttributeString("currencyID", currency.Code);
        x.WriteString(new Money(minor, currency).ToAmountString());
        x.WriteEndElement();
    }

    private static void Basic(XmlWriter x, string element, string value) => x.WriteElementString("cbc", element, Cbc, value);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
