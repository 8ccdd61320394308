using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Organization;
using Tandem.Domain.Requisitions;
using Tandem.Domain.Vendors;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Jobs;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>
/// Every minute, for companies that turned on <see cref="PurchasingSettings.AutoOrderCatalog"/>: each approved request
/// whose every line is a catalog offer of an active vendor becomes one issued order per vendor, with the company's first
/// buyer as the order's buyer — no buyer has to touch it. Each request is ordered in its own transaction; one that
/// cannot be (a budget that now refuses it, a vendor put on hold) stays on the workbench and the next run skips nothing
/// else. Audited as "system".
/// </summary>
public sealed class AutoOrderJob : IScheduledJob
{
    public string Name => "auto-order-catalog";

    public TimeSpan Interval => TimeSpan.FromMinutes(1);

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.GetRequiredService<TandemDb>();
        var links = services.GetRequiredService<VendorLinks>();
        var companies = await db.PurchasingSettings.AsNoTracking().Where(s => s.AutoOrderCatalog).Select(s => s.CompanyId).ToListAsync(ct);
        foreach (var company in companies)
        {
            var buyer = await db.Users.AsNoTracking().Where(u => u.CompanyId == company && u.IsActive && u.Roles.Any(r => r.Role == Role.Buyer))
                .OrderBy(u => u.DisplayName).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
            var ready = await db.Requisitions.AsNoTracking()
                .Where(r => r.CompanyId == company && r.Status == RequisitionStatus.Approved
                    && r.Lines.All(l => l.OfferId != null && l.PurchaseOrderLineId == null && db.Vendors.Any(v => v.Id == l.VendorId && v.Status == VendorStatus.Active)))
                .OrderBy(r => r.DecidedAtUtc).Select(r => new { r.Id, r.RequesterId, Lines = r.Lines.Select(l => new { l.Id, l.VendorId }).ToList() })
                .Take(200).ToListAsync(ct);
            foreach (var requisition in ready)
            {
                await Transactions.RunAsync(db, async () =>
                {
                    foreach (var vendor in requisition.Lines.GroupBy(l => l.VendorId))
                    {
                        var created = await CreatePurchaseOrder.CreateAsync(db, company, buyer ?? requisition.RequesterId,
                            new CreatePurchaseOrder.Request(vendor.Key, null, null, null, null, null, [.. vendor.Select(l => new CreatePurchaseOrder.LineRequest(l.Id, null, null))]), ct);
                        if (!created.IsSuccess)
                        {
                            return Domain.Result<bool>.Failure(created.Errors);
                        }

                        if (await IssuePurchaseOrder.IssueAsync(db, links, created.Value, ct) is { } refused)
                        {
                            return refused; // rolls back the request's orders; it stays on the workbench
                        }
                    }

                    return true;
                }, ct);
                db.ChangeTracker.Clear();
            }
        }
    }
}
