using System.Text.RegularExpressions;

namespace Tandem.Domain.Vendors;

/// <summary>Validation and masking of bank details: IBAN (ISO 13616 mod-97), BIC (ISO 9362), US ABA routing numbers.</summary>
public static partial class BankAccountRules
{
    // IBAN lengths by country (ISO 13616 registry, common countries); unknown countries only get the checksum test.
    private static readonly Dictionary<string, int> IbanLengths = new(StringComparer.Ordinal)
    {
        ["AD"] = 24,
        ["AT"] = 20,
        ["BE"] = 16,
        ["BG"] = 22,
        ["CH"] = 21,
        ["CY"] = 28,
        ["CZ"] = 24,
        ["DE"] = 22,
        ["DK"] = 18,
        ["EE"] = 20,
        ["ES"] = 24,
        ["FI"] = 18,
        ["FR"] = 27,
        ["GB"] = 22,
        ["GR"] = 27,
        ["HR"] = 21,
        ["HU"] = 28,
        ["IE"] = 22,
        ["IS"] = 26,
        ["IT"] = 27,
        ["LI"] = 21,
        ["LT"] = 20,
        ["LU"] = 20,
        ["LV"] = 21,
        ["MC"] = 27,
        ["MT"] = 31,
        ["NL"] = 18,
        ["NO"] = 15,
        ["PL"] = 28,
        ["PT"] = 25,
        ["RO"] = 24,
        ["SE"] = 24,
        ["SI"] = 19,
        ["SK"] = 24,
        ["SM"] = 27,
    };

    /// <summary>Removes spaces and upper-cases, so "de89 3704 0044 0532 0130 00" and "DE89370400440532013000" are one IBAN.</summary>
    public static string Compact(string value) => new([.. (value ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant)]);

    public static bool IsValidIban(string? value)
    {
        var iban = Compact(value ?? "");
        if (iban.Length is < 15 or > 34 || !IbanShape().IsMatch(iban))
        {
            return false;
        }

        if (IbanLengths.TryGetValue(iban[..2], out var length) && iban.Length != length)
        {
            return false;
        }

        // Move the first four characters to the end, letters become 10..35, and the number mod 97 must be 1.
        var rearranged = iban[4..] + iban[..4];
        var remainder = 0;
        foreach (var c in rearranged)
        {
            var digits = char.IsDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = digits < 10 ? ((remainder * 10) + digits) % 97 : ((remainder * 100) + digits) % 97;
        }

        return remainder == 1;
    }

    public static bool IsValidBic(string? value) => value is not null && BicShape().IsMatch(Compact(value));

    /// <summary>US ABA routing number: nine digits with the 3-7-1 weighted checksum.</summary>
    public static bool IsValidAbaRouting(string? value)
    {
        var digits = Compact(value ?? "");
        if (digits.Length != 9 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        int[] weights = [3, 7, 1, 3, 7, 1, 3, 7, 1];
        var sum = digits.Select((c, i) => (c - '0') * weights[i]).Sum();
        return sum % 10 == 0 && digits != "000000000";
    }

    /// <summary>A domestic account number: 4 to 17 digits.</summary>
    public static bool IsValidAccountNumber(string? value)
    {
        var digits = Compact(value ?? "");
        return digits.Length is >= 4 and <= 17 && digits.All(char.IsAsciiDigit);
    }

    /// <summary>Shows only the last four characters: "DE89370400440532013000" becomes "•••• 3000".</summary>
    public static string Mask(string? value)
    {
        var compact = Compact(value ?? "");
        return compact.Length <= 4 ? new string('•', compact.Length) : "•••• " + compact[^4..];
    }

    [GeneratedRegex("^[A-Z]{2}[0-9]{2}[A-Z0-9]+$")]
    private static partial Regex IbanShape();

    [GeneratedRegex("^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")]
    private static partial Regex BicShape();
}
