using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Money;
using Tandem.Domain.Purchasing;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.BlanketOrders;

public sealed record AgreedPrice(Guid Id, Guid? ItemId, string Description, string Unit, string UnitPrice);

public sealed record ReleaseRef(Guid Id, string Number, PurchaseOrderStatus Status, MoneyDto Subtotal, bool OverrunPending, DateTime CreatedAtUtc);

public sealed record BlanketOrderResponse(
    Guid Id, string Number, Guid VendorId, string VendorName, string Currency, MoneyDto Limit, MoneyDto Released, MoneyDto Remaining, DateOnly ValidFrom, DateOnly ValidTo,
    string OverLimit, string Status, string? Notes, IReadOnlyList<AgreedPrice> Prices, IReadOnlyList<ReleaseRef> Releases, int Version) : IVersionedResponse
{
    /// <summary>The agreement with its prices and its draw-down: every release, what they took and what remains.</summary>
    public static async Task<BlanketOrderResponse> BuildAsync(TandemDb db, BlanketOrder b, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(b);
        var vendor = await db.Vendors.AsNoTracking().Where(v => v.Id == b.VendorId).Select(v => v.TradingName ?? v.LegalName).SingleAsync(ct);
        var releases = await db.PurchaseOrders.AsNoTracking().Where(p => p.BlanketOrderId == b.Id).OrderBy(p => p.CreatedAtUtc).ThenBy(p => p.Number)
            .Select(p => new { p.Id, p.Number, p.Status, p.SubtotalMinor, p.OverrunPending, p.CreatedAtUtc }).ToListAsync(ct);
        var currency = Domain.Money.Currency.Of(b.Currency);
        MoneyDto M(long minor) => MoneyDto.From(new Money(minor, currency));
        var drawn = releases.Where(r => r.Status != PurchaseOrderStatus.Cancelled).Sum(r => r.SubtotalMinor);
        return new BlanketOrderResponse(
            b.Id, b.Number, b.VendorId, vendor, b.Currency, M(b.LimitMinor), M(drawn), M(BlanketDrawdown.Remaining(b.LimitMinor, drawn)), b.ValidFrom, b.ValidTo,
            JsonNames.Camel(b.OverLimit.ToString()), JsonNames.Camel(b.Status.ToString()), b.Notes,
            [.. b.Lines.OrderBy(l => l.Description, StringComparer.Ordinal).Select(l => new AgreedPrice(l.Id, l.ItemId, l.Description, l.Unit,
                new UnitPrice(l.UnitPriceMicros, currency).ToDecimal().ToString("0.00####", CultureInfo.InvariantCulture)))],
            [.. releases.Select(r => new ReleaseRef(r.Id, r.Number, r.Status, M(r.SubtotalMinor), r.OverrunPending, r.CreatedAtUtc))], b.Version);
    }
}
