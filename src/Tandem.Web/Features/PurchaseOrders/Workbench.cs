using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Money;
using Tandem.Domain.Purchasing;
using Tandem.Domain.Requisitions;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

public sealed record WorkbenchLine(
    Guid RequisitionLineId, Guid RequisitionId, string RequisitionNumber, int LineNo, string Description, string Quantity, string Unit, MoneyDto Amount,
    DateOnly? NeedBy, bool FromCatalog);

/// <summary>A proposed order: its vendor (null when free-text lines name none), currency, ship-to, lines and total.</summary>
public sealed record WorkbenchProposal(Guid? VendorId, string? VendorName, string? VendorStatus, string Currency, Guid? ShipToLocationId, string? ShipToName,
    MoneyDto Total, IReadOnlyList<WorkbenchLine> Lines);

/// <summary>
/// The buyer's workbench: every approved requisition line not yet on an order, grouped by vendor, currency and ship-to
/// into the orders a buyer would issue (the domain's grouping). Two queries whatever the number of lines.
/// </summary>
public static class Workbench
{
    public static async Task<IReadOnlyList<WorkbenchProposal>> ProposalsAsync(TandemDb db, CurrentUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var rows = await db.Requisitions.AsNoTracking()
            .Where(r => r.CompanyId == user.CompanyId && r.Status == RequisitionStatus.Approved)
            .SelectMany(r => r.Lines.Where(l => l.PurchaseOrderLineId == null), (r, l) => new
            {
                l.Id,
                RequisitionId = r.Id,
                r.Number,
                l.LineNo,
                l.Description,
                l.QuantityUnits,
                l.Unit,
                l.AmountMinor,
                l.NeedBy,
                l.OfferId,
                l.VendorId,
                r.Currency,
                r.ShipToLocationId,
            })
            .OrderBy(x => x.Number).ThenBy(x => x.LineNo)
            .ToListAsync(ct);
        var vendorIds = rows.Select(r => r.VendorId).OfType<Guid>().Distinct().ToList();
        var locationIds = rows.Select(r => r.ShipToLocationId).OfType<Guid>().Distinct().ToList();
        var vendors = await db.Vendors.AsNoTracking().Where(v => vendorIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => new { Name = v.TradingName ?? v.LegalName, v.Status }, ct);
        var locations = await db.Locations.AsNoTracking().Where(l => locationIds.Contains(l.Id)).Select(l => new { l.Id, l.Name }).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var byId = rows.ToDictionary(r => r.Id);
        return [.. OrderProposals.Group(rows.Select(r => new OpenLine(r.Id, r.VendorId, r.Currency, r.ShipToLocationId, r.OfferId is not null))).Select(p =>
        {
            var currency = Currency.Of(p.Currency);
            var vendor = p.VendorId is { } v ? vendors.GetValueOrDefault(v) : null;
            return new WorkbenchProposal(p.VendorId, vendor?.Name, vendor is null ? null : JsonNames.Camel(vendor.Status.ToString()), p.Currency, p.ShipToLocationId,
                p.ShipToLocationId is { } s ? locations.GetValueOrDefault(s) : null,
                MoneyDto.From(new Money(p.Lines.Sum(l => byId[l.RequisitionLineId].AmountMinor), currency)),
                [.. p.Lines.Select(l => byId[l.RequisitionLineId]).Select(r => new WorkbenchLine(
                    r.Id, r.RequisitionId, r.Number, r.LineNo, r.Description, new Quantity(r.QuantityUnits).ToString(), r.Unit,
                    MoneyDto.From(new Money(r.AmountMinor, currency)), r.NeedBy, r.OfferId is not null))]);
        })];
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/purchase-orders/workbench", async (TandemDb db, CurrentUser user, CancellationToken ct) => TypedResults.Ok(await ProposalsAsync(db, user, ct)))
            .RequireRoles(PurchaseOrderAccess.Buyers);
}
