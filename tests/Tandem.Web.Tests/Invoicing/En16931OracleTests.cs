using System.Xml.Linq;
using Tandem.Web.Features.Invoices.Capture;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Invoicing;

/// <summary>
/// Tandem's own EN 16931 validator against the official one (CEN's compiled Schematron run by Saxon): on every CEN
/// unit test (the negative cases in ../shared/interop/en16931/test/) and on every official example, each rule Tandem
/// implements must fire exactly when the official rules fire it.
/// </summary>
public sealed class En16931OracleTests(ITestOutputHelper output)
{
    private static readonly XNamespace Vefa = "http://difi.no/xsd/vefa/validator/1.0";

    /// <summary>A document cut out of a CEN unit-test set, named by the rule it exercises.</summary>
    private sealed record UnitCase(string File, string RuleId, XDocument Document);

    [Fact]
    public void Agrees_with_the_official_rules_on_every_CEN_unit_test()
    {
        var cases = UnitCases();
        var folder = Path.Combine(Path.GetTempPath(), "tandem-en16931-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var c in cases)
            {
                c.Document.Save(Path.Combine(folder, c.File), SaveOptions.DisableFormatting); // the very document Tandem checks: no whitespace added
            }

            var official = Saxon.FiredRules(folder);
            var disagreements = new List<string>();
            var scoped = 0;
            var scopedAgree = 0;
            foreach (var c in cases)
            {
                var ours = En16931.Validate(c.Document).Select(f => f.RuleId).ToHashSet();
                var theirs = official[c.File];
                foreach (var rule in En16931.Rules.Where(r => ours.Contains(r) != theirs.Contains(r)))
                {
                    disagreements.Add($"{c.File} ({c.RuleId}): {rule} official={theirs.Contains(rule)} tandem={ours.Contains(rule)}");
                }

                if (En16931.Rules.Contains(c.RuleId))
                {
                    scoped++;
                    scopedAgree += ours.Contains(c.RuleId) == theirs.Contains(c.RuleId) ? 1 : 0;
                }
            }

            var notImplemented = cases.Select(c => c.RuleId).Where(r => !En16931.Rules.Contains(r)).Distinct().Order().ToList();
            output.WriteLine($"{cases.Count} CEN unit-test documents; {scoped} exercise one of the {En16931.Rules.Count} rules Tandem implements; agreement on the exercised rule {scopedAgree}/{scoped}.");
            output.WriteLine($"Rule ids exercised by the CEN tests that Tandem does not implement ({notImplemented.Count}): {string.Join(", ", notImplemented)}");
            Assert.True(disagreements.Count == 0, $"{disagreements.Count} disagreements:\n{string.Join('\n', disagreements.Take(60))}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Every_official_example_is_valid_for_both()
    {
        var examples = Examples();
        var folder = Path.Combine(Path.GetTempPath(), "tandem-examples-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var names = new Dictionary<string, string>();
            foreach (var (file, index) in examples.Select((f, i) => (f, i)))
            {
                names[$"{index:D3}.xml"] = file;
                File.Copy(file, Path.Combine(folder, $"{index:D3}.xml"));
            }

            var official = Saxon.FiredRules(folder);
            foreach (var (copy, file) in names)
            {
                var ours = En16931.Validate(XDocument.Load(file)).Select(f => $"{f.RuleId} at {f.Location}").ToList();
                Assert.True(ours.Count == 0, $"{Path.GetFileName(file)}: Tandem reports {string.Join(", ", ours)}");
                var disagreements = En16931.Rules.Where(official[copy].Contains).ToList();
                Assert.True(disagreements.Count == 0, $"{Path.GetFileName(file)}: the official rules fire {string.Join(", ", disagreements)}");
            }

            output.WriteLine($"{examples.Count} official examples: valid for Tandem and for the official rules.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Every UBL invoice and credit note example the interop folder holds (Peppol BIS 3 and CEN).</summary>
    internal static List<string> Examples() =>
    [
        .. Directory.GetFiles(Interop.FolderOf("peppol-bis-billing-3/examples"), "*.xml"),
        .. Directory.GetFiles(Interop.FolderOf("en16931/ubl/examples")).Where(f => f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)),
    ];

    private static List<UnitCase> UnitCases()
    {
        var cases = new List<UnitCase>();
        foreach (var set in (string[])["Invoice-unit-UBL", "CreditNote-unit-UBL"])
        {
            foreach (var file in Directory.GetFiles(Interop.FolderOf($"en16931/test/{set}"), "*.xml").Order())
            {
                var tests = XDocument.Load(file).Root!.Elements(Vefa + "test").ToList();
                for (var i = 0; i < tests.Count; i++)
                {
                    var rule = tests[i].Element(Vefa + "assert")!.Elements().First(e => e.Name.LocalName is "success" or "error" or "warning").Value.Trim();
                    var document = tests[i].Elements().First(e => e.Name.Namespace != Vefa);
                    cases.Add(new UnitCase($"{set}-{Path.GetFileNameWithoutExtension(file)}-{i:D2}.xml", rule, new XDocument(document)));
                }
            }
        }

        return cases;
    }
}
