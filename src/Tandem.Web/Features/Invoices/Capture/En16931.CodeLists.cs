using System.Collections.Frozen;
using System.Xml.Linq;

namespace Tandem.Web.Features.Invoices.Capture;

/// <summary>
/// The code lists EN 16931 restricts (BR-CL-*): document type (UNTDID 1001), currency (ISO 4217), country
/// (ISO 3166-1 alpha-2 plus 1A and XI), payment means (UNTDID 4461), VAT category (UNTDID 5305) and attachment MIME types.
/// </summary>
public static partial class En16931
{
    private const string CountryPrefixes =
        " 1A AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ " +
        "DE DJ DK DM DO DZ EC EE EG EH EL ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
        "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM " +
        "PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
        "UM US UY UZ VA VC VE VG VI VN VU WF WS XI YE YT ZA ZM ZW ";

    private static readonly FrozenSet<string> Countries = Codes(CountryPrefixes.Replace(" EL ", " ", StringComparison.Ordinal));

    private static readonly FrozenSet<string> InvoiceTypes = Codes(
        "71 80 81 82 84 102 130 202 203 204 211 218 219 295 325 326 331 380 382 383 384 385 386 387 388 389 390 393 394 395 456 457 471 472 473 500 501 527 553 575 623 633 751 780 817 870 875 876 877 935");

    private static readonly FrozenSet<string> CreditNoteTypes = Codes("81 83 261 262 296 308 381 396 420 458 502 503 532");

    private static readonly FrozenSet<string> Currencies = Codes(
        "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNH CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN " +
        "ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK " +
        "MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STD SVC SYP SZL THB " +
        "TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VES VED VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWG");

    private static readonly FrozenSet<string> PaymentMeans = Codes(
        string.Join(' ', Enumerable.Range(1, 70).Concat([74, 75, 76, 77, 78, 91, 92, 93, 94, 95, 96, 97, 98])) + " ZZZ");

    private static readonly FrozenSet<string> VatCategoryCodes = Codes("AE L M E S Z G O K B");

    private static readonly FrozenSet<string> AttachmentTypes = Codes(
        "application/pdf image/png image/jpeg text/csv application/vnd.openxmlformats-officedocument.spreadsheetml.sheet application/vnd.oasis.opendocument.spreadsheet");

    private static readonly string[] AmountElements =
    [
        "Amount", "BaseAmount", "PriceAmount", "TaxAmount", "TaxableAmount", "LineExtensionAmount", "TaxExclusiveAmount", "TaxInclusiveAmount",
        "AllowanceTotalAmount", "ChargeTotalAmount", "PrepaidAmount", "PayableRoundingAmount", "PayableAmount",
    ];

    private static void CodeLists(XElement root, Checks c)
    {
        foreach (var code in root.Anywhere("cbc:InvoiceTypeCode"))
        {
            c.Check("BR-CL-01", code, InvoiceTypes.Contains(Ubl.Normalize(code.Value)));
        }

        foreach (var code in root.Anywhere("cbc:CreditNoteTypeCode"))
        {
            c.Check("BR-CL-01", code, CreditNoteTypes.Contains(Ubl.Normalize(code.Value)));
        }

        foreach (var amount in root.DescendantsAndSelf().Where(e => e.Name.Namespace == Ubl.Cbc && AmountElements.Contains(e.Name.LocalName)))
        {
            c.Check("BR-CL-03", amount, Currencies.Contains(Ubl.Normalize((string?)amount.Attribute("currencyID"))));
        }

        foreach (var (rule, name, list) in (IEnumerable<(string, string, FrozenSet<string>)>)[
            ("BR-CL-04", "cbc:DocumentCurrencyCode", Currencies), ("BR-CL-05", "cbc:TaxCurrencyCode", Currencies)])
        {
            foreach (var code in root.Anywhere(name))
            {
                c.Check(rule, code, list.Contains(Ubl.Normalize(code.Value)));
            }
        }

        foreach (var code in root.Anywhere("cac:Country").SelectMany(e => e.At("cbc:IdentificationCode")))
        {
            c.Check("BR-CL-14", code, Countries.Contains(Ubl.Normalize(code.Value)));
        }

        foreach (var code in root.Anywhere("cac:PaymentMeans").SelectMany(e => e.At("cbc:PaymentMeansCode")))
        {
            c.Check("BR-CL-16", code, PaymentMeans.Contains(Ubl.Normalize(code.Value)));
        }

        foreach (var code in root.Anywhere("cac:TaxCategory").SelectMany(e => e.At("cbc:ID")))
        {
            c.Check("BR-CL-17", code, VatCategoryCodes.Contains(Ubl.Normalize(code.Value)));
        }

        foreach (var code in root.Anywhere("cac:ClassifiedTaxCategory").SelectMany(e => e.At("cbc:ID")))
        {
            c.Check("BR-CL-18", code, VatCategoryCodes.Contains(Ubl.Normalize(code.Value)));
        }

        foreach (var attachment in root.Anywhere("cbc:EmbeddedDocumentBinaryObject").Where(e => e.Attribute("mimeCode") is not null))
        {
            c.Check("BR-CL-24", attachment, AttachmentTypes.Contains((string)attachment.Attribute("mimeCode")!));
        }
    }

    private static FrozenSet<string> Codes(string list) => list.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
}
