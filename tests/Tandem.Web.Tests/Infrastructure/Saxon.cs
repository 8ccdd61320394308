using System.Diagnostics;
using System.Xml.Linq;

namespace Tandem.Web.Tests.Infrastructure;

/// <summary>
/// The official EN 16931 verdict: Debian's Saxon-HE (libsaxonhe-java) runs the CEN's compiled Schematron over a folder
/// of UBL documents, once, and each document's SVRL report gives the rule ids that fired. Tests hold Tandem's own
/// validator against it. Skips (saying so) where Java or Saxon is missing; CI installs both.
/// </summary>
internal static class Saxon
{
    private const string Jar = "/usr/share/java/Saxon-HE.jar";

    private static readonly XNamespace Svrl = "http://purl.oclc.org/dsdl/svrl";

    /// <summary>For every .xml file in <paramref name="folder"/>: the ids of the failed assertions (any flag).</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> FiredRules(string folder)
    {
        if (!File.Exists(Jar))
        {
            Assert.Skip($"{Jar} is missing: install libsaxonhe-java (apt) to run the official EN 16931 rules; CI installs it.");
        }

        var stylesheet = Interop.PathOf("en16931/ubl/xslt/EN16931-UBL-validation.xslt");
        var output = Path.Combine(Path.GetTempPath(), "tandem-svrl-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(output);
        try
        {
            var start = new ProcessStartInfo("java", ["-jar", Jar, $"-s:{folder}", $"-xsl:{stylesheet}", $"-o:{output}/"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"Saxon failed: {errors.Result}");
            return Directory.GetFiles(output, "*.xml").ToDictionary(
                f => Path.GetFileName(f),
                f => (IReadOnlySet<string>)XDocument.Load(f).Descendants(Svrl + "failed-assert").Select(a => (string)a.Attribute("id")!).ToHashSet());
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
