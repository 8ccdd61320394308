using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Platform.Jobs;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Requisitions;
using Tandem.Web.Tests.Vendors;

namespace Tandem.Web.Tests.Purchasing;

/// <summary>With the setting on, approved catalog-only requests become issued orders by themselves; free-text ones wait for a buyer.</summary>
public sealed class AutoOrderTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Catalog_requests_are_ordered_and_issued_automatically_once_approved()
    {
        using var controller = await factory.ClientForAsync("controller");
        using var settings = await controller.PutAsync("/api/v1/purchasing-settings", Json.Body("""{"overReceiptPercent":"5","autoOrderCatalog":true}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        using var bad = await controller.PutAsync("/api/v1/purchasing-settings", Json.Body("""{"overReceiptPercent":"150"}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var offer = await factory.WithDbAsync(db => db.Offers.Where(o => o.Currency == "USD")
            .Join(db.Vendors.Where(v => v.Status == Domain.Vendors.VendorStatus.Active), o => o.VendorId, v => v.Id, (o, v) => o.Id).FirstAsync(Ct));
        using var requester = await factory.ClientForAsync("requester");
        using var created = await requester.PostAsync("/api/v1/requisitions", Json.Body($$"""{"title":"Catalog reorder","lines":[{"offerId":"{{offer}}","quantity":"1"}]}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var catalog = await RequisitionSteps.SubmitAsync(requester, await Json.ReadAsync(created));
        var freeText = await PurchasingSteps.ApprovedRequisitionAsync(factory, "40.00", "Not from the catalog");
        Assert.Equal("approved", (string)catalog["status"]!);

        var job = factory.Services.GetServices<IScheduledJob>().OfType<AutoOrderJob>().Single();
        factory.Clock.Now = factory.Clock.Now.AddMinutes(2);
        Assert.True(await factory.Services.GetRequiredService<JobRunner>().RunIfDueAsync(job, Ct));

        var ordered = await Json.ReadAsync(await requester.GetAsync($"/api/v1/requisitions/{catalog["id"]}", Ct));
        Assert.Equal("ordered", (string)ordered["status"]!);
        var orders = await Json.ReadAsync(await requester.GetAsync($"/api/v1/purchase-orders?requisitionId={catalog["id"]}", Ct));
        var order = Assert.Single(orders["items"]!.AsArray())!;
        Assert.Equal("issued", (string)order["status"]!);
        var buyerName = (string)(await Json.ReadAsync(await requester.GetAsync($"/api/v1/purchase-orders/{order["id"]}", Ct)))["buyer"]!["name"]!;
        Assert.Equal("Blake Buyer", buyerName);

        // The order documents name the vendor's item by its SKU and classify it by the item's category.
        using var buyer = await factory.ClientForAsync("buyer");
        var ubl = await (await buyer.GetAsync($"/api/v1/purchase-orders/{order["id"]}/documents/ubl", Ct)).Content.ReadAsStringAsync(Ct);
        var item = await factory.WithDbAsync(db => db.Offers.Where(o => o.Id == offer).Join(db.Items, o => o.ItemId, i => i.Id, (o, i) => i)
            .Join(db.Categories, i => i.CategoryId, c => c.Id, (i, c) => new { i.Sku, c.Code }).SingleAsync(Ct));
        Assert.Contains($"<cbc:ID>{item.Sku}</cbc:ID>", ubl, StringComparison.Ordinal);
        Assert.Contains($"<cbc:ItemClassificationCode>{item.Code}</cbc:ItemClassificationCode>", ubl, StringComparison.Ordinal);
        var untouched = await Json.ReadAsync(await requester.GetAsync($"/api/v1/requisitions/{freeText["id"]}", Ct));
        Assert.Equal("approved", (string)untouched["status"]!);
    }
}
