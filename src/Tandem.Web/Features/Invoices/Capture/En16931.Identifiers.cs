using System.Collections.Frozen;
using System.Xml.Linq;

namespace Tandem.Web.Features.Invoices.Capture;

/// <summary>
/// The code lists of identifiers and coded reasons (BR-CL-*): invoicing period description (UNTDID 2005, BR-CL-06),
/// invoiced object scheme (UNTDID 1153, BR-CL-07), party, legal registration and item identifier schemes (ISO 6523 ICD,
/// BR-CL-10, -11, -21; "SEPA" for the seller's or payee's creditor id), item classification (UNTDID 7143, BR-CL-13),
/// country of origin (ISO 3166-1, BR-CL-15), allowance and charge reasons (UNTDID 5189 and 7161, BR-CL-19, -20) and
/// units (UN/ECE Rec 20 and 21, BR-CL-23).
/// </summary>
public static partial class En16931
{
    private static readonly FrozenSet<string> DatePeriodCodes = Codes("3 35 432");

    private static readonly FrozenSet<string> ObjectSchemes = Codes(
        "AAA AAB AAC AAD AAE AAF AAG AAH AAI AAJ AAK AAL AAM AAN AAO AAP AAQ AAR AAS AAT AAU AAV AAW AAX AAY AAZ ABA ABB ABC ABD ABE ABF ABG ABH ABI ABJ ABK " +
        "ABL ABM ABN ABO ABP ABQ ABR ABS ABT ABU ABV ABW ABX ABY ABZ AC ACA ACB ACC ACD ACE ACF ACG ACH ACI ACJ ACK ACL ACN ACO ACP ACQ ACR ACT ACU ACV ACW ACX " +
        "ACY ACZ ADA ADB ADC ADD ADE ADF ADG ADI ADJ ADK ADL ADM ADN ADO ADP ADQ ADT ADU ADV ADW ADX ADY ADZ AE AEA AEB AEC AED AEE AEF AEG AEH AEI AEJ AEK AEL " +
        "AEM AEN AEO AEP AEQ AER AES AET AEU AEV AEW AEX AEY AEZ AF AFA AFB AFC AFD AFE AFF AFG AFH AFI AFJ AFK AFL AFM AFN AFO AFP AFQ AFR AFS AFT AFU AFV AFW " +
        "AFX AFY AFZ AGA AGB AGC AGD AGE AGF AGG AGH AGI AGJ AGK AGL AGM AGN AGO AGP AGQ AGR AGS AGT AGU AGV AGW AGX AGY AGZ AHA AHB AHC AHD AHE AHF AHG AHH " +
        "AHI AHJ AHK AHL AHM AHN AHO AHP AHQ AHR AHS AHT AHU AHV AHX AHY AHZ AIA AIB AIC AID AIE AIF AIG AIH AII AIJ AIK AIL AIM AIN AIO AIP AIQ AIR AIS AIT " +
        "AIU AIV AIW AIX AIY AIZ AJA AJB AJC AJD AJE AJF AJG AJH AJI AJJ AJK AJL AJM AJN AJO AJP AJQ AJR AJS AJT AJU AJV AJW AJX AJY AJZ AKA AKB AKC AKD AKE " +
        "AKF AKG AKH AKI AKJ AKK AKL AKM AKN AKO AKP AKQ AKR AKS AKT AKU AKV AKW AKX AKY AKZ ALA ALB ALC ALD ALE ALF ALG ALH ALI ALJ ALK ALL ALM ALN ALO ALP " +
        "ALQ ALR ALS ALT ALU ALV ALW ALX ALY ALZ AMA AMB AMC AMD AME AMF AMG AMH AMI AMJ AMK AML AMM AMN AMO AMP AMQ AMR AMS AMT AMU AMV AMW AMX AMY AMZ ANA " +
        "ANB ANC AND ANE ANF ANG ANH ANI ANJ ANK ANL ANM ANN ANO ANP ANQ ANR ANS ANT ANU ANV ANW ANX ANY AOA AOD AOE AOF AOG AOH AOI AOJ AOK AOL AOM AON AOO " +
        "AOP AOQ AOR AOS AOT AOU AOV AOW AOX AOY AOZ AP APA APB APC APD APE APF APG APH API APJ APK APL APM APN APO APP APQ APR APS APT APU APV APW APX APY APZ " +
        "AQA AQB AQC AQD AQE AQF AQG AQH AQI AQJ AQK AQL AQM AQN AQO AQP AQQ AQR AQS AQT AQU AQV AQW AQX AQY AQZ ARA ARB ARC ARD ARE ARF ARG ARH ARI ARJ ARK " +
        "ARL ARM ARN ARO ARP ARQ ARR ARS ART ARU ARV ARW ARX ARY ARZ ASA ASB ASC ASD ASE ASF ASG ASH ASI ASJ ASK ASL ASM ASN ASO ASP ASQ ASR ASS AST ASU ASV " +
        "ASW ASX ASY ASZ ATA ATB ATC ATD ATE ATF ATG ATH ATI ATJ ATK ATL ATM ATN ATO ATP ATQ ATR ATS ATT ATU ATV ATW ATX ATY ATZ AU AUA AUB AUC AUD AUE AUF AUG " +
        "AUH AUI AUJ AUK AUL AUM AUN AUO AUP AUQ AUR AUS AUT AUU AUV AUW AUX AUY AUZ AV AVA AVB AVC AVD AVE AVF AVG AVH AVI AVJ AVK AVL AVM AVN AVO AVP AVQ AVR " +
        "AVS AVT AVU AVV AVW AVX AVY AVZ AWA AWB AWC AWD AWE AWF AWG AWH AWI AWJ AWK AWL AWM AWN AWO AWP AWQ AWR AWS AWT AWU AWV AWW AWX AWY AWZ AXA AXB AXC " +
        "AXD AXE AXF AXG AXH AXI AXJ AXK AXL AXM AXN AXO AXP AXQ AXR AXS AXU BA BC BD BE BH BM BN BO BR BT BTP BW CAS CAT CAU CAV CAW CAX CAY CAZ CBA CBB CD " +
        "CEC CED CFE CFF CFO CG CH CK CKN CM CMR CN CNO COF CP CR CRN CS CST CT CU CV CW CZ DA DAN DB DI DL DM DQ DR EA EB ED EE EEP EI EN EQ ER ERN ET EX FC " +
        "FF FI FLW FN FO FS FT FV FX GA GC GD GDN GN HS HWB IA IB ICA ICE ICO II IL INB INN INO IP IS IT IV JB JE LA LAN LAR LB LC LI LO LRC LS MA MB MF MG MH " +
        "MR MRN MS MSS MWB NA NF OH OI ON OP OR PB PC PD PE PF PI PK PL POR PP PQ PR PS PW PY RA RC RCN RE REN RF RR RT SA SB SD SE SEA SF SH SI SM SN SP SQ " +
        "SRN SS STA SW SZ TB TCR TE TF TI TIN TL TN TP UAR UC UCN UN UO URI VA VC VGR VM VN VON VOR VP VR VS VT VV WE WM WN WR WS WY XA XC XP ZZZ");

    private static readonly FrozenSet<string> IdentifierSchemes = Codes(
        "0002 0003 0004 0005 0006 0007 0008 0009 0010 0011 0012 0013 0014 0015 0016 0017 0018 0019 0020 0021 0022 0023 0024 0025 0026 0027 0028 0029 0030 0031 " +
        "0032 0033 0034 0035 0036 0037 0038 0039 0040 0041 0042 0043 0044 0045 0046 0047 0048 0049 0050 0051 0052 0053 0054 0055 0056 0057 0058 0059 0060 0061 " +
        "0062 0063 0064 0065 0066 0067 0068 0069 0070 0071 0072 0073 0074 0075 0076 0077 0078 0079 0080 0081 0082 0083 0084 0085 0086 0087 0088 0089 0090 0091 " +
        "0093 0094 0095 0096 0097 0098 0099 0100 0101 0102 0104 0105 0106 0107 0108 0109 0110 0111 0112 0113 0114 0115 0116 0117 0118 0119 0120 0121 0122 0123 " +
        "0124 0125 0126 0127 0128 0129 0130 0131 0132 0133 0134 0135 0136 0137 0138 0139 0140 0141 0142 0143 0144 0145 0146 0147 0148 0149 0150 0151 0152 0153 " +
        "0154 0155 0156 0157 0158 0159 0160 0161 0162 0163 0164 0165 0166 0167 0168 0169 0170 0171 0172 0173 0174 0175 0176 0177 0178 0179 0180 0183 0184 0185 " +
        "0186 0187 0188 0189 0190 0191 0192 0193 0194 0195 0196 0197 0198 0199 0200 0201 0202 0203 0204 0205 0206 0207 0208 0209 0210 0211 0212 0213 0214 0215 " +
        "0216 0217 0218 0219 0220 0221 0222 0223 0224 0225 0226 0227 0228 0229 0230 0231 0232 0233 0234 0235 0236 0237 0238 0239 0240 0241 0242 0243 0244 0245 " +
        "0246 0247 0248");

    private static readonly FrozenSet<string> ItemClassifications = Codes(
        "AA AB AC AD AE AF AG AH AI AJ AK AL AM AN AO AP AQ AR AS AT AU AV AW AX AY AZ BA BB BC BD BE BF BG BH BI BJ BK BL BM BN BO BP BQ BR BS BT BU BV BW BX " +
        "BY BZ CC CG CL CR CV DR DW EC EF EMD EN FS GB GN GMN GS HS IB IN IS IT IZ MA MF MN MP NB ON PD PL PO PPI PV QS RC RN RU RY SA SG SK SN SRS SRT SRU SRV " +
        "SRW SRX SRY SRZ SS SSA SSB SSC SSD SSE SSF SSG SSH SSI SSJ SSK SSL SSM SSN SSO SSP SSQ SSR SSS SST SSU SSV SSW SSX SSY SSZ ST STA STB STC STD STE STF " +
        "STG STH STI STJ STK STL STM STN STO STP STQ STR STS STT STU STV STW STX STY STZ SUA SUB SUC SUD SUE SUF SUG SUH SUI SUJ SUK SUL SUM TG TSN TSO TSP TSQ " +
        "TSR TSS TST TSU UA UP VN VP VS VX ZZZ");

    private static readonly FrozenSet<string> AllowanceReasons = Codes("41 42 60 62 63 64 65 66 67 68 70 71 88 95 100 102 103 104 105");

    private static readonly FrozenSet<string> ChargeReasons = Codes(
        "AA AAA AAC AAD AAE AAF AAH AAI AAS AAT AAV AAY AAZ ABA ABB ABC ABD ABF ABK ABL ABN ABR ABS ABT ABU ACF ACG ACH ACI ACJ ACK ACL ACM ACS ADC ADE ADJ ADK " +
        "ADL ADM ADN ADO ADP ADQ ADR ADT ADW ADY ADZ AEA AEB AEC AED AEF AEH AEI AEJ AEK AEL AEM AEN AEO AEP AES AET AEU AEV AEW AEX AEY AEZ AJ AU CA CAB CAD " +
        "CAE CAF CAI CAJ CAK CAL CAM CAN CAO CAP CAQ CAR CAS CAT CAU CAV CAW CAX CAY CAZ CD CG CS CT DAB DAD DAC DAF DAG DAH DAI DAJ DAK DAL DAM DAN DAO DAP " +
        "DAQ DL EG EP ER FAA FAB FAC FC FH FI GAA HAA HD HH IAA IAB ID IF IR IS KO L1 LA LAA LAB LF MAE MI ML NAA OA PA PAA PC PL PRV RAB RAC RAD RAF RE RF RH " +
        "RV SA SAA SAD SAE SAI SG SH SM SU TAB TAC TT TV V1 V2 WH XAA YY ZZZ");

    private static void IdentifierCodeLists(XElement root, Checks c)
    {
        static string Scheme(XElement e, string attribute) => Ubl.Normalize((string?)e.Attribute(attribute));
        foreach (var code in root.Anywhere("cac:InvoicePeriod").SelectMany(e => e.At("cbc:DescriptionCode")))
        {
            c.Check("BR-CL-06", code, DatePeriodCodes.Contains(Ubl.Normalize(code.Value)));
        }

        // The invoiced object: a document reference of type 130 whose identifier names its scheme.
        foreach (var id in root.Anywhere("cac:AdditionalDocumentReference").Concat(root.Anywhere("cac:DocumentReference"))
            .Where(r => r.Elements(Ubl.Cbc + "DocumentTypeCode").Any(t => t.Value == "130")).SelectMany(r => r.At("cbc:ID")).Where(id => id.Attribute("schemeID") is not null))
        {
            c.Check("BR-CL-07", id, ObjectSchemes.Contains(Scheme(id, "schemeID")));
        }

        foreach (var id in root.Anywhere("cac:PartyIdentification").SelectMany(e => e.At("cbc:ID")).Where(id => id.Attribute("schemeID") is not null))
        {
            var scheme = Scheme(id, "schemeID");
            c.Check("BR-CL-10", id, IdentifierSchemes.Contains(scheme)
                || (scheme == "SEPA" && id.Ancestors().Any(a => a.Name == Ubl.Cac + "AccountingSupplierParty" || a.Name == Ubl.Cac + "PayeeParty")));
        }

        foreach (var (rule, parent, element) in (IEnumerable<(string, string, string)>)[
            ("BR-CL-11", "cac:PartyLegalEntity", "cbc:CompanyID"), ("BR-CL-21", "cac:StandardItemIdentification", "cbc:ID")])
        {
            foreach (var id in root.Anywhere(parent).SelectMany(e => e.At(element)).Where(id => id.Attribute("schemeID") is not null))
            {
                c.Check(rule, id, IdentifierSchemes.Contains(Scheme(id, "schemeID")));
            }
        }

        foreach (var code in root.Anywhere("cac:CommodityClassification").SelectMany(e => e.At("cbc:ItemClassificationCode")).Where(e => e.Attribute("listID") is not null))
        {
            c.Check("BR-CL-13", code, ItemClassifications.Contains(Scheme(code, "listID")));
        }

        foreach (var code in root.Anywhere("cac:OriginCountry").SelectMany(e => e.At("cbc:IdentificationCode")))
        {
            c.Check("BR-CL-15", code, Countries.Contains(Ubl.Normalize(code.Value)));
        }

        foreach (var reason in root.Anywhere("cac:AllowanceCharge").Where(a => a.Indicator() is not null).SelectMany(a => a.At("cbc:AllowanceChargeReasonCode").Select(r => (Charge: a.Indicator() == true, Reason: r))))
        {
            c.Check(reason.Charge ? "BR-CL-20" : "BR-CL-19", reason.Reason, (reason.Charge ? ChargeReasons : AllowanceReasons).Contains(Ubl.Normalize(reason.Reason.Value)));
        }

        foreach (var quantity in ((string[])["InvoicedQuantity", "BaseQuantity", "CreditedQuantity"]).SelectMany(n => root.Descendants(Ubl.Cbc + n)).Where(q => q.Attribute("unitCode") is not null))
        {
            c.Check("BR-CL-23", quantity, Units.Contains(Scheme(quantity, "unitCode")));
        }
    }
}
