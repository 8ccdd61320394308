using System.Collections.Frozen;

namespace Tandem.Domain.Money;

/// <summary>An ISO 4217 currency with the number of minor digits it is booked in (JPY 0, USD 2, KWD 3).</summary>
public readonly record struct Currency
{
    private static readonly FrozenDictionary<string, int> Known = BuildTable();

    private Currency(string code, int minorDigits)
    {
        Code = code;
        MinorDigits = minorDigits;
    }

    public string Code { get; }

    public int MinorDigits { get; }

    /// <summary>10^MinorDigits: how many minor units make one major unit.</summary>
    public long MinorPerMajor => Pow10(MinorDigits);

    public static IReadOnlyCollection<string> AllCodes => Known.Keys;

    public static bool TryFrom(string? code, out Currency currency)
    {
        if (code is not null && Known.TryGetValue(code, out var digits))
        {
            currency = new Currency(code, digits);
            return true;
        }

        currency = default;
        return false;
    }

    /// <summary>For codes already validated (stored data, constants). Unknown codes are a bug.</summary>
    public static Currency Of(string code) =>
        TryFrom(code, out var c) ? c : throw new ArgumentException($"Unknown ISO 4217 currency '{code}'.", nameof(code));

    public static Currency Usd => Of("USD");

    public static Currency Eur => Of("EUR");

    public override string ToString() => Code ?? "";

    internal static long Pow10(int n)
    {
        long r = 1;
        for (var i = 0; i < n; i++)
        {
            r *= 10;
        }

        return r;
    }

    private static FrozenDictionary<string, int> BuildTable()
    {
        // Active ISO 4217 codes (list one, 2024 amendment). Default 2 minor digits; exceptions below.
        const string twoDigits =
            "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF " +
            "CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR " +
            "ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN " +
            "MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS " +
            "SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VES VED WST XCD XCG YER ZAR ZMW ZWG";
        const string zeroDigits = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
        const string threeDigits = "BHD IQD JOD KWD LYD OMR TND";
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in twoDigits.Split(' '))
        {
            table[c] = 2;
        }

        foreach (var c in zeroDigits.Split(' '))
        {
            table[c] = 0;
        }

        foreach (var c in threeDigits.Split(' '))
        {
            table[c] = 3;
        }

        table["CLF"] = 4;
        table["UYW"] = 4;
        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
