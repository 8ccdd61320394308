using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Purchasing;

/// <summary>Saving a match tolerance matches the invoices waiting in exception again (a database of its own: it changes the tolerances).</summary>
public sealed class ToleranceRematchTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_looser_tolerance_releases_the_invoices_waiting_on_the_old_one()
    {
        using var controller = await factory.ClientForAsync("controller");
        await MatchToleranceTests.PutAsync(controller, """{"pricePercent":"1","amountPercent":"1"}"""); // the company default, as in the worked example
        var vendor = await NewVendorAsync(factory, "TOL3");
        var waiting = await MatchToleranceTests.InvoiceAsync(factory, vendor, "B-3", "2.04"); // +2 %: over the default
        Assert.Equal("exception", (string)waiting["status"]!);
        var other = await MatchToleranceTests.InvoiceAsync(factory, await NewVendorAsync(factory, "TOL4"), "B-4", "2.04");

        await MatchToleranceTests.PutAsync(controller, $$"""{"vendorId":"{{vendor}}","pricePercent":"2","amountPercent":"2"}""");
        using var ap = await factory.ClientForAsync("ap");
        var released = await Json.ReadAsync(await ap.GetAsync($"/api/v1/invoices/{waiting["id"]}", Ct));
        Assert.Equal("readyToPay", (string)released["status"]!);
        Assert.Equal("withinTolerance", (string)released["lines"]![0]!["matchStatus"]!);
        Assert.Equal("4.00", (string)released["lines"]![0]!["variance"]!["amount"]!);
        var untouched = await Json.ReadAsync(await ap.GetAsync($"/api/v1/invoices/{other["id"]}", Ct));
        Assert.Equal("exception", (string)untouched["status"]!); // another vendor's rule still applies to it
    }
}
