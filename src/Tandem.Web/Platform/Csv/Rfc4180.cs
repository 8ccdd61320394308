using System.Text;
using Tandem.Domain;

namespace Tandem.Web.Platform.Csv;

/// <summary>A strict RFC 4180 reader: comma separator, double-quoted fields with "" escapes, CRLF or LF line ends.</summary>
public static class Rfc4180
{
    /// <summary>Parses all records; <paramref name="startLines"/>, when given, receives the line each record starts on.</summary>
    public static Result<List<List<string>>> Parse(string text, List<int>? startLines = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordStart = 1;
        var i = 0;
        var quoted = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = false;
                    i++;
                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        return Error.Validation("csv.malformed", $"Line {line}: unexpected character after a closing quote.", "file");
                    }

                    continue;
                }

                if (c == '\n')
                {
                    line++;
                }

                field.Append(c);
                i++;
                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    record.Add(field.ToString());
                    field.Clear();
                    records.Add(record);
                    startLines?.Add(recordStart);
                    record = [];
                    line++;
                    recordStart = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }

            i++;
        }

        if (quoted)
        {
            return Error.Validation("csv.malformed", $"Line {line}: a quoted field is not closed.", "file");
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
            startLines?.Add(recordStart);
        }

        return records;
    }
}
