namespace Tandem.Web.Platform.Csv;

public static class CsvRows
{
    /// <summary>The value of an optional column: empty when the file does not have it.</summary>
    public static string Optional(this IReadOnlyDictionary<string, string> row, string column)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.TryGetValue(column, out var value) ? value : "";
    }
}
