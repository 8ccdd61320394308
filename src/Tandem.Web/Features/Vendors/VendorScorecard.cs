using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Purchasing;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Vendors;

/// <summary>A measure on the scorecard: its value when there is data to compute it from, else null and what it waits for.</summary>
public sealed record ScorecardMetric(string Key, string Name, decimal? Value, string Unit, string Basis);

public sealed record ScorecardResponse(Guid VendorId, int ActiveOffers, int Categories, int PreferredIn, int AcceptedDocuments, IReadOnlyList<ScorecardMetric> Metrics);

/// <summary>
/// The vendor scorecard. Delivery measures come from receipts (the domain's <see cref="DeliveryPerformance"/>: on time
/// against the line's need-by date, lead time from issue, rejected and returned over delivered); invoice measures come
/// with invoices. Until there is data for a measure the card says so instead of inventing a number.
/// </summary>
public static class VendorScorecard
{
    public static async Task<Result<ScorecardResponse>> GetAsync(TandemDb db, CurrentUser user, Guid vendorId, CancellationToken ct)
    {
        if (!await db.Vendors.AnyAsync(v => v.Id == vendorId && v.CompanyId == user.CompanyId, ct))
        {
            return VendorAccess.NotFound();
        }

        var today = await CompanyClock.TodayAsync(db, user.CompanyId, ct);
        var offers = await db.Offers.CountAsync(o => o.VendorId == vendorId && o.ValidFrom <= today && (o.ValidTo == null || o.ValidTo >= today), ct);
        var categories = await db.Set<VendorCategory>().CountAsync(c => c.VendorId == vendorId, ct);
        var preferred = await db.PreferredVendors.CountAsync(p => p.VendorId == vendorId, ct);
        var documents = await db.VendorDocuments.CountAsync(d => d.VendorId == vendorId && d.Review == DocumentReview.Accepted, ct);
        var facts = await Receiving.ReceiptQueries.DeliveryFacts(db, db.Receipts, db.PurchaseOrders.Where(p => p.VendorId == vendorId)).ToListAsync(ct);
        var delivery = DeliveryPerformance.Of(facts);
        var basis = delivery.Receipts == 0 ? "No goods receipts recorded for this vendor yet." : $"From {delivery.Receipts} receipt lines.";
        const string NoInvoices = "No invoices recorded for this vendor yet.";
        ScorecardMetric[] metrics =
        [
            new("onTimeDelivery", "On-time delivery", delivery.OnTimePercent, "%", delivery.Receipts > 0 && delivery.OnTimePercent is null ? "No receipt line had a need-by date." : basis),
            new("averageLeadTime", "Average lead time", delivery.AverageLeadDays, "days", basis),
            new("p90LeadTime", "Lead time, 90th percentile", delivery.P90LeadDays, "days", basis),
            new("rejectRate", "Reject rate", delivery.RejectPercent, "%", basis),
            new("invoiceAccuracy", "Invoice accuracy", null, "%", NoInvoices),
            new("priceVariance", "Price variance to catalog", null, "%", NoInvoices),
        ];
        return new ScorecardResponse(vendorId, offers, categories, preferred, documents, metrics);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/vendors/{id:guid}/scorecard", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireRoles(VendorAccess.Readers);
}
