using System.Globalization;
using System.Xml;
using Tandem.Domain.Money;
using Tandem.Web.Platform.Api;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>
/// The order as a cXML 1.2.063 OrderRequest, for vendors on procurement networks: header credentials (the company as
/// buyer, the vendor by its code), totals, ship-to, bill-to, tax, payment terms, comments, and one ItemOut per line.
/// The payload id and timestamp are given by the caller (unique per download, time injected); tests validate the
/// output against the official DTD.
/// </summary>
public static class CxmlOrderRequest
{
    public const string DtdUrl = "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd";

    public static byte[] Write(OrderDocument document, string payloadId, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(document);
        var order = document.Order;
        var currency = document.Currency;
        using var output = new MemoryStream();
        using (var x = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) }))
        {
            x.WriteStartDocument();
            x.WriteDocType("cXML", null, DtdUrl, null);
            x.WriteStartElement("cXML");
            x.WriteAttributeString("payloadID", payloadId);
            x.WriteAttributeString("timestamp", timestamp.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            x.WriteAttributeString("xml", "lang", null, "en-US");
            x.WriteStartElement("Header");
            Credential(x, "From", document.CompanyCode);
            Credential(x, "To", document.VendorCode);
            x.WriteStartElement("Sender");
            CredentialBody(x, document.CompanyCode);
            x.WriteElementString("UserAgent", "Tandem");
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteStartElement("Request");
            x.WriteStartElement("OrderRequest");
            x.WriteStartElement("OrderRequestHeader");
            x.WriteAttributeString("orderID", order.Number);
            x.WriteAttributeString("orderDate", new DateTimeOffset(order.IssuedAtUtc ?? order.CreatedAtUtc, TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            x.WriteAttributeString("type", "new");
            x.WriteStartElement("Total");
            Money(x, order.TotalMinor, currency);
            x.WriteEndElement();
            if (document.ShipTo is { } shipTo)
            {
                x.WriteStartElement("ShipTo");
                Address(x, shipTo);
                x.WriteEndElement();
            }

            x.WriteStartElement("BillTo");
            Address(x, document.BillTo ?? document.ShipTo ?? new DocumentAddress(document.CompanyName, null, null, null, document.CompanyCountry));
            x.WriteEndElement();
            x.WriteStartElement("Tax");
            Money(x, order.TaxMinor, currency);
            Text(x, "Description", "Tax");
            x.WriteEndElement();
            if (order.PaymentDiscountBasisPoints > 0)
            {
                // "2/10 net 30": 2 % off within 10 days, then the net amount within 30.
                x.WriteStartElement("PaymentTerm");
                x.WriteAttributeString("payInNumberOfDays", order.PaymentDiscountDays.ToString(CultureInfo.InvariantCulture));
                x.WriteStartElement("Discount");
                x.WriteStartElement("DiscountPercent");
                x.WriteAttributeString("percent", PercentText.Of(order.PaymentDiscountBasisPoints));
                x.WriteEndElement();
                x.WriteEndElement();
                x.WriteEndElement();
            }

            x.WriteStartElement("PaymentTerm");
            x.WriteAttributeString("payInNumberOfDays", order.PaymentNetDays.ToString(CultureInfo.InvariantCulture));
            x.WriteEndElement();
            if (!string.IsNullOrWhiteSpace(order.Notes))
            {
                Text(x, "Comments", order.Notes);
            }

            x.WriteEndElement(); // OrderRequestHeader
            foreach (var line in document.Lines)
            {
                Item(x, line, currency);
            }

            x.WriteEndElement(); // OrderRequest
            x.WriteEndElement(); // Request
            x.WriteEndElement(); // cXML
            x.WriteEndDocument();
        }

        return output.ToArray();
    }

    private static void Item(XmlWriter x, DocumentLine item, Currency currency)
    {
        var l = item.Line;
        x.WriteStartElement("ItemOut");
        x.WriteAttributeString("quantity", new Quantity(l.QuantityUnits).ToString());
        x.WriteAttributeString("lineNumber", l.LineNo.ToString(CultureInfo.InvariantCulture));
        if (l.NeedBy is { } needBy)
        {
            x.WriteAttributeString("requestedDeliveryDate", needBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        x.WriteStartElement("ItemID");
        x.WriteElementString("SupplierPartID", item.Sku ?? $"LINE-{l.LineNo}");
        x.WriteEndElement();
        x.WriteStartElement("ItemDetail");
        x.WriteStartElement("UnitPrice");
        x.WriteStartElement("Money");
        x.WriteAttributeString("currency", currency.Code);
        x.WriteString(new UnitPrice(l.UnitPriceMicros, currency).ToDecimal().ToString("0.00####", CultureInfo.InvariantCulture));
        x.WriteEndElement();
        x.WriteEndElement();
        Text(x, "Description", l.Description);
        x.WriteElementString("UnitOfMeasure", item.UnitCode);
        x.WriteStartElement("Classification");
        x.WriteAttributeString("domain", "TandemCategory");
        x.WriteString(item.CategoryCode ?? "unclassified");
        x.WriteEndElement();
        x.WriteEndElement(); // ItemDetail
        if (l.TaxMinor != 0)
        {
            x.WriteStartElement("Tax");
            Money(x, l.TaxMinor, currency);
            Text(x, "Description", $"Tax {PercentText.Of(l.TaxRateBasisPoints)} %");
            x.WriteEndElement();
        }

        x.WriteEndElement(); // ItemOut
    }

    private static void Credential(XmlWriter x, string element, string identity)
    {
        x.WriteStartElement(element);
        CredentialBody(x, identity);
        x.WriteEndElement();
    }

    private static void CredentialBody(XmlWriter x, string identity)
    {
        x.WriteStartElement("Credential");
        x.WriteAttributeString("domain", "NetworkID");
        x.WriteElementString("Identity", identity);
        x.WriteEndElement();
    }

    private static void Address(XmlWriter x, DocumentAddress a)
    {
        x.WriteStartElement("Address");
        Text(x, "Name", a.Name);
        x.WriteStartElement("PostalAddress");
        x.WriteElementString("Street", string.IsNullOrWhiteSpace(a.Street) ? a.Name : a.Street);
        x.WriteElementString("City", a.City ?? "");
        if (!string.IsNullOrWhiteSpace(a.PostalCode))
        {
            x.WriteElementString("PostalCode", a.PostalCode);
        }

        x.WriteStartElement("Country");
        x.WriteAttributeString("isoCountryCode", a.Country);
        x.WriteString(a.Country);
        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteEndElement();
    }

    private static void Money(XmlWriter x, long minor, Currency currency)
    {
        x.WriteStartElement("Money");
        x.WriteAttributeString("currency", currency.Code);
        x.WriteString(new Money(minor, currency).ToAmountString());
        x.WriteEndElement();
    }

    private static void Text(XmlWriter x, string element, string text)
    {
        x.WriteStartElement(element);
        x.WriteAttributeString("xml", "lang", null, "en");
        x.WriteString(text);
        x.WriteEndElement();
    }
}
