using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Vendors;

/// <summary>
/// Move a vendor along its lifecycle with a reason: submit for review, send back, put on hold, release, block.
/// Submitting or sending back clears earlier sign-offs; releasing a hold needs the checklist complete again.
/// Activation itself happens only through <see cref="SignOffVendor"/>. Blocking a vendor, or taking the block off,
/// matches its invoices waiting in exception again, in the same transaction.
/// </summary>
public static class ChangeVendorStatus
{
    public sealed record Request(VendorStatus? Status, string? Reason);

    public static Task<Result<VendorResponse>> HandleAsync(TandemDb db, CurrentUser user, Guid id, int expectedVersion, Request request, CancellationToken ct) =>
        Transactions.RunAsync(db, () => ChangeAsync(db, user, id, expectedVersion, request, ct), ct);

    private static async Task<Result<VendorResponse>> ChangeAsync(TandemDb db, CurrentUser user, Guid id, int expectedVersion, Request request, CancellationToken ct)
    {
        var vendor = await VendorAccess.LoadAsync(db, user, id, ct);
        if (vendor is null)
        {
            return VendorAccess.NotFound();
        }

        if (OrgUnits.Stale(vendor, expectedVersion, "vendor") is { } stale)
        {
            return stale;
        }

        if (request.Status is not { } to)
        {
            return Error.Validation("required", "status is required.", "status");
        }

        var next = VendorLifecycle.Transition(vendor.Status, to, request.Reason);
        if (!next.IsSuccess)
        {
            return Result<VendorResponse>.Failure(next.Errors);
        }

        if (vendor.Status == VendorStatus.OnHold && to == VendorStatus.Active)
        {
            var checklist = await VendorChecklist.BuildAsync(db, user.CompanyId, id, await CompanyClock.TodayAsync(db, user.CompanyId, ct), ct);
            if (VendorChecklist.Blocker(checklist) is { } blocker)
            {
                return Error.Conflict("vendor.checklist_incomplete", blocker, "status");
            }
        }

        if (to is VendorStatus.InReview or VendorStatus.Prospect)
        {
            db.RemoveRange(vendor.SignOffs);
            vendor.SignOffs.Clear();
        }

        var blockedChanges = (vendor.Status == VendorStatus.Blocked) != (to == VendorStatus.Blocked);
        vendor.Status = to;
        vendor.StatusReason = request.Reason!.Trim();
        await db.SaveChangesAsync(ct);
        if (blockedChanges)
        {
            // Its invoices waiting in exception are matched again: blocked now, or no longer.
            await Invoices.RematchWaiting.RunAsync(db, user.CompanyId, vendor.Id, ct);
        }

        return VendorResponse.From(vendor, VendorAccess.SeesFullBank(user));
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/vendors/{id:guid}/status", (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                ApiResults.UpdateAsync(http, version => HandleAsync(db, user, id, version, request, ct)))
            .RequireRoles(Role.Buyer, Role.Controller, Role.Admin);
}
