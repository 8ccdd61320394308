using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Schema;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;
using Tandem.Web.Platform.Email;
using Tandem.Web.Platform.Jobs;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Vendors;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Purchasing;

/// <summary>The order as documents: a real PDF (opened by an independent reader), UBL validated by the official schema, cXML by the official DTD, the e-mail and the vendor's link.</summary>
public sealed partial class PurchaseOrderDocumentTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> IssuedWithExtrasAsync()
    {
        var requisition = await ApprovedRequisitionAsync(factory, "1234.50", "Centrifuge (12 x 50 ml) & rotor", quantity: "3");
        using var buyer = await factory.ClientForAsync("buyer");
        using var created = await CreateOrderAsync(buyer, await ActiveVendorAsync(factory), [(string)requisition["lines"]![0]!["id"]!],
            "\"incoterms\":\"DAP\",\"notes\":\"Deliver to the lab, floor 2\",\"paymentTerms\":{\"netDays\":30,\"discountPercent\":\"2\",\"discountDays\":10},");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var order = await Json.ReadAsync(created);
        Assert.Equal("2/10 net 30", (string)order["paymentTerms"]!);
        await PostOkAsync(buyer, $"/api/v1/purchase-orders/{order["id"]}/issue");
        return (string)order["id"]!;
    }

    private async Task<byte[]> DocumentAsync(string id, string format)
    {
        using var buyer = await factory.ClientForAsync("buyer");
        using var response = await buyer.GetAsync($"/api/v1/purchase-orders/{id}/documents/{format}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(Ct);
    }

    [Fact]
    public async Task The_UBL_order_is_valid_against_the_official_UBL_2_1_schema()
    {
        var xsd = Interop.PathOf("ubl-2.1/xsdrt/maindoc/UBL-Order-2.1.xsd");
        var xml = await DocumentAsync(await IssuedWithExtrasAsync(), "ubl");
        var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        // The signature schema the Order schema imports starts with a DOCTYPE, which the schema loader refuses; load it first, ignoring that.
        using (var signature = XmlReader.Create(Path.Combine(Path.GetDirectoryName(xsd)!, "..", "common", "UBL-xmldsig-core-schema-2.1.xsd"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }))
        {
            schemas.Add(null, signature);
        }

        schemas.Add(null, xsd);
        var errors = Validate(xml, new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas });
        Assert.Empty(errors);
        var text = Encoding.UTF8.GetString(xml);
        Assert.Contains("<cbc:PayableAmount currencyID=\"USD\">4073.85</cbc:PayableAmount>", text); // 3 × 1,234.50 + 10 % tax
        Assert.Contains("<cbc:ID>DAP</cbc:ID>", text);
    }

    [Fact]
    public async Task The_cXML_order_request_is_valid_against_the_official_DTD()
    {
        var dtd = Interop.PathOf("cxml/dtd/1.2.063/cXML.dtd");
        var xml = await DocumentAsync(await IssuedWithExtrasAsync(), "cxml");
        Assert.Equal("", await XmllintAsync(dtd, xml));
        var text = Encoding.UTF8.GetString(xml);
        Assert.Contains("<DiscountPercent percent=\"2\" />", text);
        Assert.Contains("<Money currency=\"USD\">4073.85</Money>", text);
    }

    [Fact]
    public async Task The_PDF_opens_in_an_independent_reader_and_shows_the_order()
    {
        var id = await IssuedWithExtrasAsync();
        var pdf = await DocumentAsync(id, "pdf");
        Assert.StartsWith("%PDF-1.4", Encoding.ASCII.GetString(pdf, 0, 8));
        var text = PdfText(pdf);
        Assert.Contains("PURCHASE ORDER", text);
        Assert.Contains("Centrifuge (12 x 50 ml) & rotor", text);
        Assert.Contains("3,703.50", text);
        Assert.Contains("4,073.85", text);
        Assert.Contains("Payment: 2/10 net 30", text);
        Assert.Contains("Incoterms: DAP", text);
        Assert.Contains("Deliver to the lab, floor 2", text);
    }

    [Fact]
    public void A_long_order_runs_over_several_pages_with_every_line()
    {
        var order = new Web.Features.PurchaseOrders.PurchaseOrder { Number = "PO-2026-000999", Currency = "EUR", CreatedAtUtc = new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc) };
        order.Lines.AddRange(Enumerable.Range(1, 120).Select(i => new Web.Features.PurchaseOrders.PurchaseOrderLine
        {
            LineNo = i,
            Description = $"Part {i} with a description long enough to be cut short at the column's edge, as a long one would",
            QuantityUnits = 10_000 * i,
            Unit = "EA",
            UnitPriceMicros = 1_250_000,
            NeedBy = new DateOnly(2027, 1, 15),
        }));
        Web.Features.PurchaseOrders.PurchaseOrderTotals.Recalculate(order);
        var address = new Web.Features.PurchaseOrders.DocumentAddress("Main office", "1 Main St", "Springfield", "12345", "US");
        var document = new Web.Features.PurchaseOrders.OrderDocument(order, "Acme €uro GmbH", "ACME", "DE", "Vendor (Ltd)", "V1", "DE123", address, address, address,
            [.. order.Lines.Select(l => new Web.Features.PurchaseOrders.DocumentLine(l, null, "EA", null))]);
        var pdf = Web.Features.PurchaseOrders.PurchaseOrderPdf.Render(document);
        using var reader = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        Assert.True(reader.PageCount >= 3, $"{reader.PageCount} pages");
        var text = PdfText(pdf);
        Assert.Contains("PO-2026-000999 (continued)", text);
        Assert.Contains("Part 120 with", text);
        Assert.Contains("...", text);
        Assert.Contains("9,075.00", text); // 1.25 × (1 + … + 120)
        Assert.Contains("Acme \u0080uro GmbH", text); // the euro sign is byte 0x80 in WinAnsiEncoding; the reader hands back raw bytes
    }

    [Fact]
    public async Task Issuing_mails_the_PDF_to_the_vendor_whose_link_confirms_the_order()
    {
        var id = await IssuedWithExtrasAsync();
        var runner = factory.Services.GetRequiredService<JobRunner>();
        var delivery = factory.Services.GetServices<IScheduledJob>().OfType<EmailDeliveryJob>().Single();
        factory.Clock.Now = factory.Clock.Now.AddMinutes(5);
        Assert.True(await runner.RunIfDueAsync(delivery, Ct));
        using var reader = await factory.ClientForAsync("buyer");
        var number = (string)(await Json.ReadAsync(await reader.GetAsync($"/api/v1/purchase-orders/{id}", Ct)))["number"]!;
        var body = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.OutboxEmails.Where(m => m.Subject.StartsWith($"Purchase order {number} ") && m.SentAtUtc != null)));
        Assert.Equal("application/pdf", body.AttachmentContentType);
        var mail = Assert.Single(factory.Smtp.Messages, m => m.Data.Contains($"Purchase order {number} ", StringComparison.Ordinal));
        Assert.Contains("application/pdf", mail.Data);
        Assert.StartsWith("<orders@", mail.To[0], StringComparison.Ordinal);
        var link = ConfirmLink().Match(body.Body).Value;
        Assert.NotEmpty(link);

        using var anonymous = factory.CreateClient();
        using var forged = await anonymous.GetAsync("/PurchaseOrders/Confirm?token=not-a-token", Ct);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        var path = new Uri(link).PathAndQuery;
        using var page = await anonymous.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Confirm this order", html);
        var antiforgery = AntiforgeryToken().Match(html).Groups[1].Value;
        using var confirmed = await anonymous.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query)["token"]!,
            ["name"] = "Jo Vendor",
            ["__RequestVerificationToken"] = antiforgery,
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("the order is confirmed", await confirmed.Content.ReadAsStringAsync(Ct));

        using var buyer = await factory.ClientForAsync("buyer");
        var order = await Json.ReadAsync(await buyer.GetAsync($"/api/v1/purchase-orders/{id}", Ct));
        Assert.Equal("acknowledged", (string)order["status"]!);
        Assert.Equal("Jo Vendor (vendor, by link)", (string)order["acknowledgedBy"]!);
    }

    private static List<string> Validate(byte[] xml, XmlReaderSettings settings)
    {
        var errors = new List<string>();
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
        using var reader = XmlReader.Create(new MemoryStream(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    /// <summary>Every string the PDF's pages show, in order, read by PDFsharp's content parser.</summary>
    private static string PdfText(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var text = new StringBuilder();
        foreach (var page in document.Pages)
        {
            Collect(ContentReader.ReadContent(page), text);
        }

        return text.ToString();
    }

    private static void Collect(CObject content, StringBuilder text)
    {
        switch (content)
        {
            case COperator { OpCode.Name: "Tj" } op:
                text.Append(((CString)op.Operands[0]).Value).Append('\n');
                break;
            case CSequence sequence:
                foreach (var item in sequence)
                {
                    Collect(item, text);
                }

                break;
        }
    }

    /// <summary>
    /// Validates with libxml2 against the official DTD (.NET's DTD parser rejects the cXML DTD's parameter entities);
    /// nothing is fetched. The errors, or "" when valid. CI installs libxml2-utils.
    /// </summary>
    private static async Task<string> XmllintAsync(string dtd, byte[] xml)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, xml, Ct);
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("xmllint", ["--noout", "--nonet", "--dtdvalid", dtd, file])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            }) ?? throw new InvalidOperationException("xmllint did not start");
            var errors = await process.StandardError.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);
            return process.ExitCode == 0 ? "" : errors;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip("xmllint (Debian package libxml2-utils) is not installed; .ci/run installs it.");
            throw;
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"http://\S+/PurchaseOrders/Confirm\?token=\S+")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex(@"name=""__RequestVerificationToken"" type=""hidden"" value=""([^""]+)""")]
    private static partial Regex AntiforgeryToken();
}
