using System.Globalization;
using System.Text;

namespace Tandem.Web.Platform.Documents;

/// <summary>
/// Writes simple business documents as PDF 1.4: A4 pages of text and rules in the standard Helvetica fonts, which every
/// PDF reader has — so no font files are needed on the server (ADR 0017). Text is WinAnsi-encoded (Latin-1 and €;
/// other characters print as "?"). Coordinates are points from the top-left corner.
/// </summary>
public sealed class PdfWriter
{
    public const double PageWidth = 595;

    public const double PageHeight = 842;

    private readonly List<StringBuilder> _pages = [];

    private readonly string _title;

    public PdfWriter(string title) => _title = title;

    public int PageCount => _pages.Count;

    public Page NewPage()
    {
        var content = new StringBuilder();
        _pages.Add(content);
        return new Page(content);
    }

    /// <summary>The width of a text in points.</summary>
    public static double Width(string text, double size, bool bold)
    {
        ArgumentNullException.ThrowIfNull(text);
        var widths = bold ? BoldWidths : RegularWidths;
        return text.Sum(c => c is >= ' ' and <= '~' ? widths[c - ' '] : 556) * size / 1000;
    }

    /// <summary>The text, shortened with "..." to fit a width.</summary>
    public static string Fit(string text, double width, double size, bool bold = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Width(text, size, bold) <= width)
        {
            return text;
        }

        var cut = text.Length;
        while (cut > 0 && Width(text[..cut] + "...", size, bold) > width)
        {
            cut--;
        }

        return text[..cut] + "...";
    }

    public byte[] ToBytes()
    {
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "", // the page tree, written once the page objects are numbered
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
            $"<< /Title {Literal(_title)} /Producer (Tandem) >>",
        };
        var kids = new List<string>();
        foreach (var page in _pages)
        {
            var stream = page.ToString();
            objects.Add($"<< /Length {Encoding.Latin1.GetByteCount(stream)} >>\nstream\n{stream}\nendstream");
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PageWidth} {PageHeight}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {objects.Count} 0 R >>");
            kids.Add($"{objects.Count} 0 R");
        }

        objects[1] = $"<< /Type /Pages /Kids [{string.Join(' ', kids)}] /Count {kids.Count} >>";
        using var output = new MemoryStream();
        void Write(string s) => output.Write(Encoding.Latin1.GetBytes(s));
        Write("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(output.Position);
            Write($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = output.Position;
        Write($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write($"{offset.ToString("D10", CultureInfo.InvariantCulture)} 00000 n \n");
        }

        Write($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return output.ToArray();
    }

    /// <summary>A PDF literal string in WinAnsi: parentheses and backslashes escaped, unknown characters as "?".</summary>
    private static string Literal(string text)
    {
        var s = new StringBuilder("(");
        foreach (var c in text)
        {
            s.Append(c switch
            {
                '(' or ')' or '\\' => "\\" + c,
                '\u20ac' => "\u0080",
                '\t' => " ",
                _ when c is >= ' ' and <= '~' or >= '\u00a0' and <= '\u00ff' => c.ToString(),
                _ => "?",
            });
        }

        return s.Append(')').ToString();
    }

    /// <summary>One page: text and horizontal or vertical rules.</summary>
    public sealed class Page
    {
        private readonly StringBuilder _content;

        internal Page(StringBuilder content) => _content = content;

        public void Text(double x, double y, string text, double size = 9, bool bold = false) =>
            _content.Append(CultureInfo.InvariantCulture, $"BT /{(bold ? "F2" : "F1")} {N(size)} Tf {N(x)} {N(PageHeight - y)} Td {Literal(text)} Tj ET\n");

        /// <summary>Text ending at <paramref name="right"/> (amounts in columns).</summary>
        public void TextRight(double right, double y, string text, double size = 9, bool bold = false) =>
            Text(right - Width(text, size, bold), y, text, size, bold);

        public void Rule(double x1, double y1, double x2, double y2, double width = 0.5) =>
            _content.Append(CultureInfo.InvariantCulture, $"{N(width)} w {N(x1)} {N(PageHeight - y1)} m {N(x2)} {N(PageHeight - y2)} l S\n");

        private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
    }

    // Advance widths of the characters ' '..'~' in 1/1000 em (Adobe's Helvetica and Helvetica-Bold metrics).
    private static readonly int[] RegularWidths =
    [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ];

    private static readonly int[] BoldWidths =
    [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    ];
}
