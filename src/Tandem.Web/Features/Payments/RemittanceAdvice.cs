using System.Globalization;
using System.Text;
using Tandem.Domain.Money;
using Tandem.Web.Platform.Documents;

namespace Tandem.Web.Features.Payments;

/// <summary>One invoice or credit note on a remittance advice.</summary>
public sealed record RemittanceLine(string Number, bool IsCredit, DateOnly InvoiceDate, long PayableMinor, long DiscountMinor, long PaidMinor);

/// <summary>
/// The remittance advice a vendor receives when a payment is confirmed: which invoices it settles, the discounts taken
/// and credits netted, as the e-mail body and as a PDF attached to it.
/// </summary>
public static class RemittanceAdvice
{
    private const double Left = 40;

    private const double Right = PdfWriter.PageWidth - 40;

    public static string Subject(string company, Payment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return $"Remittance advice {payment.EndToEndId} from {company}";
    }

    public static string Body(string company, Payment payment, DateOnly payDate, IReadOnlyList<RemittanceLine> lines)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(lines);
        var currency = Currency.Of(payment.Currency);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{company} has paid {Amount(payment.AmountMinor, currency)} {currency.Code} to {payment.PayeeName} on {payDate:yyyy-MM-dd}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Payment reference: {payment.EndToEndId}; account {payment.BankMasked}.");
        text.AppendLine();
        foreach (var l in lines)
        {
            var amount = l.IsCredit ? $"-{Amount(l.PayableMinor, currency)}"
                : Amount(l.PayableMinor, currency) + (l.DiscountMinor > 0 ? $" less discount {Amount(l.DiscountMinor, currency)} = {Amount(l.PaidMinor, currency)}" : "");
            text.AppendLine(CultureInfo.InvariantCulture, $"{(l.IsCredit ? "Credit note" : "Invoice")} {l.Number} of {l.InvoiceDate:yyyy-MM-dd}: {amount}");
        }

        text.AppendLine();
        var discounts = payment.DiscountMinor > 0 ? $" (early-payment discounts {Amount(payment.DiscountMinor, currency)})" : "";
        text.AppendLine(CultureInfo.InvariantCulture, $"Total paid: {Amount(payment.AmountMinor, currency)} {currency.Code}{discounts}");
        return text.ToString();
    }

    public static byte[] Pdf(string company, Payment payment, DateOnly payDate, IReadOnlyList<RemittanceLine> lines)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(lines);
        var currency = Currency.Of(payment.Currency);
        var pdf = new PdfWriter($"Remittance advice {payment.EndToEndId}");
        var page = pdf.NewPage();
        page.Text(Left, 50, company, 16, bold: true);
        page.TextRight(Right, 50, "REMITTANCE ADVICE", 14, bold: true);
        page.TextRight(Right, 68, payment.EndToEndId, 10, bold: true);
        page.TextRight(Right, 82, $"Paid on {payDate:yyyy-MM-dd}", 9);
        page.Text(Left, 90, "Paid to", 8, bold: true);
        page.Text(Left, 102, payment.PayeeName, 10);
        page.Text(Left, 114, $"Account {payment.BankMasked}", 9);
        var y = 150.0;
        page.Text(Left, y, "Document", 8, bold: true);
        page.Text(230, y, "Date", 8, bold: true);
        page.TextRight(380, y, "Amount", 8, bold: true);
        page.TextRight(460, y, "Discount", 8, bold: true);
        page.TextRight(Right, y, "Paid", 8, bold: true);
        page.Rule(Left, y + 4, Right, y + 4);
        foreach (var l in lines)
        {
            y += 14;
            if (y > PdfWriter.PageHeight - 80)
            {
                page = pdf.NewPage();
                page.Text(Left, 50, $"{company} - {payment.EndToEndId} (continued)", 10, bold: true);
                y = 80;
            }

            page.Text(Left, y, PdfWriter.Fit((l.IsCredit ? "Credit note " : "Invoice ") + l.Number, 180, 9), 9);
            page.Text(230, y, l.InvoiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 9);
            page.TextRight(380, y, Amount(l.PayableMinor, currency), 9);
            page.TextRight(460, y, l.DiscountMinor > 0 ? Amount(l.DiscountMinor, currency) : "", 9);
            page.TextRight(Right, y, Amount(l.PaidMinor, currency), 9);
        }

        page.Rule(Left, y + 6, Right, y + 6);
        page.TextRight(Right, y + 20, $"Total {Amount(payment.AmountMinor, currency)} {currency.Code}", 10, bold: true);
        return pdf.ToBytes();
    }

    private static string Amount(long minor, Currency currency) => new Money(minor, currency).ToAmountString();
}
