using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Organization;
using Tandem.Domain.Time;
using Tandem.Domain.Vendors;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Email;
using Tandem.Web.Platform.Jobs;

namespace Tandem.Web.Features.Vendors;

/// <summary>
/// Hourly: an active vendor whose required, expiring document (insurance certificate, ...) has run out goes on hold
/// with the reason stated, and every buyer of the company is e-mailed. The change is audited as "system".
/// </summary>
public sealed class DocumentExpiryJob(TimeProvider clock) : IScheduledJob
{
    public string Name => "vendor-document-expiry";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<TandemDb>();
        foreach (var company in await db.Companies.AsNoTracking().Select(c => new { c.Id, c.TimeZone }).ToListAsync(ct))
        {
            var today = BusinessCalendar.Today(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(company.TimeZone));
            var expiring = await db.VendorDocumentTypes.AsNoTracking()
                .Where(t => t.CompanyId == company.Id && t.IsActive && t.IsRequired && t.RequiresExpiry).Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
            if (expiring.Count == 0)
            {
                continue;
            }

            var typeIds = expiring.Keys.ToList();
            var latest = (await db.VendorDocuments.AsNoTracking()
                    .Where(d => d.CompanyId == company.Id && typeIds.Contains(d.DocumentTypeId) && d.Review == DocumentReview.Accepted
                        && db.Vendors.Any(v => v.Id == d.VendorId && v.Status == VendorStatus.Active))
                    .Select(d => new { d.VendorId, d.DocumentTypeId, d.ExpiresOn, d.UploadedAtUtc }).ToListAsync(ct))
                .GroupBy(d => (d.VendorId, d.DocumentTypeId))
                .Select(g => g.OrderByDescending(d => d.UploadedAtUtc).First())
                .Where(d => d.ExpiresOn is { } e && e < today)
                .GroupBy(d => d.VendorId)
                .ToDictionary(g => g.Key, g => g.Select(d => $"{expiring[d.DocumentTypeId]} expired on {d.ExpiresOn:yyyy-MM-dd}").ToList());
            if (latest.Count == 0)
            {
                continue;
            }

            var buyers = await db.Users.AsNoTracking()
                .Where(u => u.CompanyId == company.Id && u.IsActive && u.Email != null && u.Roles.Any(r => r.Role == Role.Buyer))
                .Select(u => u.Email!).ToListAsync(ct);
            var vendorIds = latest.Keys.ToList();
            foreach (var vendor in await db.Vendors.Where(v => vendorIds.Contains(v.Id) && v.Status == VendorStatus.Active).ToListAsync(ct))
            {
                var reasons = string.Join("; ", latest[vendor.Id]);
                vendor.Status = VendorStatus.OnHold;
                vendor.StatusReason = $"Automatic hold: {reasons}";
                foreach (var buyer in buyers)
                {
                    Outbox.Enqueue(db, company.Id, buyer, $"Vendor {vendor.Code} put on hold: document expired",
                        $"{vendor.LegalName} ({vendor.Code}) was put on hold because {reasons}.\n\nIt keeps its open purchase orders but gets no new ones. "
                        + "Upload a current document, have it reviewed, and release the hold on the vendor page.");
                }
            }

            await db.SaveChangesAsync(ct);
        }
    }
}
