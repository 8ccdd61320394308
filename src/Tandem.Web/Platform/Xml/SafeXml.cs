using System.Xml;
using System.Xml.Linq;
using Tandem.Domain;

namespace Tandem.Web.Platform.Xml;

/// <summary>
/// Reading XML that came from outside (vendors, banks, uploads) without trusting it: no DTDs at all (so no external
/// entities, no entity expansion bombs), no resolver (nothing is fetched from disk or network), a size cap checked
/// before parsing and a character cap while parsing. Every refusal is a typed validation error on
/// <paramref name="field"/>, never an exception.
/// </summary>
public static class SafeXml
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public static Result<XDocument> Load(byte[] content, string field, int maxBytes = MaxBytes)
    {
        if (content.Length == 0)
        {
            return Error.Validation("xml.empty", "The file is empty.", field);
        }

        if (content.Length > maxBytes)
        {
            return Error.Validation("xml.too_large", $"The file is {content.Length / 1024:N0} KB; at most {maxBytes / 1024 / 1024} MB is accepted.", field);
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxBytes * 2L,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var reader = XmlReader.Create(stream, settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return Error.Validation("xml.dtd_forbidden", "The file declares a DTD (<!DOCTYPE>); DTDs and entities are refused for safety.", field);
        }
        catch (XmlException e)
        {
            return Error.Validation("xml.malformed", $"The file is not well-formed XML: {e.Message}", field);
        }
    }
}
