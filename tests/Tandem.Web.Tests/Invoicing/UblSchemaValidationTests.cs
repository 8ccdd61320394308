using System.Net;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Web.Features.Invoices.Capture;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Invoicing;

/// <summary>The app with the operator's UBL schema folder configured (here the official UBL 2.1 schemas of the interop folder).</summary>
public sealed class UblSchemaFactory : TandemFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (Interop.FolderOrNull("ubl-2.1/xsdrt") is { } folder)
        {
            builder.UseSetting("Invoices:UblSchemaFolder", folder);
        }
    }
}

/// <summary>Optional XSD validation of received invoices against operator-provided UBL 2.1 schemas (issue: AP capture).</summary>
public sealed class UblSchemaValidationTests(UblSchemaFactory factory) : IClassFixture<UblSchemaFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private UblSchemas Schemas()
    {
        _ = Interop.FolderOf("ubl-2.1/xsdrt"); // skips, saying why, when the official schemas are not beside this clone
        var schemas = factory.Services.GetRequiredService<UblSchemas>();
        Assert.True(schemas.Enabled);
        return schemas;
    }

    private Task<HttpResponseMessage> DeliverAsync(byte[] xml, string fileName) =>
        UblSamples.DeliverAsync(factory, xml, fileName, Ct);

    [Fact]
    public async Task Every_official_example_is_valid_against_the_schema_and_still_imports()
    {
        var schemas = Schemas();
        foreach (var file in En16931OracleTests.Examples())
        {
            var failures = schemas.Validate(XDocument.Load(file, LoadOptions.SetLineInfo));
            Assert.True(failures.Count == 0, $"{Path.GetFileName(file)}: {string.Join("; ", failures.Select(f => f.Message))}");
        }

        var example = En16931OracleTests.Examples()[0];
        using var response = await DeliverAsync(await File.ReadAllBytesAsync(example, Ct), Path.GetFileName(example));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task An_element_the_schema_does_not_allow_is_refused_with_its_line_and_nothing_is_stored()
    {
        _ = Schemas();
        // The business rules do not look for unknown elements; only the schema does.
        var valid = Encoding.UTF8.GetString(UblSamples.Invoice("XSD-1", "US999", null, [new(1, 2, 10.00m)]));
        var xml = valid.Replace("<cbc:DocumentCurrencyCode>USD</cbc:DocumentCurrencyCode>",
            "<cbc:DocumentCurrencyCode>USD</cbc:DocumentCurrencyCode><cbc:Colour>blue</cbc:Colour>", StringComparison.Ordinal);
        Assert.NotEqual(valid, xml);
        Assert.Empty(En16931.Validate(XDocument.Parse(xml)));
        var before = await factory.WithDbAsync(db => db.InvoiceDocuments.CountAsync(Ct));

        using var response = await DeliverAsync(Encoding.UTF8.GetBytes(xml), "colour.xml");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Json.ReadAsync(response);
        var message = Assert.Single(problem["errors"]!["file"]!.AsArray().Select(e => (string)e!));
        Assert.StartsWith("[UBL-XSD] Not valid against the UBL 2.1 schema:", message, StringComparison.Ordinal);
        Assert.Contains("Colour", message, StringComparison.Ordinal);
        Assert.Contains("(line ", message, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.InvoiceDocuments.CountAsync(Ct)));
    }

    [Fact]
    public void A_folder_without_the_schemas_stops_the_start_with_a_clear_message()
    {
        var folder = Directory.CreateTempSubdirectory("tandem-xsd-").FullName;
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => new UblSchemas(Settings(folder)));
            Assert.Contains("Invoices:UblSchemaFolder", error.Message, StringComparison.Ordinal);
            Assert.Contains("UBL-Invoice-2.1.xsd", error.Message, StringComparison.Ordinal);
            Assert.False(new UblSchemas(Settings(null)).Enabled);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Schemas_are_read_only_from_inside_the_folder()
    {
        var folder = Directory.CreateTempSubdirectory("tandem-xsd-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "maindoc"));
            Directory.CreateDirectory(Path.Combine(folder, "common"));
            const string Empty = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x"/>""";
            File.WriteAllText(Path.Combine(folder, "common", "UBL-xmldsig-core-schema-2.1.xsd"), Empty);
            File.WriteAllText(Path.Combine(folder, "maindoc", "UBL-CreditNote-2.1.xsd"), Empty);
            File.WriteAllText(Path.Combine(folder, "maindoc", "UBL-Invoice-2.1.xsd"),
                """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x"><xs:include schemaLocation="../../outside.xsd"/></xs:schema>""");

            var error = Assert.Throws<InvalidOperationException>(() => new UblSchemas(Settings(folder)));
            Assert.Contains("outside the schema folder", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IConfiguration Settings(string? folder) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Invoices:UblSchemaFolder"] = folder }).Build();
}
