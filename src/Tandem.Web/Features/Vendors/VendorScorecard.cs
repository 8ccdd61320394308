using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Vendors;

/// <summary>A measure on the scorecard: its value when there is data to compute it from, else null and what it waits for.</summary>
public sealed record ScorecardMetric(string Key, string Name, decimal? Value, string Unit, string Basis);

public sealed record ScorecardResponse(Guid VendorId, int ActiveOffers, int Categories, int PreferredIn, int AcceptedDocuments, IReadOnlyList<ScorecardMetric> Metrics);

/// <summary>
/// The vendor scorecard. Performance measures come from receipts and invoices; until those exist for a vendor the
/// card says so instead of inventing a number. What is known today (offers, categories, preferences, documents) is shown.
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
        const string NoReceipts = "No goods receipts recorded for this vendor yet.";
        const string NoInvoices = "No invoices recorded for this vendor yet.";
        ScorecardMetric[] metrics =
        [
            new("onTimeDelivery", "On-time delivery", null, "%", NoReceipts),
            new("averageLeadTime", "Average lead time", null, "days", NoReceipts),
            new("rejectRate", "Reject rate", null, "%", NoReceipts),
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
