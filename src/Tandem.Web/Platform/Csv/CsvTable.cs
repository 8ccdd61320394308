using System.Text;
using Tandem.Domain;

namespace Tandem.Web.Platform.Csv;

/// <summary>One problem with one row of an import: row 1 is the first data row; line is where that row starts in the file.</summary>
public sealed record RowError(int Row, int Line, string Column, string Message);

/// <summary>What an import did, or would do: all-or-nothing, so any error means nothing was written.</summary>
public sealed record ImportReport(int Rows, int Created, int Updated, IReadOnlyList<RowError> Errors, bool DryRun)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>How big an upload may be, and which columns it may carry besides the required ones (null = any).</summary>
public sealed record CsvLimits(int MaxRows, long MaxBytes, IReadOnlyList<string>? OptionalColumns = null)
{
    public static CsvLimits Default { get; } = new(20_000, 10 * 1024 * 1024);
}

/// <summary>
/// A parsed CSV upload with a header row. Bounded in size and rows so a hostile upload cannot exhaust memory;
/// must be UTF-8 (a byte-order mark is allowed); blank lines are skipped.
/// </summary>
public sealed class CsvTable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly IReadOnlyList<int> _lines;

    private CsvTable(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyDictionary<string, string>> rows, IReadOnlyList<int> lines)
    {
        Headers = headers;
        Rows = rows;
        _lines = lines;
    }

    public IReadOnlyList<string> Headers { get; }

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; }

    /// <summary>The file line on which data row <paramref name="index"/> (0-based) starts.</summary>
    public int LineOf(int index) => _lines[index];

    public static Task<Result<CsvTable>> ReadAsync(Stream stream, IReadOnlyList<string> requiredColumns, CancellationToken ct) =>
        ReadAsync(stream, requiredColumns, CsvLimits.Default, ct);

    public static async Task<Result<CsvTable>> ReadAsync(Stream stream, IReadOnlyList<string> requiredColumns, CsvLimits limits, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(requiredColumns);
        ArgumentNullException.ThrowIfNull(limits);
        using var limited = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            if (limited.Length + read > limits.MaxBytes)
            {
                return Error.Validation("csv.too_large", $"The file is larger than {limits.MaxBytes / 1024 / 1024} MB.", "file");
            }

            limited.Write(buffer, 0, read);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(limited.GetBuffer(), 0, (int)limited.Length).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Error.Validation("csv.encoding", "The file is not UTF-8 text. Save it as \"CSV UTF-8\" and upload it again.", "file");
        }

        var starts = new List<int>();
        var records = Rfc4180.Parse(text, starts);
        if (!records.IsSuccess)
        {
            return Result<CsvTable>.Failure(records.Errors);
        }

        var all = records.Value;
        if (all.Count == 0)
        {
            return Error.Validation("csv.empty", "The file has no header row.", "file");
        }

        var headers = all[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = requiredColumns.Where(c => !headers.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            return Error.Validation("csv.columns_missing", $"Missing column(s): {string.Join(", ", missing)}. Expected: {string.Join(", ", requiredColumns)}.", "file");
        }

        if (limits.OptionalColumns is { } optional && headers.Except(requiredColumns).Except(optional).ToList() is { Count: > 0 } unknown)
        {
            return Error.Validation("csv.columns_unknown", $"Unknown column(s): {string.Join(", ", unknown)}. Allowed: {string.Join(", ", requiredColumns.Concat(optional))}.", "file");
        }

        if (all.Count - 1 > limits.MaxRows)
        {
            return Error.Validation("csv.too_many_rows", $"The file has more than {limits.MaxRows} rows.", "file");
        }

        var rows = new List<IReadOnlyDictionary<string, string>>(all.Count);
        var lines = new List<int>(all.Count);
        for (var r = 1; r < all.Count; r++)
        {
            var record = all[r];
            if (!record.Any(f => f.Length > 0))
            {
                continue;
            }

            var row = new Dictionary<string, string>(headers.Count, StringComparer.Ordinal);
            for (var i = 0; i < headers.Count; i++)
            {
                row[headers[i]] = i < record.Count ? record[i].Trim() : "";
            }

            rows.Add(row);
            lines.Add(starts[r]);
        }

        return new CsvTable(headers, rows, lines);
    }

    /// <summary>Writes one CSV field, quoting it when it holds a comma, quote or line break.</summary>
    public static string Field(string? value)
    {
        var v = value ?? "";
        return v.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }

    /// <summary>One CSV line (CRLF-terminated) from its fields.</summary>
    public static string Line(params IEnumerable<string?> fields) => string.Join(',', fields.Select(Field)) + "\r\n";
}
