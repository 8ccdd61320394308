using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Domain.Vendors;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Vendors;

public sealed record BankChangeResponse(
    Guid Id, Guid VendorId, string Masked, string? AccountHolder, string? Iban, string? Bic, string? AccountNumber, string? RoutingNumber,
    string Reason, BankChangeStatus Status, Guid RequestedById, DateTime RequestedAtUtc, Guid? DecidedById, DateTime? DecidedAtUtc,
    string? DecisionNote, int Version) : IVersionedResponse
{
    public static BankChangeResponse From(BankChangeRequest r, bool full) => new(
        r.Id, r.VendorId, r.Masked, r.AccountHolder, full ? r.Iban : null, full ? r.Bic : null, full ? r.AccountNumber : null, full ? r.RoutingNumber : null,
        r.Reason, r.Status, r.RequestedById, r.RequestedAtUtc, r.DecidedById, r.DecidedAtUtc, r.DecisionNote, r.Version);
}

/// <summary>
/// Propose new bank details for a vendor. They wait for a controller's approval (<see cref="DecideBankChange"/>);
/// a newer proposal supersedes an older pending one. Until approval, payments use the current verified account.
/// </summary>
public static class RequestBankChange
{
    public sealed record Request(string? AccountHolder, string? Iban, string? Bic, string? AccountNumber, string? RoutingNumber, string? Reason);

    public static async Task<Result<BankChangeResponse>> HandleAsync(TandemDb db, CurrentUser user, Guid vendorId, Request request, CancellationToken ct)
    {
        var vendor = await db.Vendors.SingleOrDefaultAsync(v => v.Id == vendorId && v.CompanyId == user.CompanyId, ct);
        if (vendor is null)
        {
            return VendorAccess.NotFound();
        }

        var bank = BankInput.Validate(new BankDto(request.AccountHolder, request.Iban, request.Bic, request.AccountNumber, request.RoutingNumber));
        var reason = string.IsNullOrWhiteSpace(request.Reason)
            ? Error.Validation("required", "reason is required: say why the bank details change.", "reason")
            : null;
        if (!bank.IsSuccess || reason is not null)
        {
            return Result<BankChangeResponse>.Failure([.. bank.Errors, .. reason is null ? Array.Empty<Error>() : [reason]]);
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        foreach (var pending in await db.BankChanges.Where(r => r.VendorId == vendorId && r.Status == BankChangeStatus.Pending).ToListAsync(ct))
        {
            pending.Status = BankChangeStatus.Superseded;
            pending.DecidedAtUtc = now;
            pending.DecisionNote = "Superseded by a newer request";
        }

        var change = BankInput.NewRequest(vendor, bank.Value, request.Reason!.Trim(), user.UserId, now);
        db.BankChanges.Add(change);
        await db.SaveChangesAsync(ct);
        return BankChangeResponse.From(change, VendorAccess.SeesFullBank(user));
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/vendors/{id:guid}/bank-changes", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                (await HandleAsync(db, user, id, request, ct)).ToCreated(http, r => $"/api/v1/vendors/{id}/bank-changes/{r.Id}"))
            .RequireRoles(Role.Buyer, Role.Controller, Role.ApClerk, Role.Admin);
        api.MapGet("/vendors/{id:guid}/bank-changes", async (TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
                TypedResults.Ok(await ListAsync(db, user, id, ct)))
            .RequireRoles(VendorAccess.Readers);
    }

    public static async Task<IReadOnlyList<BankChangeResponse>> ListAsync(TandemDb db, CurrentUser user, Guid vendorId, CancellationToken ct)
    {
        var full = VendorAccess.SeesFullBank(user);
        var rows = await db.BankChanges.AsNoTracking().Where(r => r.VendorId == vendorId && r.CompanyId == user.CompanyId)
            .OrderByDescending(r => r.RequestedAtUtc).ToListAsync(ct);
        return [.. rows.Select(r => BankChangeResponse.From(r, full))];
    }
}

/// <summary>Validates and normalizes bank details: an IBAN (with optional BIC) or a US account and ABA routing number.</summary>
internal static class BankInput
{
    public sealed record Details(string Holder, string? Iban, string? Bic, string? AccountNumber, string? RoutingNumber, string Masked);

    public static Result<Details> Validate(BankDto dto)
    {
        var v = new Validator();
        var holder = v.Required(dto.AccountHolder, "bank.accountHolder", 200);
        string? iban = null, bic = null, account = null, routing = null;
        if (!string.IsNullOrWhiteSpace(dto.Iban))
        {
            iban = BankAccountRules.Compact(dto.Iban);
            if (!BankAccountRules.IsValidIban(iban))
            {
                v.Add("bank.iban", "iban_invalid", "bank.iban is not a valid IBAN (check digits or length are wrong).");
            }

            if (!string.IsNullOrWhiteSpace(dto.Bic))
            {
                bic = BankAccountRules.Compact(dto.Bic);
                if (!BankAccountRules.IsValidBic(bic))
                {
                    v.Add("bank.bic", "bic_invalid", "bank.bic must be 8 or 11 characters: bank, country, location[, branch].");
                }
            }
        }
        else if (!string.IsNullOrWhiteSpace(dto.AccountNumber) || !string.IsNullOrWhiteSpace(dto.RoutingNumber))
        {
            account = BankAccountRules.Compact(dto.AccountNumber ?? "");
            routing = BankAccountRules.Compact(dto.RoutingNumber ?? "");
            if (!BankAccountRules.IsValidAccountNumber(account))
            {
                v.Add("bank.accountNumber", "account_invalid", "bank.accountNumber must be 4 to 17 digits.");
            }

            if (!BankAccountRules.IsValidAbaRouting(routing))
            {
                v.Add("bank.routingNumber", "routing_invalid", "bank.routingNumber is not a valid 9-digit ABA routing number.");
            }
        }
        else
        {
            v.Add("bank.iban", "required", "Give an IBAN, or an account number with a routing number.");
        }

        var masked = iban is not null
            ? $"{iban[..2]} {BankAccountRules.Mask(iban)}{(bic is null ? "" : $" / {bic}")}"
            : $"{BankAccountRules.Mask(account)} (routing {routing})";
        return v.ToResult(() => new Details(holder, iban, bic, account, routing, masked));
    }

    public static BankChangeRequest NewRequest(Vendor vendor, Details d, string reason, Guid requestedBy, DateTime now) => new()
    {
        Id = Ids.New(now),
        CompanyId = vendor.CompanyId,
        VendorId = vendor.Id,
        AccountHolder = d.Holder,
        Iban = d.Iban,
        Bic = d.Bic,
        AccountNumber = d.AccountNumber,
        RoutingNumber = d.RoutingNumber,
        Masked = d.Masked,
        Reason = reason,
        Status = BankChangeStatus.Pending,
        RequestedById = requestedBy,
        RequestedAtUtc = now,
    };
}
