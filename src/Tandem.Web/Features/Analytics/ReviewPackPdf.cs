using Tandem.Domain.Money;
using Tandem.Web.Platform.Documents;

namespace Tandem.Web.Features.Analytics;

/// <summary>The review pack as a PDF: the sections with their largest items, savings to date, and the KPI trend table.</summary>
public static class ReviewPackPdf
{
    private const double Left = 40;

    private const double Right = PdfWriter.PageWidth - 40;

    public static byte[] Render(ReviewPack.Pack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var currency = Currency.Of(pack.Currency);
        string Amount(long minor) => new Money(minor, currency).ToAmountString();
        var title = $"Procurement–finance review {pack.WeekFrom:yyyy-MM-dd} to {pack.WeekTo:yyyy-MM-dd}";
        var pdf = new PdfWriter(title);
        var page = pdf.NewPage();
        page.Text(Left, 50, pack.Company, 16, bold: true);
        page.TextRight(Right, 50, "WEEKLY REVIEW PACK", 14, bold: true);
        page.Text(Left, 70, title, 10);
        page.Text(Left, 84, $"Amounts in {pack.Currency}; purchases from {Amount(pack.ThresholdMinor)}.", 8);
        var y = 112.0;
        foreach (var section in pack.Sections)
        {
            (page, y) = Ensure(pdf, page, y, 50, title);
            page.Text(Left, y, $"{section.Title} ({section.Count})", 11, bold: true);
            page.TextRight(Right, y, Amount(section.TotalMinor), 10, bold: true);
            page.Rule(Left, y + 4, Right, y + 4);
            y += 14;
            page.Text(Left, y, PdfWriter.Fit(section.Explanation, Right - Left, 8), 8);
            if (section.Items.Count == 0)
            {
                y += 13;
                page.Text(Left, y, "Nothing this week.", 9);
            }

            foreach (var item in section.Items)
            {
                y += 13;
                (page, y) = Ensure(pdf, page, y, 0, title);
                page.Text(Left, y, PdfWriter.Fit(item.Number, 110, 9), 9);
                page.Text(155, y, PdfWriter.Fit(item.Title, 160, 9), 9);
                page.Text(320, y, PdfWriter.Fit(item.Detail, 160, 8), 8);
                page.TextRight(Right, y, Amount(item.AmountMinor), 9);
            }

            y += 26;
        }

        (page, y) = Ensure(pdf, page, y, 80, title);
        page.Text(Left, y, "Savings to date, by type", 11, bold: true);
        page.Rule(Left, y + 4, Right, y + 4);
        foreach (var kpi in pack.SavingsToDate)
        {
            y += 13;
            page.Text(Left, y, kpi.Name, 9);
            page.TextRight(Right, y, kpi.Display, 9);
        }

        y += 26;
        (page, y) = Ensure(pdf, page, y, 60, title);
        page.Text(Left, y, "KPIs: this week against the four before", 11, bold: true);
        page.Rule(Left, y + 4, Right, y + 4);
        y += 14;
        var weeks = pack.Kpis.Count > 0 ? pack.Kpis[0].Weeks : [];
        for (var i = 0; i < weeks.Count; i++)
        {
            page.TextRight(Column(i, weeks.Count), y, i == weeks.Count - 1 ? "this week" : $"{weeks[i].From:MM-dd}", 8, bold: true);
        }

        foreach (var kpi in pack.Kpis)
        {
            y += 13;
            (page, y) = Ensure(pdf, page, y, 0, title);
            page.Text(Left, y, PdfWriter.Fit(kpi.Name, 190, 8), 8);
            for (var i = 0; i < kpi.Weeks.Count; i++)
            {
                page.TextRight(Column(i, kpi.Weeks.Count), y, PdfWriter.Fit(kpi.Weeks[i].Display, 66, 8), 8, bold: i == kpi.Weeks.Count - 1);
            }
        }

        return pdf.ToBytes();
    }

    private static double Column(int i, int count) => Right - ((count - 1 - i) * 70);

    private static (PdfWriter.Page Page, double Y) Ensure(PdfWriter pdf, PdfWriter.Page page, double y, double room, string title)
    {
        if (y + room <= PdfWriter.PageHeight - 60)
        {
            return (page, y);
        }

        var next = pdf.NewPage();
        next.Text(Left, 50, $"{title} (continued)", 10, bold: true);
        return (next, 80);
    }
}
