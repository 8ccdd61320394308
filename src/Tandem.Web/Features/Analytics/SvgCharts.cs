using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Tandem.Web.Features.Analytics;

/// <summary>
/// Server-rendered SVG charts for the analytics pages. Nothing relies on colour alone: every series has its own fill
/// pattern (solid, hatched, dotted, cross-hatched, striped, open) repeated in the legend, every bar carries its value as
/// text, and each chart has a title and description for screen readers. The pages put the data table and a CSV link
/// next to every chart.
/// </summary>
public static class SvgCharts
{
    public sealed record Series(string Name, IReadOnlyList<decimal> Values);

    public sealed record Bar(string Label, decimal Value, string? Link = null);

    public sealed record BudgetBar(string Label, decimal Budget, decimal Actual, decimal Committed, string? Link = null);

    private const string Font = "font-family=\"system-ui, sans-serif\"";

    private static readonly string[] Patterns = ["p-solid", "p-hatch", "p-dots", "p-cross", "p-stripe", "p-open"];

    private static string Defs =>
        """
        <defs>
          <pattern id="p-solid" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#263238"/></pattern>
          <pattern id="p-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#b0bec5"/><line x1="0" y1="0" x2="0" y2="6" stroke="#263238" stroke-width="3"/></pattern>
          <pattern id="p-dots" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#eceff1"/><circle cx="3" cy="3" r="1.6" fill="#263238"/></pattern>
          <pattern id="p-cross" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#cfd8dc"/><path d="M0 0L6 6M6 0L0 6" stroke="#37474f" stroke-width="1"/></pattern>
          <pattern id="p-stripe" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#78909c"/><line x1="0" y1="3" x2="6" y2="3" stroke="#fff" stroke-width="1.5"/></pattern>
          <pattern id="p-open" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fff"/></pattern>
        </defs>
        """;

    /// <summary>Columns per period, each stacked by series, with the column total above it.</summary>
    public static IHtmlContent StackedColumns(string title, IReadOnlyList<string> periods, IReadOnlyList<Series> series, string unit)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(series);
        const double Width = 760, Height = 300, Left = 70, Bottom = 40, Top = 20;
        var totals = periods.Select((_, i) => series.Sum(s => s.Values[i])).ToList();
        var max = Math.Max(1m, totals.DefaultIfEmpty(0).Max());
        var plotHeight = Height - Bottom - Top;
        var slot = (Width - Left - 10) / Math.Max(1, periods.Count);
        var barWidth = Math.Min(48, slot * 0.7);
        var svg = Open(title, $"{title}: {series.Count} series over {periods.Count} periods, in {unit}.", Width, Height + (series.Count * 18) + 10);
        svg.Append(Axis(Left, Top, plotHeight, Width, max, unit));
        for (var i = 0; i < periods.Count; i++)
        {
            var x = Left + (slot * i) + ((slot - barWidth) / 2);
            var y = Top + plotHeight;
            for (var s = 0; s < series.Count; s++)
            {
                var value = series[s].Values[i];
                if (value <= 0)
                {
                    continue;
                }

                var h = (double)(value / max) * plotHeight;
                y -= h;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(barWidth)}\" height=\"{N(h)}\" fill=\"url(#{Patterns[s % Patterns.Length]})\" stroke=\"#263238\" stroke-width=\"0.5\"><title>{E(series[s].Name)}, {E(periods[i])}: {Amount(value)} {E(unit)}</title></rect>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + (barWidth / 2))}\" y=\"{N(y - 4)}\" text-anchor=\"middle\" font-size=\"12\" {Font}>{Short(totals[i])}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + (barWidth / 2))}\" y=\"{N(Top + plotHeight + 16)}\" text-anchor=\"middle\" font-size=\"12\" {Font}>{E(periods[i])}</text>");
        }

        for (var s = 0; s < series.Count; s++)
        {
            var y = Height + (s * 18);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{N(y)}\" width=\"14\" height=\"12\" fill=\"url(#{Patterns[s % Patterns.Length]})\" stroke=\"#263238\"/><text x=\"{Left + 20}\" y=\"{N(y + 10)}\" font-size=\"13\" {Font}>{E(series[s].Name)}</text>");
        }

        return Close(svg);
    }

    /// <summary>Horizontal bars, largest first, each with its value written after it.</summary>
    public static IHtmlContent HorizontalBars(string title, IReadOnlyList<Bar> bars, string unit)
    {
        ArgumentNullException.ThrowIfNull(bars);
        const double Width = 760, Label = 220, Row = 24;
        var max = Math.Max(1m, bars.Select(b => b.Value).DefaultIfEmpty(0).Max());
        var svg = Open(title, $"{title}, in {unit}.", Width, Math.Max(1, bars.Count) * Row + 10);
        for (var i = 0; i < bars.Count; i++)
        {
            var y = 5 + (i * Row);
            var w = (double)(Math.Max(0, bars[i].Value) / max) * (Width - Label - 120);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Label - 8}\" y=\"{N(y + 14)}\" text-anchor=\"end\" font-size=\"13\" {Font}>{E(Fit(bars[i].Label, 34))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Label}\" y=\"{N(y + 3)}\" width=\"{N(w)}\" height=\"{Row - 8}\" fill=\"url(#p-solid)\"><title>{E(bars[i].Label)}: {Amount(bars[i].Value)} {E(unit)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(Label + w + 6)}\" y=\"{N(y + 14)}\" font-size=\"13\" {Font}>{Amount(bars[i].Value)}</text>");
        }

        return Close(svg);
    }

    /// <summary>Actual (solid) and committed (hatched) against a budget marker (a vertical line with the amount).</summary>
    public static IHtmlContent BudgetBars(string title, IReadOnlyList<BudgetBar> bars, string unit)
    {
        ArgumentNullException.ThrowIfNull(bars);
        const double Width = 760, Label = 220, Row = 30;
        var max = Math.Max(1m, bars.Select(b => Math.Max(b.Budget, b.Actual + b.Committed)).DefaultIfEmpty(0).Max());
        var scale = (Width - Label - 140) / (double)max;
        var svg = Open(title, $"{title}, in {unit}: actual solid, committed hatched, the budget a vertical marker.", Width, (Math.Max(1, bars.Count) * Row) + 30);
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var y = 5 + (i * Row);
            var actual = (double)Math.Max(0, b.Actual) * scale;
            var committed = (double)Math.Max(0, b.Committed) * scale;
            var marker = Label + ((double)b.Budget * scale);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Label - 8}\" y=\"{N(y + 15)}\" text-anchor=\"end\" font-size=\"13\" {Font}>{E(Fit(b.Label, 34))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Label}\" y=\"{N(y + 4)}\" width=\"{N(actual)}\" height=\"16\" fill=\"url(#p-solid)\"><title>{E(b.Label)} actual: {Amount(b.Actual)} {E(unit)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(Label + actual)}\" y=\"{N(y + 4)}\" width=\"{N(committed)}\" height=\"16\" fill=\"url(#p-hatch)\"><title>{E(b.Label)} committed: {Amount(b.Committed)} {E(unit)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(marker)}\" y1=\"{N(y)}\" x2=\"{N(marker)}\" y2=\"{N(y + 24)}\" stroke=\"#b71c1c\" stroke-width=\"3\"><title>{E(b.Label)} budget: {Amount(b.Budget)} {E(unit)}</title></line>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(Math.Max(marker, Label + actual + committed) + 8)}\" y=\"{N(y + 15)}\" font-size=\"12\" {Font}>{Short(b.Actual + b.Committed)} of {Short(b.Budget)}</text>");
        }

        var legend = 10 + (bars.Count * Row);
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Label}\" y=\"{legend}\" width=\"14\" height=\"12\" fill=\"url(#p-solid)\"/><text x=\"{Label + 20}\" y=\"{legend + 10}\" font-size=\"13\" {Font}>actual</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Label + 80}\" y=\"{legend}\" width=\"14\" height=\"12\" fill=\"url(#p-hatch)\" stroke=\"#263238\"/><text x=\"{Label + 100}\" y=\"{legend + 10}\" font-size=\"13\" {Font}>committed</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Label + 185}\" y1=\"{legend}\" x2=\"{Label + 185}\" y2=\"{legend + 12}\" stroke=\"#b71c1c\" stroke-width=\"3\"/><text x=\"{Label + 193}\" y=\"{legend + 10}\" font-size=\"13\" {Font}>budget</text>");
        return Close(svg);
    }

    /// <summary>A funnel: each stage a centred bar as wide as its count, with the count and its share of the first stage.</summary>
    public static IHtmlContent Funnel(string title, IReadOnlyList<Bar> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        const double Width = 760, Row = 34;
        var first = Math.Max(1m, stages.Count > 0 ? stages[0].Value : 1);
        var svg = Open(title, $"{title}: " + string.Join(", ", stages.Select(s => $"{s.Label} {s.Value}")), Width, (Math.Max(1, stages.Count) * Row) + 6);
        for (var i = 0; i < stages.Count; i++)
        {
            var w = Math.Max(2, (double)(stages[i].Value / first) * (Width - 320));
            var y = 3 + (i * Row);
            var share = stages[i].Value * 100 / first;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(((Width - 320 - w) / 2) + 160)}\" y=\"{N(y)}\" width=\"{N(w)}\" height=\"{Row - 8}\" fill=\"url(#{Patterns[i % Patterns.Length]})\" stroke=\"#263238\"><title>{E(stages[i].Label)}: {stages[i].Value}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"150\" y=\"{N(y + 17)}\" text-anchor=\"end\" font-size=\"13\" {Font}>{E(stages[i].Label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - 150}\" y=\"{N(y + 17)}\" font-size=\"13\" {Font}>{stages[i].Value.ToString("0", CultureInfo.InvariantCulture)} ({share.ToString("0.#", CultureInfo.InvariantCulture)} %)</text>");
        }

        return Close(svg);
    }

    /// <summary>A small line of values (a KPI's weeks), the last point marked and labelled.</summary>
    public static IHtmlContent Sparkline(string label, IReadOnlyList<decimal?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        const double Width = 110, Height = 26;
        var known = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        var sb = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg class=\"spark\" role=\"img\" aria-label=\"{E(label)}\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        if (known.Count > 0)
        {
            var (min, max) = (known.Min(), known.Max());
            var span = max == min ? 1 : max - min;
            var step = values.Count > 1 ? (Width - 8) / (values.Count - 1) : 0;
            var points = values.Select((v, i) => v is null ? null : $"{N(4 + (i * step))},{N(Height - 4 - ((double)((v.Value - min) / span) * (Height - 8)))}").Where(p => p is not null).ToList();
            sb.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{string.Join(' ', points)}\" fill=\"none\" stroke=\"#263238\" stroke-width=\"1.5\"/>");
            var last = points[^1]!.Split(',');
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{last[0]}\" cy=\"{last[1]}\" r=\"3\" fill=\"#263238\"/>");
        }

        return new HtmlString(sb.Append("</svg>").ToString());
    }

    private static StringBuilder Open(string title, string description, double width, double height)
    {
        var id = "c" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(title)))[..8];
        var sb = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {N(width)} {N(height)}\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-t\">{E(title)}</title><desc id=\"{id}-d\">{E(description)}</desc>");
        return sb.Append(Defs);
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static string Axis(double left, double top, double plotHeight, double width, decimal max, string unit)
    {
        var sb = new StringBuilder();
        for (var i = 0; i <= 4; i++)
        {
            var y = top + plotHeight - (plotHeight * i / 4);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{N(y)}\" x2=\"{width - 10}\" y2=\"{N(y)}\" stroke=\"#cfd8dc\" stroke-width=\"0.5\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{N(y + 4)}\" text-anchor=\"end\" font-size=\"12\" {Font}>{Short(max * i / 4)}</text>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{N(top - 6)}\" font-size=\"12\" {Font}>{E(unit)}</text>");
        return sb.ToString();
    }

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Fit(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string Amount(decimal value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>1,234,567 → 1.23M; 12,345 → 12.3k: axis and total labels.</summary>
    private static string Short(decimal value) => Math.Abs(value) switch
    {
        >= 1_000_000 => (value / 1_000_000).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (value / 1_000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("#,##0", CultureInfo.InvariantCulture),
    };
}
