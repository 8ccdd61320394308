using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Tandem.Web.Features.Invoices.Capture;

/// <summary>
/// Optional XSD validation of received invoices and credit notes against the official UBL 2.1 schemas, which Tandem does
/// not ship: an operator who wants it points <c>Invoices:UblSchemaFolder</c> at the <c>xsdrt</c> folder of the OASIS UBL
/// 2.1 distribution (the one holding <c>maindoc/</c> and <c>common/</c>). The schemas are compiled once, at start-up, so
/// a wrong folder stops the app with a clear message instead of failing imports later. Schema files are read only from
/// that folder (<see cref="FolderResolver"/>); the documents validated are never allowed a DTD or a resolver
/// (<see cref="Platform.Xml.SafeXml"/>). Each schema error is a <see cref="RuleFailure"/> with rule id <c>UBL-XSD</c>.
/// </summary>
public sealed class UblSchemas
{
    public const string RuleId = "UBL-XSD";

    /// <summary>Enough for a person to fix a file; one broken element can cascade into hundreds.</summary>
    private const int MaxFailures = 20;

    private readonly XmlSchemaSet? _schemas;

    public UblSchemas(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Folder = configuration["Invoices:UblSchemaFolder"] is { Length: > 0 } folder ? Path.GetFullPath(folder) : null;
        _schemas = Folder is null ? null : Compile(Folder);
    }

    /// <summary>The schema folder in use, or null when XSD validation is off.</summary>
    public string? Folder { get; }

    public bool Enabled => _schemas is not null;

    public IReadOnlyList<RuleFailure> Validate(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (_schemas is null)
        {
            return [];
        }

        var failures = new List<RuleFailure>();
        document.Validate(_schemas, (sender, e) =>
        {
            if (failures.Count < MaxFailures)
            {
                var at = sender as XObject;
                var name = (at as XElement)?.Name.LocalName ?? (at as XAttribute)?.Name.LocalName ?? "document";
                var line = at is IXmlLineInfo info && info.HasLineInfo() ? $" (line {info.LineNumber})" : "";
                failures.Add(new RuleFailure(RuleId, $"Not valid against the UBL 2.1 schema: {e.Message}", name + line));
            }
        });
        return failures;
    }

    private static XmlSchemaSet Compile(string folder)
    {
        var invoice = Path.Combine(folder, "maindoc", "UBL-Invoice-2.1.xsd");
        var creditNote = Path.Combine(folder, "maindoc", "UBL-CreditNote-2.1.xsd");
        var signature = Path.Combine(folder, "common", "UBL-xmldsig-core-schema-2.1.xsd");
        foreach (var file in new[] { invoice, creditNote, signature })
        {
            if (!File.Exists(file))
            {
                throw new InvalidOperationException(
                    $"Invoices:UblSchemaFolder is '{folder}', but {Path.GetRelativePath(folder, file)} is not there. Point it at the xsdrt folder of the UBL 2.1 schemas, or leave it empty.");
            }
        }

        var set = new XmlSchemaSet { XmlResolver = new FolderResolver(folder) };
        // A schema that cannot be read (an import refused, a file missing) is only a warning to the loader; here it is fatal.
        set.ValidationEventHandler += (_, e) => throw new XmlSchemaException(
            e.Exception?.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message, e.Exception);
        try
        {
            // The W3C signature schema starts with a DOCTYPE (for its entities), which the schema loader refuses; it is
            // the operator's own copy of an official file, so it is read with the DOCTYPE skipped, before the rest imports it.
            using (var reader = XmlReader.Create(signature, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null }))
            {
                set.Add(null, reader);
            }

            set.Add(null, invoice);
            set.Add(null, creditNote);
            set.Compile();
        }
        catch (Exception e) when (e is XmlSchemaException or XmlException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The UBL schemas in Invoices:UblSchemaFolder ('{folder}') do not compile: {e.Message}", e);
        }

        return set;
    }

    /// <summary>Resolves schema imports and includes to files inside the schema folder only: no network, nothing else on disk.</summary>
    private sealed class FolderResolver(string folder) : XmlUrlResolver
    {
        private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;

        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            ArgumentNullException.ThrowIfNull(absoluteUri);
            if (!absoluteUri.IsFile || !Path.GetFullPath(absoluteUri.LocalPath).StartsWith(_root, StringComparison.Ordinal))
            {
                throw new XmlSchemaException($"The schema refers to {absoluteUri}, outside the schema folder; only files inside it are read.");
            }

            return base.GetEntity(absoluteUri, role, ofObjectToReturn);
        }
    }
}
