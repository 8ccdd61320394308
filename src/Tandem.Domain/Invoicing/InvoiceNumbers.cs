using System.Text;

namespace Tandem.Domain.Invoicing;

/// <summary>
/// Duplicate detection by invoice number: vendors (and people typing) write the same number many ways — "INV-00123",
/// "inv 123", "Invoice #123". The key keeps letters and digits, upper-cased, drops a leading invoice word ("INVOICE",
/// "INV", "RE", "BILL") and the leading zeros of the number that follows it; two invoices of one vendor with the same
/// key are duplicates.
/// </summary>
public static class InvoiceNumbers
{
    private static readonly string[] Prefixes = ["INVOICE", "INV", "BILL", "RE"];

    public static string Key(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var letters = new StringBuilder(number.Length);
        foreach (var c in number.ToUpperInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                letters.Append(c);
            }
        }

        var key = letters.ToString();
        var prefix = Prefixes.FirstOrDefault(p => key.Length > p.Length && key.StartsWith(p, StringComparison.Ordinal) && char.IsAsciiDigit(key[p.Length]));
        if (prefix is not null)
        {
            key = key[prefix.Length..];
        }

        var digits = key.TakeWhile(c => c == '0').Count();
        return digits == key.Length ? (key.Length == 0 ? "" : "0") : key[digits..];
    }

    public static bool SameNumber(string a, string b) => Key(a) == Key(b) && Key(a).Length > 0;
}
