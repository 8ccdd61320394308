using System.Globalization;
using System.Text;
using System.Xml;
using Tandem.Domain.Money;
using Tandem.Web.Platform.Csv;

namespace Tandem.Web.Features.Payments;

/// <summary>What a run's bank files say: who pays, from which account, on which day, and the payments.</summary>
public sealed record PaymentFileData(string RunNumber, DateTime CreatedAtUtc, string Company, BankAccount Debtor, DateOnly PayDate, IReadOnlyList<Payment> Payments);

/// <summary>
/// A run's bank files: ISO 20022 customer credit transfer initiation (pain.001.001.09, the ISO 2019 version SEPA uses
/// since 2023, and pain.001.001.03 for banks that still take the 2009 one) and a CSV. One payment information block
/// per currency with its count and control sum; the group header sums everything; each payment's end-to-end id is
/// its own. Tests validate both against the official schemas.
/// </summary>
public static class PaymentFiles
{
    public const string Pain001V09 = "pain.001.001.09";

    public const string Pain001V03 = "pain.001.001.03";

    public const string Csv = "csv";

    public static readonly IReadOnlyList<string> BankFormats = [Pain001V09, Pain001V03];

    public static readonly IReadOnlyList<string> All = [Pain001V09, Pain001V03, Csv];

    /// <summary>The message id of a run's file in a format: unique, as the run number is.</summary>
    public static string MessageId(string runNumber, string format) => $"{runNumber}-{format switch { Pain001V09 => "P09", Pain001V03 => "P03", _ => "CSV" }}";

    public static byte[] Write(PaymentFileData data, string format)
    {
        ArgumentNullException.ThrowIfNull(data);
        return format switch
        {
            Pain001V09 or Pain001V03 => Pain001(data, format),
            Csv => CsvFile(data),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown payment file format."),
        };
    }

    private static byte[] Pain001(PaymentFileData data, string version)
    {
        var v09 = version == Pain001V09;
        var ns = $"urn:iso:std:iso:20022:tech:xsd:{version}";
        using var stream = new MemoryStream();
        using (var x = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            x.WriteStartDocument();
            x.WriteStartElement("Document", ns);
            x.WriteStartElement("CstmrCdtTrfInitn");
            x.WriteStartElement("GrpHdr");
            x.WriteElementString("MsgId", MessageId(data.RunNumber, version));
            x.WriteElementString("CreDtTm", data.CreatedAtUtc.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + (v09 ? "Z" : ""));
            x.WriteElementString("NbOfTxs", data.Payments.Count.ToString(CultureInfo.InvariantCulture));
            x.WriteElementString("CtrlSum", Sum(data.Payments));
            x.WriteStartElement("InitgPty");
            x.WriteElementString("Nm", Text(data.Company, 140));
            x.WriteEndElement();
            x.WriteEndElement();
            foreach (var block in data.Payments.GroupBy(p => p.Currency).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                x.WriteStartElement("PmtInf");
                x.WriteElementString("PmtInfId", $"{data.RunNumber}-{block.Key}");
                x.WriteElementString("PmtMtd", "TRF");
                x.WriteElementString("BtchBookg", "true");
                x.WriteElementString("NbOfTxs", block.Count().ToString(CultureInfo.InvariantCulture));
                x.WriteElementString("CtrlSum", Sum(block));
                x.WriteStartElement("ReqdExctnDt");
                if (v09)
                {
                    x.WriteElementString("Dt", Date(data.PayDate));
                }
                else
                {
                    x.WriteString(Date(data.PayDate));
                }

                x.WriteEndElement();
                Party(x, "Dbtr", data.Debtor.AccountHolder);
                Account(x, "DbtrAcct", data.Debtor.Iban, data.Debtor.AccountNumber);
                Agent(x, "DbtrAgt", v09, data.Debtor.Bic, data.Debtor.RoutingNumber, required: true);
                x.WriteElementString("ChrgBr", "SLEV");
                foreach (var p in block.OrderBy(p => p.EndToEndId, StringComparer.Ordinal))
                {
                    x.WriteStartElement("CdtTrfTxInf");
                    x.WriteStartElement("PmtId");
                    x.WriteElementString("InstrId", p.EndToEndId);
                    x.WriteElementString("EndToEndId", p.EndToEndId);
                    x.WriteEndElement();
                    x.WriteStartElement("Amt");
                    x.WriteStartElement("InstdAmt");
                    x.WriteAttributeString("Ccy", p.Currency);
                    x.WriteString(Amount(p.AmountMinor, p.Currency));
                    x.WriteEndElement();
                    x.WriteEndElement();
                    Agent(x, "CdtrAgt", v09, p.Bic, p.RoutingNumber, required: false);
                    Party(x, "Cdtr", p.PayeeName);
                    Account(x, "CdtrAcct", p.Iban, p.AccountNumber);
                    x.WriteStartElement("RmtInf");
                    x.WriteElementString("Ustrd", Text(RemittanceText(p), 140));
                    x.WriteEndElement();
                    x.WriteEndElement();
                }

                x.WriteEndElement();
            }

            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndDocument();
        }

        return stream.ToArray();
    }

    /// <summary>"Invoices 1001, 1002 (−CN-7)": what the vendor reconciles the payment against.</summary>
    public static string RemittanceText(Payment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return payment.InvoiceNumbers.Length == 0 ? payment.EndToEndId : $"Invoices {payment.InvoiceNumbers}";
    }

    private static void Party(XmlWriter x, string element, string name)
    {
        x.WriteStartElement(element);
        x.WriteElementString("Nm", Text(name, 140));
        x.WriteEndElement();
    }

    private static void Account(XmlWriter x, string element, string? iban, string? accountNumber)
    {
        x.WriteStartElement(element);
        x.WriteStartElement("Id");
        if (iban is not null)
        {
            x.WriteElementString("IBAN", iban);
        }
        else
        {
            x.WriteStartElement("Othr");
            x.WriteElementString("Id", accountNumber ?? "NOTPROVIDED");
            x.WriteEndElement();
        }

        x.WriteEndElement();
        x.WriteEndElement();
    }

    /// <summary>A bank by BIC, or by US ABA routing number; the debtor's bank is required ("NOTPROVIDED" without either).</summary>
    private static void Agent(XmlWriter x, string element, bool v09, string? bic, string? routing, bool required)
    {
        if (bic is null && routing is null && !required)
        {
            return;
        }

        x.WriteStartElement(element);
        x.WriteStartElement("FinInstnId");
        if (bic is not null)
        {
            x.WriteElementString(v09 ? "BICFI" : "BIC", bic);
        }
        else if (routing is not null)
        {
            x.WriteStartElement("ClrSysMmbId");
            x.WriteStartElement("ClrSysId");
            x.WriteElementString("Cd", "USABA");
            x.WriteEndElement();
            x.WriteElementString("MmbId", routing);
            x.WriteEndElement();
        }
        else
        {
            x.WriteStartElement("Othr");
            x.WriteElementString("Id", "NOTPROVIDED");
            x.WriteEndElement();
        }

        x.WriteEndElement();
        x.WriteEndElement();
    }

    private static byte[] CsvFile(PaymentFileData data)
    {
        var csv = new StringBuilder(CsvTable.Line("end_to_end_id", "pay_date", "payee", "iban", "bic", "account_number", "routing_number", "currency", "amount", "discount", "reference"));
        foreach (var p in data.Payments.OrderBy(p => p.EndToEndId, StringComparer.Ordinal))
        {
            csv.Append(CsvTable.Line(p.EndToEndId, Date(data.PayDate), p.PayeeName, p.Iban, p.Bic, p.AccountNumber, p.RoutingNumber, p.Currency,
                Amount(p.AmountMinor, p.Currency), Amount(p.DiscountMinor, p.Currency), RemittanceText(p)));
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>The control sum: every amount, whatever its currency, as ISO 20022 defines it.</summary>
    private static string Sum(IEnumerable<Payment> payments) =>
        payments.Sum(p => new Money(p.AmountMinor, Currency.Of(p.Currency)).ToMajor()).ToString("0.00###", CultureInfo.InvariantCulture);

    private static string Amount(long minor, string currency) => new Money(minor, Currency.Of(currency)).ToAmountString();

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Text(string value, int max) => value.Length <= max ? value : value[..max];
}
