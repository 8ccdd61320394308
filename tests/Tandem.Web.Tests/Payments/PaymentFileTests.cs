using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Vendors;
using static Tandem.Web.Tests.Payments.PaymentSteps;

namespace Tandem.Web.Tests.Payments;

/// <summary>The bank files of an approved run, validated against the official ISO 20022 pain.001 schemas.</summary>
public sealed class PaymentFileTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("pain.001.001.09")]
    [InlineData("pain.001.001.03")]
    public async Task The_pain_001_file_is_valid_against_the_official_schema_with_correct_counts_and_sums(string format)
    {
        var schema = Interop.PathOf($"iso20022/pain.001/xsd/{format}.xsd");
        var suffix = format[^2..];
        var sepa = await PayableVendorAsync(factory, $"PF{suffix}A", "net 10");
        var us = await PayableVendorAsync(factory, $"PF{suffix}B", "net 10", iban: null);
        await ReadyInvoiceAsync(factory, sepa, "1234.56", "2027-08-01", $"F{suffix}-1");
        await ReadyInvoiceAsync(factory, sepa, "100.00", "2027-08-02", $"F{suffix}-2");
        await ReadyInvoiceAsync(factory, us, "99.99", "2027-08-01", $"F{suffix}-3");
        var id = await ApprovedRunAsync(factory, "2027-08-12");
        using var ap = await factory.ClientForAsync("ap");
        var run = await RunAsync(ap, id);
        var xml = await FileAsync(ap, id, format);

        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, DtdProcessing = DtdProcessing.Prohibit };
        settings.Schemas.Add(null, schema);
        var errors = new List<string>();
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message}");
        using (var reader = XmlReader.Create(new MemoryStream(xml), settings))
        {
            while (reader.Read())
            {
            }
        }

        Assert.Empty(errors);
        var doc = XDocument.Load(new MemoryStream(xml));
        XNamespace ns = $"urn:iso:std:iso:20022:tech:xsd:{format}";
        var transactions = doc.Descendants(ns + "CdtTrfTxInf").ToList();
        var payments = run["payments"]!.AsArray();
        Assert.Equal(payments.Count, transactions.Count);
        Assert.Equal(payments.Count.ToString(CultureInfo.InvariantCulture), doc.Descendants(ns + "GrpHdr").Single().Element(ns + "NbOfTxs")!.Value);
        var sum = transactions.Sum(t => decimal.Parse(t.Element(ns + "Amt")!.Element(ns + "InstdAmt")!.Value, CultureInfo.InvariantCulture));
        Assert.Equal(sum, decimal.Parse(doc.Descendants(ns + "GrpHdr").Single().Element(ns + "CtrlSum")!.Value, CultureInfo.InvariantCulture));
        Assert.Equal(payments.Sum(p => decimal.Parse((string)p!["amount"]!["amount"]!, CultureInfo.InvariantCulture)), sum);
        foreach (var block in doc.Descendants(ns + "PmtInf"))
        {
            var inBlock = block.Elements(ns + "CdtTrfTxInf").ToList();
            Assert.Equal(inBlock.Count.ToString(CultureInfo.InvariantCulture), block.Element(ns + "NbOfTxs")!.Value);
            Assert.Equal(inBlock.Sum(t => decimal.Parse(t.Descendants(ns + "InstdAmt").Single().Value, CultureInfo.InvariantCulture)),
                decimal.Parse(block.Element(ns + "CtrlSum")!.Value, CultureInfo.InvariantCulture));
        }

        var endToEnd = transactions.Select(t => t.Descendants(ns + "EndToEndId").Single().Value).ToList();
        Assert.Equal(endToEnd.Count, endToEnd.Distinct().Count());
        var sepaPayment = transactions.Single(t => t.Descendants(ns + "EndToEndId").Single().Value == (string)PaymentOf(run, sepa)!["endToEndId"]!);
        Assert.Equal("1334.56", sepaPayment.Descendants(ns + "InstdAmt").Single().Value);
        Assert.Equal("DE89370400440532013000", sepaPayment.Descendants(ns + "IBAN").Single().Value);
        Assert.Contains($"F{suffix}-1, F{suffix}-2", sepaPayment.Descendants(ns + "Ustrd").Single().Value, StringComparison.Ordinal);
        var usPayment = transactions.Single(t => t.Descendants(ns + "EndToEndId").Single().Value == (string)PaymentOf(run, us)!["endToEndId"]!);
        Assert.Equal("021000021", usPayment.Descendants(ns + "MmbId").Single().Value);
        Assert.Equal("000123456789", usPayment.Element(ns + "CdtrAcct")!.Descendants(ns + "Id").Last().Value);

        var messageId = doc.Descendants(ns + "MsgId").Single().Value;
        Assert.StartsWith((string)run["run"]!["number"]!, messageId, StringComparison.Ordinal);
        var csv = System.Text.Encoding.UTF8.GetString(await FileAsync(ap, id, "csv"));
        Assert.Contains("end_to_end_id,pay_date,payee", csv, StringComparison.Ordinal);
        Assert.Equal(payments.Count + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Message_ids_differ_between_runs_and_files_are_kept_as_written()
    {
        var vendor = await PayableVendorAsync(factory, "PFMSG", "net 10");
        await ReadyInvoiceAsync(factory, vendor, "10.00", "2027-09-01", "M-1");
        var first = await ApprovedRunAsync(factory, "2027-09-11");
        await ReadyInvoiceAsync(factory, vendor, "20.00", "2027-09-05", "M-2");
        var second = await ApprovedRunAsync(factory, "2027-09-15");
        using var ap = await factory.ClientForAsync("ap");
        static string MsgId(byte[] xml) => XDocument.Load(new MemoryStream(xml)).Descendants().Single(e => e.Name.LocalName == "MsgId").Value;
        var a = await FileAsync(ap, first, "pain.001.001.09");
        Assert.NotEqual(MsgId(a), MsgId(await FileAsync(ap, second, "pain.001.001.09")));
        Assert.NotEqual(MsgId(a), MsgId(await FileAsync(ap, first, "pain.001.001.03")));
        Assert.Equal(a, await FileAsync(ap, first, "pain.001.001.09"));
    }
}
