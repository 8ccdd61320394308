using System.Text.Json.Nodes;

namespace Tandem.Cycle;

/// <summary>
/// What every cycle uses, found (or made once) through the API of a demo company: a "BENCH" department managed by the
/// demo approver (so the route is one step, and no demo budget steers it), three catalog offers of one vendor (found by
/// the requester's catalog search, as a person would) and the company's bank account.
/// </summary>
/// <param name="QuantityBase">
/// Cycle n orders <c>QuantityBase + n</c> cable ties at 0.01, so every invoice has its own total: the same vendor and
/// total within days would rightly be held as a possible duplicate. It starts above the company's order count, so a
/// second run on the same database does not repeat the totals of the first.
/// </param>
public sealed record CycleWorld(string DepartmentId, IReadOnlyList<string> OfferIds, string VendorId, string BankAccountId, long QuantityBase)
{
    /// <summary>A monitor and five keyboards from Contoso (528.50 USD) and cable ties: inside the starter policy's one-step band (500–4,999.99).</summary>
    public static readonly (string Sku, int Quantity)[] Basket = [("MON-27-4K", 1), ("KBD-WL-US", 5), (TieSku, 0)];

    private const string TieSku = "BENCH-TIE";

    public static async Task<CycleWorld> PrepareAsync(Func<string, Task<HttpClient>> signIn)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        using var admin = await signIn("admin");
        var department = await DepartmentAsync(admin);
        using var requester = await signIn("requester");
        using var buyer = await signIn("buyer");
        var offers = new List<string>();
        JsonNode? monitor = null;
        foreach (var (sku, _) in Basket)
        {
            var hit = await FindAsync(requester, sku);
            if (hit is null && sku == TieSku)
            {
                await CableTiesAsync(buyer, monitor!);
                hit = await FindAsync(requester, sku);
            }

            offers.Add((string)hit!["bestOffer"]!["offerId"]!);
            monitor ??= hit;
        }

        var orders = (long)(await Http.GetJsonAsync(buyer, "/api/v1/purchase-orders?pageSize=1"))["totalCount"]!;
        using var controller = await signIn("controller");
        return new CycleWorld(department, offers, (string)monitor!["bestOffer"]!["vendorId"]!, await BankAccountAsync(controller), orders + 1);
    }

    private static async Task<JsonNode?> FindAsync(HttpClient requester, string sku) =>
        (await Http.GetJsonAsync(requester, $"/api/v1/catalog/search?q={sku}"))["items"]!.AsArray().FirstOrDefault(i => (string?)i!["sku"] == sku);

    /// <summary>The cable-tie item, its offer from the monitor's vendor and a curated catalog showing it to everyone.</summary>
    private static async Task CableTiesAsync(HttpClient buyer, JsonNode monitor)
    {
        var item = await Http.SendAsync(buyer, HttpMethod.Post, "/api/v1/catalog/items",
            $$"""{"sku":"{{TieSku}}","name":"Cable tie 200 mm (cycle benchmark)","unit":"EA","categoryId":"{{monitor["categoryId"]}}"}""");
        var id = item.Body!["id"];
        await Http.SendAsync(buyer, HttpMethod.Post, "/api/v1/catalog/offers",
            $$"""{"itemId":"{{id}}","vendorId":"{{monitor["bestOffer"]!["vendorId"]}}","unitPrice":{"amount":"0.01","currency":"USD"},"minimumQuantity":"1","packSize":"1","leadTimeDays":5,"validFrom":"2020-01-01"}""");
        await Http.SendAsync(buyer, HttpMethod.Post, "/api/v1/catalog/catalogs",
            $$"""{"code":"BENCH","name":"Cycle benchmark","audience":[{"kind":"everyone"}],"itemIds":["{{id}}"]}""");
    }

    private static async Task<string> DepartmentAsync(HttpClient admin)
    {
        var existing = (await Http.GetJsonAsync(admin, "/api/v1/departments?q=BENCH"))["items"]!.AsArray()
            .FirstOrDefault(d => (string?)d!["code"] == "BENCH");
        if (existing is not null)
        {
            return (string)existing["id"]!;
        }

        var approver = (await Http.GetJsonAsync(admin, "/api/v1/users?q=approver@demo.tandem.dev"))["items"]!.AsArray().Single()!["id"]!;
        var created = await Http.SendAsync(admin, HttpMethod.Post, "/api/v1/departments", $$"""{"code":"BENCH","name":"Benchmark","managerId":"{{approver}}"}""");
        return (string)created.Body!["id"]!;
    }

    private static async Task<string> BankAccountAsync(HttpClient controller)
    {
        var accounts = (await Http.GetJsonAsync(controller, "/api/v1/bank-accounts")).AsArray();
        if (accounts.FirstOrDefault(a => (bool?)a!["active"] != false && (string?)a!["currency"] == "USD") is { } account)
        {
            return (string)account["id"]!;
        }

        var created = await Http.SendAsync(controller, HttpMethod.Post, "/api/v1/bank-accounts", """
            {"name":"Operating (cycle benchmark)","currency":"USD","fileFormat":"pain.001.001.09","bank":{"accountHolder":"Demo Company Inc","iban":"GB29NWBK60161331926819","bic":"NWBKGB2L"}}
            """);
        return (string)created.Body!["id"]!;
    }
}
