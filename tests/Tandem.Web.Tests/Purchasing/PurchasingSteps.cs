using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Vendors;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Requisitions;

namespace Tandem.Web.Tests.Purchasing;

/// <summary>Shared steps of the purchasing tests: approved requests, orders made and issued, receipts, through the API.</summary>
internal static class PurchasingSteps
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A free-text request raised by the requester and approved by whoever its route names (buyer, manager, controller).</summary>
    public static async Task<JsonNode> ApprovedRequisitionAsync(TandemFactory factory, string amount, string title = "Lab centrifuge", string quantity = "1")
    {
        using var requester = await factory.ClientForAsync("requester");
        var gl = await RequisitionSteps.GlAccountAsync(factory);
        using var created = await requester.PostAsync("/api/v1/requisitions", Json.Body($$"""
            {"title":"{{title}}","lines":[{"description":"{{title}}","quantity":"{{quantity}}","unitPrice":"{{amount}}","glAccountId":"{{gl}}","needBy":"2026-12-15"}]}
            """), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await SubmittedAndApprovedAsync(factory, requester, await Json.ReadAsync(created));
    }

    /// <summary>A draft request submitted by its requester and approved by whoever its route names.</summary>
    public static async Task<JsonNode> SubmittedAndApprovedAsync(TandemFactory factory, HttpClient requester, JsonNode draft)
    {
        var requisition = await RequisitionSteps.SubmitAsync(requester, draft);
        for (var round = 0; round < 4 && (string)requisition["status"]! == "inApproval"; round++)
        {
            foreach (var who in new[] { "buyer", "approver", "controller" })
            {
                using var client = await factory.ClientForAsync(who);
                using var decided = await RequisitionSteps.DecideAsync(client, requisition, "approve");
                if (decided.StatusCode == HttpStatusCode.OK)
                {
                    requisition = await Json.ReadAsync(decided);
                    break;
                }
            }
        }

        Assert.Equal("approved", (string)requisition["status"]!);
        return requisition;
    }

    /// <summary>An active vendor of the demo catalog that has an order contact.</summary>
    public static Task<Guid> ActiveVendorAsync(TandemFactory factory) =>
        factory.WithDbAsync(db => db.Vendors.Where(v => v.Status == VendorStatus.Active && v.Contacts.Any(c => c.Email != null)).OrderBy(v => v.Code).Select(v => v.Id).FirstAsync());

    /// <summary>A new active vendor of its own (so a test's figures are its own), with an order contact.</summary>
    public static Task<Guid> NewVendorAsync(TandemFactory factory, string code) => factory.WithDbAsync(async db =>
    {
        var template = await db.Vendors.AsNoTracking().FirstAsync(v => v.Status == VendorStatus.Active);
        var id = Guid.CreateVersion7();
        db.Vendors.Add(new Web.Features.Vendors.Vendor
        {
            Id = id,
            CompanyId = template.CompanyId,
            Code = code,
            LegalName = $"{code} Supplies Ltd",
            Country = "US",
            DefaultCurrency = "USD",
            PaymentNetDays = 30,
            Status = VendorStatus.Active,
            RequestedById = template.RequestedById,
            CreatedById = template.CreatedById,
            CreatedAtUtc = template.CreatedAtUtc,
            Contacts = [new Web.Features.Vendors.VendorContact { Id = Guid.CreateVersion7(), VendorId = id, CompanyId = template.CompanyId, Name = "Orders", Email = $"orders@{code.ToLowerInvariant()}.example", Role = "Orders" }],
        });
        await db.SaveChangesAsync();
        return id;
    });

    public static Task<HttpResponseMessage> CreateOrderAsync(HttpClient buyer, Guid vendorId, IEnumerable<string> requisitionLineIds, string extra = "") =>
        buyer.PostAsync("/api/v1/purchase-orders", Json.Body($$"""
            {"vendorId":"{{vendorId}}",{{extra}}"lines":[{{string.Join(',', requisitionLineIds.Select(id => $$"""{"requisitionLineId":"{{id}}","taxRate":"10"}"""))}}]}
            """), Ct);

    /// <summary>A draft order for every line of the request, from the given vendor.</summary>
    public static async Task<JsonNode> OrderAsync(TandemFactory factory, JsonNode requisition, Guid vendorId)
    {
        using var buyer = await factory.ClientForAsync("buyer");
        using var response = await CreateOrderAsync(buyer, vendorId, requisition["lines"]!.AsArray().Select(l => (string)l!["id"]!));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    public static async Task<JsonNode> PostOkAsync(HttpClient client, string url, string body = "{}")
    {
        using var response = await client.PostAsync(url, Json.Body(body), Ct);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await Json.ReadAsync(response);
    }

    /// <summary>An issued order for a fresh approved request of one line (quantity × price).</summary>
    public static async Task<JsonNode> IssuedOrderAsync(TandemFactory factory, string price, string quantity = "1", string title = "Lab centrifuge", Guid? vendorId = null)
    {
        var order = await OrderAsync(factory, await ApprovedRequisitionAsync(factory, price, title, quantity), vendorId ?? await ActiveVendorAsync(factory));
        using var buyer = await factory.ClientForAsync("buyer");
        return await PostOkAsync(buyer, $"/api/v1/purchase-orders/{order["id"]}/issue");
    }

    /// <summary>What a document consumes of each budget line covering it, by kind (the same amount on each line: the most of any).</summary>
    public static Task<Dictionary<string, long>> LedgerAsync(TandemFactory factory, string documentId) =>
        factory.WithDbAsync(async db => (await db.BudgetConsumptions.Where(c => c.DocumentId == Guid.Parse(documentId)).ToListAsync())
            .GroupBy(c => c.Kind.ToString()).ToDictionary(g => g.Key, g => g.GroupBy(c => c.BudgetLineId).Max(l => l.Sum(c => c.AmountMinor))));
}
