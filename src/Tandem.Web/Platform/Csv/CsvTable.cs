using Tandem.Domain;

namespace Tandem.Web.Platform.Csv;

/// <summary>One problem with one row of an import (row 1 is the first data row after the header).</summary>
public sealed record RowError(int Row, string Column, string Message);

/// <summary>What an import did, or would do: all-or-nothing, so any error means nothing was written.</summary>
public sealed record ImportReport(int Rows, int Created, int Updated, IReadOnlyList<RowError> Errors, bool DryRun)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>A parsed CSV upload with a header row. Bounded in size and rows so a hostile upload cannot exhaust memory.</summary>
public sealed class CsvTable
{
    public const int MaxRows = 20_000;
    public const long MaxBytes = 10 * 1024 * 1024;

    private CsvTable(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        Headers = headers;
        Rows = rows;
    }

    public IReadOnlyList<string> Headers { get; }

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; }

    public static async Task<Result<CsvTable>> ReadAsync(Stream stream, IReadOnlyList<string> requiredColumns, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(requiredColumns);
        using var limited = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            if (limited.Length + read > MaxBytes)
            {
                return Error.Validation("csv.too_large", $"The file is larger than {MaxBytes / 1024 / 1024} MB.", "file");
            }

            limited.Write(buffer, 0, read);
        }

        var text = System.Text.Encoding.UTF8.GetString(limited.GetBuffer(), 0, (int)limited.Length).TrimStart('\uFEFF');
        var records = Rfc4180.Parse(text);
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

        if (all.Count - 1 > MaxRows)
        {
            return Error.Validation("csv.too_many_rows", $"The file has more than {MaxRows} rows.", "file");
        }

        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var record in all.Skip(1).Where(r => r.Any(f => f.Length > 0)))
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Count; i++)
            {
                row[headers[i]] = i < record.Count ? record[i].Trim() : "";
            }

            rows.Add(row);
        }

        return new CsvTable(headers, rows);
    }
}
