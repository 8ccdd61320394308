using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Vendors;

/// <summary>
/// A controller approves or rejects a pending bank change. The proposer can never decide their own change.
/// Approval replaces the vendor's verified account in the same transaction; every decision is audited.
/// </summary>
public static class DecideBankChange
{
    public sealed record Request(string? Decision, string? Note);

    public static async Task<Result<BankChangeResponse>> HandleAsync(TandemDb db, CurrentUser user, Guid vendorId, Guid changeId, int expectedVersion, Request request, CancellationToken ct)
    {
        var change = await db.BankChanges.SingleOrDefaultAsync(r => r.Id == changeId && r.VendorId == vendorId && r.CompanyId == user.CompanyId, ct);
        var vendor = await db.Vendors.SingleOrDefaultAsync(v => v.Id == vendorId && v.CompanyId == user.CompanyId, ct);
        if (change is null || vendor is null)
        {
            return Error.NotFound("bank_change.not_found", "No such bank change request.");
        }

        if (OrgUnits.Stale(change, expectedVersion, "bank_change") is { } stale)
        {
            return stale;
        }

        if (request.Decision is not ("approve" or "reject"))
        {
            return Error.Validation("invalid_value", "decision must be approve or reject.", "decision");
        }

        if (change.Status != BankChangeStatus.Pending)
        {
            return Error.Conflict("bank_change.not_pending", $"This bank change is already {JsonNames.Camel(change.Status.ToString())}.");
        }

        if (change.RequestedById == user.UserId)
        {
            return Error.Forbidden("bank_change.self_approval", "A bank change must be decided by someone other than the person who proposed it.");
        }

        if (request.Decision == "reject" && string.IsNullOrWhiteSpace(request.Note))
        {
            return Error.Validation("required", "note is required when rejecting: say why.", "note");
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        change.Status = request.Decision == "approve" ? BankChangeStatus.Approved : BankChangeStatus.Rejected;
        change.DecidedById = user.UserId;
        change.DecidedAtUtc = now;
        change.DecisionNote = request.Note?.Trim();
        if (change.Status == BankChangeStatus.Approved)
        {
            vendor.BankAccountHolder = change.AccountHolder;
            vendor.BankIban = change.Iban;
            vendor.BankBic = change.Bic;
            vendor.BankAccountNumber = change.AccountNumber;
            vendor.BankRoutingNumber = change.RoutingNumber;
            vendor.BankMasked = change.Masked;
            vendor.BankVerifiedAtUtc = now;
        }

        await db.SaveChangesAsync(ct);
        return BankChangeResponse.From(change, VendorAccess.SeesFullBank(user));
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/vendors/{id:guid}/bank-changes/{changeId:guid}/decision", (TandemDb db, CurrentUser user, HttpContext http, Guid id, Guid changeId, Request request, CancellationToken ct) =>
                ApiResults.UpdateAsync(http, version => HandleAsync(db, user, id, changeId, version, request, ct)))
            .RequireRoles(Role.Controller);
}
