using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Money;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Vendors;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>An address as the order documents print it.</summary>
public sealed record DocumentAddress(string Name, string? Street, string? City, string? PostalCode, string Country);

/// <summary>An order line as the documents print it: the vendor's SKU (or the item's) and a UN/ECE unit code.</summary>
public sealed record DocumentLine(PurchaseOrderLine Line, string? Sku, string UnitCode, string? CategoryCode);

/// <summary>
/// Everything the PDF, UBL and cXML renderings of an order need, read once: the order, the company as buyer, the vendor
/// with its order-to address and tax id, the ship-to and bill-to addresses and each line's SKU and unit code.
/// </summary>
public sealed record OrderDocument(
    PurchaseOrder Order, string CompanyName, string CompanyCode, string CompanyCountry, string VendorName, string VendorCode, string? VendorTaxId,
    DocumentAddress VendorAddress, DocumentAddress? ShipTo, DocumentAddress? BillTo, IReadOnlyList<DocumentLine> Lines)
{
    public Currency Currency => Currency.Of(Order.Currency);

    public PaymentTerms Terms => Order.Terms;

    public static async Task<OrderDocument> LoadAsync(TandemDb db, PurchaseOrder order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        return await LoadAsync(db, order, await db.Vendors.AsNoTracking().Include(v => v.Addresses).SingleAsync(v => v.Id == order.VendorId, ct), ct);
    }

    /// <summary>The same, for a caller that has read the order's vendor already.</summary>
    /// <param name="vendor">The order's vendor, with its addresses.</param>
    public static async Task<OrderDocument> LoadAsync(TandemDb db, PurchaseOrder order, Vendor vendor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(vendor);
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == order.CompanyId, ct);
        var locationIds = new[] { order.ShipToLocationId, order.BillToLocationId }.OfType<Guid>().ToList();
        var locations = await db.Locations.AsNoTracking().Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        // The items' SKUs and the categories' codes in one round trip (ids are unique across both tables).
        var itemIds = order.Lines.Select(l => l.ItemId).OfType<Guid>().Distinct().ToList();
        var categoryIds = order.Lines.Select(l => l.CategoryId).OfType<Guid>().Distinct().ToList();
        var codes = itemIds.Count + categoryIds.Count == 0 ? [] : await db.Items.AsNoTracking().Where(i => itemIds.Contains(i.Id)).Select(i => new { i.Id, Code = (string?)i.Sku })
            .Concat(db.Categories.AsNoTracking().Where(c => categoryIds.Contains(c.Id)).Select(c => new { c.Id, Code = (string?)c.Code }))
            .ToDictionaryAsync(x => x.Id, x => x.Code, ct);
        var anyLocation = locations.Values.FirstOrDefault();
        var orderTo = vendor.Addresses.FirstOrDefault(a => a.Kind == "orderTo") ?? vendor.Addresses.FirstOrDefault();
        DocumentAddress? At(Guid? id) => id is { } x && locations.TryGetValue(x, out var l) ? new DocumentAddress(l.Name, l.AddressLine, l.City, l.PostalCode, l.Country) : null;
        return new OrderDocument(
            order, company.Name, company.Code, anyLocation?.Country ?? vendor.Country, vendor.TradingName ?? vendor.LegalName, vendor.Code, vendor.TaxId,
            orderTo is null ? new DocumentAddress(vendor.LegalName, null, null, null, vendor.Country)
                : new DocumentAddress(vendor.LegalName, string.Join(", ", new[] { orderTo.Line1, orderTo.Line2 }.Where(s => !string.IsNullOrEmpty(s))), orderTo.City, orderTo.PostalCode, orderTo.Country),
            At(order.ShipToLocationId), At(order.BillToLocationId),
            [.. order.Lines.OrderBy(l => l.LineNo).Select(l => new DocumentLine(l, l.ItemId is { } i ? codes.GetValueOrDefault(i) : null, UnitCode(l.Unit),
                l.CategoryId is { } c ? codes.GetValueOrDefault(c) : null))]);
    }

    /// <summary>A UN/ECE Recommendation 20 unit code: the line's unit when it already is one (EA, HUR, KGM, ...), else EA.</summary>
    public static string UnitCode(string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var u = unit.Trim().ToUpperInvariant();
        return u switch
        {
            "EACH" or "PC" or "PCS" or "PIECE" or "UNIT" => "EA",
            "HOUR" or "HOURS" or "HR" or "H" => "HUR",
            "DAY" or "DAYS" => "DAY",
            "KG" => "KGM",
            "BOX" => "BX",
            "MONTH" or "MONTHS" => "MON",
            _ when u.Length is >= 2 and <= 3 && u.All(char.IsAsciiLetterOrDigit) => u,
            _ => "EA",
        };
    }
}
