namespace Tandem.Domain.Vendors;

/// <summary>
/// Duplicate detection: tax ids compared without punctuation; names compared after dropping case, punctuation and
/// legal-form words ("Acme Inc." and "ACME, Incorporated" are the same name), by trigram similarity.
/// </summary>
public static class VendorNames
{
    public const double SimilarThreshold = 0.6;

    private static readonly HashSet<string> LegalForms = new(StringComparer.Ordinal)
    {
        "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "corp", "corporation", "co", "company", "gmbh", "ag", "kg",
        "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "ab", "as", "aps", "pty", "the", "and",
    };

    public static string NormalizeTaxId(string? taxId) => new([.. (taxId ?? "").Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);

    public static string NormalizeName(string? name)
    {
        var words = new string([.. (name ?? "").ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !LegalForms.Contains(w));
        return string.Join(' ', words);
    }

    /// <summary>Jaccard similarity of the character trigrams of the two normalized names, from 0 (nothing shared) to 1.</summary>
    public static double Similarity(string? a, string? b)
    {
        var x = Trigrams(NormalizeName(a));
        var y = Trigrams(NormalizeName(b));
        if (x.Count == 0 || y.Count == 0)
        {
            return 0;
        }

        var shared = x.Count(y.Contains);
        return (double)shared / (x.Count + y.Count - shared);
    }

    public static bool AreSimilar(string? a, string? b) => Similarity(a, b) >= SimilarThreshold;

    private static HashSet<string> Trigrams(string normalized)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var padded = $"  {normalized} ";
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            set.Add(padded.Substring(i, 3));
        }

        return normalized.Length == 0 ? [] : set;
    }
}
