using System.Xml;
using System.Xml.Linq;

namespace Tandem.Web.Features.Invoices.Capture;

/// <summary>One EN 16931 business rule an electronic invoice breaks: the official rule id, what it means, where.</summary>
public sealed record RuleFailure(string RuleId, string Message, string Location);

/// <summary>
/// The EN 16931 business rules on the UBL 2.1 syntax, in Tandem's own code (no third-party rule files are shipped):
/// mandatory elements (BR-01…BR-65), arithmetic (BR-CO-*), the VAT category rules (BR-S-*, BR-Z-*, BR-E-*, BR-AE-*,
/// BR-G-*, BR-IC-*, BR-O-*, BR-AF-*, BR-AG-*), the main code lists (BR-CL-*) and UBL syntax rules (UBL-DT-*, UBL-SR-*).
/// Each rule reads the document exactly as the official Schematron does (same context, same XPath semantics: an
/// absent amount never compares true), so the tests hold Tandem's verdict against the official CEN artefacts on every
/// example and unit test. <see cref="Rules"/> lists what is implemented; docs/einvoicing.md names the rest.
/// </summary>
public static partial class En16931
{
    /// <summary>The rule ids Tandem checks.</summary>
    public static IReadOnlyCollection<string> Rules => Messages.Keys;

    public static IReadOnlyList<RuleFailure> Validate(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.Root;
        if (root is null || (root.Name != Ubl.InvoiceNs + "Invoice" && root.Name != Ubl.CreditNoteNs + "CreditNote"))
        {
            return [new RuleFailure("UBL-ROOT", "The document is not a UBL 2.1 Invoice or CreditNote.", root?.Name.LocalName ?? "")];
        }

        var checks = new Checks();
        Document(root, checks);
        Parties(root, checks);
        Totals(root, checks);
        InvoiceLines(root, checks);
        AllowancesAndCharges(root, checks);
        VatBreakdown(root, checks);
        VatCategories(root, checks);
        CodeLists(root, checks);
        IdentifierCodeLists(root, checks);
        Syntax(root, checks);
        return checks.Failures;
    }

    private sealed class Checks
    {
        public List<RuleFailure> Failures { get; } = [];

        public void Check(string ruleId, XElement at, bool holds)
        {
            if (!holds)
            {
                var line = ((IXmlLineInfo)at).HasLineInfo() ? $" (line {((IXmlLineInfo)at).LineNumber})" : "";
                Failures.Add(new RuleFailure(ruleId, Messages[ruleId], at.Name.LocalName + line));
            }
        }
    }
}
