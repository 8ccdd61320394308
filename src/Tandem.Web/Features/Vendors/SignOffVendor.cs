using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Domain.Vendors;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Vendors;

/// <summary>
/// Approve a vendor under review, as buyer or as controller. When both sign-offs are in (two different people,
/// neither the requester) the vendor becomes active in the same transaction; that completing sign-off is refused
/// until the required documents are accepted and in date.
/// </summary>
public static class SignOffVendor
{
    public sealed record Request(string? Capacity, string? Comment);

    public static async Task<Result<VendorResponse>> HandleAsync(TandemDb db, CurrentUser user, Guid id, Request request, CancellationToken ct)
    {
        var vendor = await VendorAccess.LoadAsync(db, user, id, ct);
        if (vendor is null)
        {
            return VendorAccess.NotFound();
        }

        if (vendor.Status != VendorStatus.InReview)
        {
            return Error.Conflict("vendor.not_in_review", "Only a vendor in review can be approved; submit it for review first.");
        }

        var capacity = request.Capacity ?? (user.HasRole(Role.Controller) && !user.HasRole(Role.Buyer) ? VendorApprovalRule.Controller
            : user.HasRole(Role.Buyer) && !user.HasRole(Role.Controller) ? VendorApprovalRule.Buyer : null);
        if (capacity is not (VendorApprovalRule.Buyer or VendorApprovalRule.Controller) || !user.HasRole(capacity))
        {
            return Error.Validation("capacity_invalid", "capacity must be buyer or controller, and a role you hold.", "capacity");
        }

        var signOffs = vendor.SignOffs.Select(s => new VendorSignOff(s.UserId, s.Capacity)).ToList();
        if (VendorApprovalRule.CanSignOff(vendor.RequestedById, signOffs, user.UserId, capacity) is { } refused)
        {
            return refused;
        }

        var completes = VendorApprovalRule.IsSatisfied([.. signOffs, new VendorSignOff(user.UserId, capacity)]);
        if (completes)
        {
            // The sign-off that would activate the vendor needs the required documents accepted and in date.
            var checklist = await VendorChecklist.BuildAsync(db, user.CompanyId, id, await CompanyClock.TodayAsync(db, user.CompanyId, ct), ct);
            if (VendorChecklist.Blocker(checklist) is { } blocker)
            {
                return Error.Conflict("vendor.checklist_incomplete", blocker);
            }
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        vendor.SignOffs.Add(new VendorSignOffRecord
        {
            Id = Ids.New(now),
            VendorId = vendor.Id,
            CompanyId = vendor.CompanyId,
            UserId = user.UserId,
            Capacity = capacity,
            Comment = request.Comment?.Trim(),
            SignedAtUtc = now,
        });
        if (completes)
        {
            vendor.Status = VendorStatus.Active;
            vendor.StatusReason = "Approved by a buyer and a controller";
        }

        // The sign-off changes what the vendor is even when its status does not: bump its version.
        db.Entry(vendor).Property(v => v.Version).IsModified = true;
        await db.SaveChangesAsync(ct);
        return VendorResponse.From(vendor, VendorAccess.SeesFullBank(user));
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/vendors/{id:guid}/sign-offs", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                (await HandleAsync(db, user, id, request, ct)).ToOk(http))
            .RequireRoles(Role.Buyer, Role.Controller);
}
