namespace Tandem.Domain.Purchasing;

/// <summary>An approved requisition line waiting for a purchase order, as the buyer's workbench sees it.</summary>
public sealed record OpenLine(Guid RequisitionLineId, Guid? VendorId, string Currency, Guid? ShipToLocationId, bool FromCatalog);

/// <summary>One proposed purchase order: lines that share a vendor, a currency and a ship-to location.</summary>
public sealed record OrderProposal(Guid? VendorId, string Currency, Guid? ShipToLocationId, IReadOnlyList<OpenLine> Lines)
{
    /// <summary>Free-text lines without a suggested vendor: the buyer must pick one before ordering.</summary>
    public bool NeedsVendor => VendorId is null;
}

/// <summary>Groups open lines into the purchase orders a buyer would issue: one per vendor, currency and ship-to.</summary>
public static class OrderProposals
{
    public static IReadOnlyList<OrderProposal> Group(IEnumerable<OpenLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return [.. lines
            .GroupBy(l => (l.VendorId, l.Currency, l.ShipToLocationId))
            .Select(g => new OrderProposal(g.Key.VendorId, g.Key.Currency, g.Key.ShipToLocationId, [.. g]))
            .OrderBy(p => p.NeedsVendor)
            .ThenBy(p => p.VendorId)
            .ThenBy(p => p.Currency, StringComparer.Ordinal)
            .ThenBy(p => p.ShipToLocationId)];
    }
}
