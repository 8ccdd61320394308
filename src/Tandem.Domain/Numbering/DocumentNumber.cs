using System.Globalization;

namespace Tandem.Domain.Numbering;

/// <summary>Human document numbers: PREFIX-YEAR-000123. The sequence comes from a persistent counter, never from here.</summary>
public static class DocumentNumber
{
    public static string Format(string prefix, int year, long sequence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequence);
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year:D4}-{sequence:D6}");
    }
}
