using System.Globalization;
using Tandem.Domain.Money;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Documents;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>The purchase order as the vendor reads it: letterhead, vendor and addresses, terms, lines, totals, notes; as many pages as the lines need.</summary>
public static class PurchaseOrderPdf
{
    private const double Left = 40;

    private const double Right = PdfWriter.PageWidth - 40;

    private const double Bottom = PdfWriter.PageHeight - 60;

    public static byte[] Render(OrderDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var order = document.Order;
        var currency = document.Currency;
        var pdf = new PdfWriter($"Purchase order {order.Number}");
        var page = pdf.NewPage();
        page.Text(Left, 50, document.CompanyName, 16, bold: true);
        page.TextRight(Right, 50, "PURCHASE ORDER", 16, bold: true);
        page.TextRight(Right, 68, order.Number, 11, bold: true);
        page.TextRight(Right, 82, $"Date: {(order.IssuedOn ?? DateOnly.FromDateTime(order.CreatedAtUtc)):yyyy-MM-dd}", 9);
        page.TextRight(Right, 94, $"Status: {Platform.Api.JsonNames.Camel(order.Status.ToString())}", 9);
        if (document.BillTo is { } billTo)
        {
            Address(page, Left, 68, "Bill to", billTo);
        }

        Address(page, Left, 130, "Vendor", document.VendorAddress with { Name = document.VendorName });
        if (document.ShipTo is { } shipTo)
        {
            Address(page, 230, 130, "Ship to", shipTo);
        }

        page.Text(420, 130, "Terms", 8, bold: true);
        page.Text(420, 142, $"Payment: {document.Terms}", 9);
        page.Text(420, 154, $"Currency: {order.Currency}", 9);
        if (order.Incoterms is { } incoterms)
        {
            page.Text(420, 166, $"Incoterms: {incoterms}", 9);
        }

        var y = 220.0;
        y = Header(page, y);
        foreach (var item in document.Lines)
        {
            if (y > Bottom)
            {
                page = pdf.NewPage();
                page.Text(Left, 50, $"{document.CompanyName} - {order.Number} (continued)", 10, bold: true);
                y = Header(page, 80);
            }

            var l = item.Line;
            page.Text(Left, y, l.LineNo.ToString(CultureInfo.InvariantCulture));
            page.Text(Left + 25, y, PdfWriter.Fit(item.Sku is null ? l.Description : $"{l.Description} ({item.Sku})", 215, 9));
            page.TextRight(330, y, new Quantity(l.QuantityUnits).ToString());
            page.Text(335, y, PdfWriter.Fit(l.Unit, 30, 9));
            page.TextRight(420, y, new UnitPrice(l.UnitPriceMicros, currency).ToDecimal().ToString("#,##0.00####", CultureInfo.InvariantCulture));
            page.TextRight(455, y, $"{PercentText.Of(l.TaxRateBasisPoints)}%");
            page.TextRight(Right, y, Amount(l.AmountMinor, currency));
            if (l.NeedBy is { } needBy)
            {
                y += 11;
                page.Text(Left + 25, y, $"Need by {needBy:yyyy-MM-dd}", 7.5);
            }

            y += 14;
        }

        page.Rule(330, y - 6, Right, y - 6);
        y += 6;
        foreach (var (label, minor, bold) in new[] { ("Subtotal", order.SubtotalMinor, false), ("Tax", order.TaxMinor, false), ($"Total {order.Currency}", order.TotalMinor, true) })
        {
            page.Text(380, y, label, 9, bold);
            page.TextRight(Right, y, Amount(minor, currency), 9, bold);
            y += 13;
        }

        if (!string.IsNullOrWhiteSpace(order.Notes))
        {
            page.Text(Left, y + 10, "Notes", 8, bold: true);
            page.Text(Left, y + 22, PdfWriter.Fit(order.Notes.ReplaceLineEndings(" "), Right - Left, 9));
        }

        page.Text(Left, PdfWriter.PageHeight - 30, $"Please quote {order.Number} on your delivery note and invoice.", 8);
        return pdf.ToBytes();
    }

    private static double Header(PdfWriter.Page page, double y)
    {
        page.Text(Left, y, "#", 8, bold: true);
        page.Text(Left + 25, y, "Description", 8, bold: true);
        page.TextRight(330, y, "Qty", 8, bold: true);
        page.Text(335, y, "Unit", 8, bold: true);
        page.TextRight(420, y, "Unit price", 8, bold: true);
        page.TextRight(455, y, "Tax", 8, bold: true);
        page.TextRight(Right, y, "Amount", 8, bold: true);
        page.Rule(Left, y + 4, Right, y + 4);
        return y + 16;
    }

    private static void Address(PdfWriter.Page page, double x, double y, string label, DocumentAddress a)
    {
        page.Text(x, y, label, 8, bold: true);
        var lines = new[] { a.Name, a.Street, string.Join(' ', new[] { a.PostalCode, a.City }.Where(s => !string.IsNullOrEmpty(s))), a.Country }
            .Where(s => !string.IsNullOrWhiteSpace(s));
        foreach (var line in lines)
        {
            y += 12;
            page.Text(x, y, PdfWriter.Fit(line!, 180, 9));
        }
    }

    private static string Amount(long minor, Currency currency) =>
        new Money(minor, currency).ToAmountString() is var s && decimal.TryParse(s, CultureInfo.InvariantCulture, out var d)
            ? d.ToString(currency.MinorDigits == 0 ? "#,##0" : "#,##0." + new string('0', currency.MinorDigits), CultureInfo.InvariantCulture) : s;
}
