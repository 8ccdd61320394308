using System.Globalization;
using System.Text;
using Tandem.Domain.Billing;
using Tandem.Domain.Money;
using Tandem.Web.Platform.Csv;
using Tandem.Web.Platform.Documents;

namespace Tandem.Web.Features.Billing;

/// <summary>A consolidated bill as a CSV (one row per invoice) and a PDF statement (totals by vendor, GL account, cost center, then the invoices).</summary>
public static class BillFiles
{
    private const double Left = 40;

    private const double Right = PdfWriter.PageWidth - 40;

    public static byte[] Csv(BillContent bill, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(bill);
        var csv = new StringBuilder(CsvTable.Line("invoice_number", "kind", "vendor", "invoice_date", "net", "tax", "total", "currency", "payment_status"));
        foreach (var i in bill.Invoices)
        {
            var sign = i.IsCredit ? -1 : 1;
            csv.Append(CsvTable.Line(i.Number, i.IsCredit ? "creditNote" : "invoice", i.Vendor, i.InvoiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Amount(sign * i.NetMinor, currency), Amount(sign * i.TaxMinor, currency), Amount(sign * (i.NetMinor + i.TaxMinor), currency), currency.Code, i.Paid ? "paid" : "unpaid"));
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    public static byte[] Pdf(string company, string group, string number, DateOnly from, DateOnly to, string status, BillContent bill, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(bill);
        var pdf = new PdfWriter($"Consolidated bill {number}");
        var page = pdf.NewPage();
        page.Text(Left, 50, company, 16, bold: true);
        page.TextRight(Right, 50, "CONSOLIDATED BILL", 14, bold: true);
        page.TextRight(Right, 68, number, 10, bold: true);
        page.TextRight(Right, 82, $"{from:yyyy-MM-dd} to {to:yyyy-MM-dd} ({status})", 9);
        page.Text(Left, 80, group, 11);
        page.Text(Left, 96, $"{bill.Invoices.Count} invoices · total {Amount(bill.TotalMinor, currency)} {currency.Code} (net {Amount(bill.NetMinor, currency)}, tax {Amount(bill.TaxMinor, currency)})", 9);
        var y = 130.0;
        foreach (var (title, totals) in new[] { ("By vendor", bill.ByVendor), ("By GL account", bill.ByGlAccount), ("By cost center", bill.ByCostCenter) })
        {
            (page, y) = Ensure(pdf, page, y, 40, number);
            page.Text(Left, y, title, 10, bold: true);
            page.TextRight(Right, y, $"Total ({currency.Code})", 8, bold: true);
            page.Rule(Left, y + 4, Right, y + 4);
            foreach (var t in totals)
            {
                y += 13;
                (page, y) = Ensure(pdf, page, y, 0, number);
                page.Text(Left, y, PdfWriter.Fit(t.Key.Length == 0 ? "(none)" : t.Key, 380, 9), 9);
                page.TextRight(Right, y, Amount(t.TotalMinor, currency), 9);
            }

            y += 26;
        }

        (page, y) = Ensure(pdf, page, y, 40, number);
        page.Text(Left, y, "Invoices", 10, bold: true);
        page.Rule(Left, y + 4, Right, y + 4);
        foreach (var i in bill.Invoices)
        {
            y += 13;
            (page, y) = Ensure(pdf, page, y, 0, number);
            page.Text(Left, y, PdfWriter.Fit((i.IsCredit ? "Credit " : "") + i.Number, 120, 9), 9);
            page.Text(170, y, PdfWriter.Fit(i.Vendor, 170, 9), 9);
            page.Text(350, y, i.InvoiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 9);
            page.TextRight(480, y, Amount((i.IsCredit ? -1 : 1) * (i.NetMinor + i.TaxMinor), currency), 9);
            page.TextRight(Right, y, i.Paid ? "paid" : "unpaid", 9);
        }

        return pdf.ToBytes();
    }

    private static (PdfWriter.Page Page, double Y) Ensure(PdfWriter pdf, PdfWriter.Page page, double y, double room, string number)
    {
        if (y + room <= PdfWriter.PageHeight - 60)
        {
            return (page, y);
        }

        var next = pdf.NewPage();
        next.Text(Left, 50, $"{number} (continued)", 10, bold: true);
        return (next, 80);
    }

    private static string Amount(long minor, Currency currency) => new Money(minor, currency).ToAmountString();
}
