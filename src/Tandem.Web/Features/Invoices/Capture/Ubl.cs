using System.Collections.Concurrent;
using System.Globalization;
using System.Xml.Linq;

namespace Tandem.Web.Features.Invoices.Capture;

/// <summary>
/// Reading UBL 2.1 the way the EN 16931 rules are written: short prefixed paths (<c>cac:Item/cbc:Name</c>) from a
/// context element, XPath's "normalize-space", decimals and rounding. Missing elements read as absent, never as errors.
/// </summary>
public static class Ubl
{
    public static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    public static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    public static readonly XNamespace InvoiceNs = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    public static readonly XNamespace CreditNoteNs = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

    private static readonly ConcurrentDictionary<string, XName[]> Paths = new();

    /// <summary>The elements at a relative path of prefixed names (<c>cac:</c>, <c>cbc:</c>) separated by '/', in document order.</summary>
    public static IEnumerable<XElement> At(this XElement context, string path)
    {
        var names = Paths.GetOrAdd(path, Parse);
        if (names.Length == 1)
        {
            return context.Elements(names[0]);
        }

        var found = new List<XElement>();
        Collect(context, names, 0, found);
        return found;
    }

    /// <summary>The first element at the path in document order (XPath <c>(path)[1]</c>); null when there is none. Walks the children once, allocating nothing.</summary>
    public static XElement? First(this XElement context, string path) => First(context, Paths.GetOrAdd(path, Parse), 0);

    private static XElement? First(XElement context, XName[] names, int step)
    {
        for (var node = context.FirstNode; node is not null; node = node.NextNode)
        {
            if (node is XElement element && element.Name == names[step]
                && (step == names.Length - 1 ? element : First(element, names, step + 1)) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static void Collect(XElement context, XName[] names, int step, List<XElement> found)
    {
        for (var node = context.FirstNode; node is not null; node = node.NextNode)
        {
            if (node is XElement element && element.Name == names[step])
            {
                if (step == names.Length - 1)
                {
                    found.Add(element);
                }
                else
                {
                    Collect(element, names, step + 1, found);
                }
            }
        }
    }

    /// <summary>
    /// Every element with this prefixed name anywhere in the document (XPath <c>//cac:X</c>), in document order. The
    /// document is indexed by element name once (kept as an annotation), so rules asking often stay linear.
    /// </summary>
    public static IEnumerable<XElement> Anywhere(this XElement context, string name)
    {
        var document = context.Document!;
        var index = document.Annotation<ILookup<XName, XElement>>();
        if (index is null)
        {
            index = document.Root!.DescendantsAndSelf().ToLookup(e => e.Name);
            document.AddAnnotation(index);
        }

        return index[Paths.GetOrAdd(name, Parse)[0]];
    }

    public static bool Has(this XElement context, string path) => context.First(path) is not null;

    /// <summary>XPath <c>normalize-space(path)</c> of the first element at the path; "" when there is none.</summary>
    public static string Text(this XElement context, string path) => Normalize(context.First(path)?.Value);

    /// <summary>XPath <c>normalize-space</c>. Most values are already normal, and are returned as they are without splitting.</summary>
    public static string Normalize(string? value)
    {
        if (value is null)
        {
            return "";
        }

        var text = value.AsSpan();
        return text.IndexOfAny(Breaks) < 0 && !text.Contains("  ", StringComparison.Ordinal) && (text.Length == 0 || (text[0] != ' ' && text[^1] != ' '))
            ? value
            : string.Join(' ', value.Split(Spaces, StringSplitOptions.RemoveEmptyEntries));
    }

    private static readonly char[] Spaces = [' ', '\t', '\r', '\n'];

    private static readonly System.Buffers.SearchValues<char> Breaks = System.Buffers.SearchValues.Create("\t\r\n");

    /// <summary>XPath <c>xs:decimal(.)</c>: null when absent or not a decimal (no exponent, no thousands separators).</summary>
    public static decimal? Number(XElement? element) =>
        element is not null && decimal.TryParse(element.Value.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null;

    public static decimal? Number(this XElement context, string path) => Number(context.First(path));

    /// <summary>An <c>xs:date</c> (yyyy-MM-dd); null when absent or not a date.</summary>
    public static DateOnly? Date(XElement? element) =>
        element is not null && DateOnly.TryParseExact(element.Value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>The sum of the decimals at a path over several elements (XPath <c>sum(...)</c>; absent ones count as 0).</summary>
    public static decimal Sum(this IEnumerable<XElement> elements, string path) => elements.Sum(e => e.At(path).Sum(x => Number(x) ?? 0m));

    /// <summary>XPath <c>round(x * 100) div 100</c>: two decimals, halves rounded towards positive infinity.</summary>
    public static decimal Round2(decimal value) => Math.Floor((value * 100m) + 0.5m) / 100m;

    /// <summary>XPath <c>round(x)</c>: halves towards positive infinity.</summary>
    public static decimal Round(decimal value) => Math.Floor(value + 0.5m);

    /// <summary>A <c>cbc:ChargeIndicator</c> compared with true()/false(): "true"/"1" or "false"/"0"; null otherwise.</summary>
    public static bool? Indicator(this XElement allowanceCharge) => allowanceCharge.Text("cbc:ChargeIndicator") switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };

    /// <summary>A tax category whose scheme is VAT (<c>[cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']</c>).</summary>
    public static bool IsVat(this XElement taxCategory) => Facts(taxCategory).Vat;

    /// <summary>The tax category code (<c>normalize-space(cbc:ID)</c>).</summary>
    public static string CategoryCode(this XElement taxCategory) => Facts(taxCategory).Code;

    /// <summary>
    /// A tax category's code and scheme, worked out once and kept on the element (the VAT rules ask for each category
    /// code in turn, over every line's category).
    /// </summary>
    private static TaxCategoryFacts Facts(XElement taxCategory)
    {
        if (taxCategory.Annotation<TaxCategoryFacts>() is { } known)
        {
            return known;
        }

        var facts = new TaxCategoryFacts(taxCategory.Text("cbc:ID"), taxCategory.At("cac:TaxScheme/cbc:ID").Any(id => Normalize(id.Value.ToUpperInvariant()) == "VAT"));
        taxCategory.AddAnnotation(facts);
        return facts;
    }

    private sealed record TaxCategoryFacts(string Code, bool Vat);

    /// <summary>The line elements: invoice lines or credit note lines.</summary>
    public static IEnumerable<XElement> Lines(this XElement root) => root.Anywhere("cac:InvoiceLine").Concat(root.Anywhere("cac:CreditNoteLine"));

    private static XName[] Parse(string path) => [.. path.Split('/').Select(step => step switch
    {
        _ when step.StartsWith("cac:", StringComparison.Ordinal) => Cac + step[4..],
        _ when step.StartsWith("cbc:", StringComparison.Ordinal) => Cbc + step[4..],
        _ => throw new ArgumentException($"Unknown prefix in '{path}'.", nameof(path)),
    })];
}
