using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Vendors;

/// <summary>
/// Create a vendor (a prospect) or change its profile. An exact tax-id duplicate is refused; a similar name in the
/// same country is allowed with a warning. Bank details given at creation become a pending bank change that a
/// controller must approve; afterwards they change only through bank-change requests.
/// </summary>
public static partial class SaveVendor
{
    public sealed record Request(
        string? Code, string? LegalName, string? TradingName, string? TaxId, string? Country, string? DefaultCurrency,
        TermsDto? PaymentTerms, Guid? DefaultGlAccountId, string? Notes, List<AddressDto>? Addresses, List<ContactDto>? Contacts,
        List<Guid>? CategoryIds, Guid? RequestedById = null, BankDto? Bank = null);

    public static async Task<Result<VendorResponse>> CreateAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct)
    {
        var valid = await ValidateAsync(db, user, request, null, ct);
        if (!valid.IsSuccess)
        {
            return Result<VendorResponse>.Failure(valid.Errors);
        }

        Result<BankInput.Details>? bank = request.Bank is null ? null : (Result<BankInput.Details>?)BankInput.Validate(request.Bank);
        if (bank is { IsSuccess: false } invalid)
        {
            return Result<VendorResponse>.Failure(invalid.Errors);
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        var vendor = new Vendor
        {
            Id = Ids.New(now),
            CompanyId = user.CompanyId,
            Status = VendorStatus.Prospect,
            StatusReason = "Created",
            RequestedById = request.RequestedById ?? user.UserId,
            CreatedById = user.UserId,
            CreatedAtUtc = now,
        };
        Apply(vendor, valid.Value);
        db.Vendors.Add(vendor);
        if (bank is { } b)
        {
            db.BankChanges.Add(BankInput.NewRequest(vendor, b.Value, "Bank details given at onboarding", user.UserId, now));
        }

        await db.SaveChangesAsync(ct);
        return VendorResponse.From(vendor, VendorAccess.SeesFullBank(user), valid.Value.Warnings);
    }

    public static async Task<Result<VendorResponse>> UpdateAsync(TandemDb db, CurrentUser user, Guid id, int expectedVersion, Request request, CancellationToken ct)
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

        if (request.Bank is not null)
        {
            return Error.Validation("vendor.bank_via_change_request", "Bank details change only through a bank change request (POST /vendors/{id}/bank-changes).", "bank");
        }

        var valid = await ValidateAsync(db, user, request, id, ct);
        if (!valid.IsSuccess)
        {
            return Result<VendorResponse>.Failure(valid.Errors);
        }

        db.RemoveRange(vendor.Addresses);
        db.RemoveRange(vendor.Contacts);
        db.RemoveRange(vendor.Categories);
        vendor.Addresses.Clear();
        vendor.Contacts.Clear();
        vendor.Categories.Clear();
        Apply(vendor, valid.Value);
        db.Entry(vendor).Property(v => v.Version).IsModified = true;
        await db.SaveChangesAsync(ct);
        return VendorResponse.From(vendor, VendorAccess.SeesFullBank(user), valid.Value.Warnings);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/vendors", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await CreateAsync(db, user, request, ct)).ToCreated(http, v => $"/api/v1/vendors/{v.Id}"))
            .RequireRoles(VendorAccess.Editors);
        api.MapPut("/vendors/{id:guid}", (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                ApiResults.UpdateAsync(http, version => UpdateAsync(db, user, id, version, request, ct)))
            .RequireRoles(VendorAccess.Editors);
    }

    internal sealed record Valid(
        string Code, string LegalName, string? TradingName, string? TaxId, string Country, string Currency, PaymentTerms Terms,
        Guid? GlAccountId, string? Notes, List<AddressDto> Addresses, List<ContactDto> Contacts, List<Guid> CategoryIds, List<string> Warnings);

    internal static async Task<Result<Valid>> ValidateAsync(TandemDb db, CurrentUser user, Request request, Guid? id, CancellationToken ct)
    {
        var v = new Validator();
        var code = v.Code(request.Code, "code");
        var legalName = v.Required(request.LegalName, "legalName", 200);
        var tradingName = v.Optional(request.TradingName, "tradingName", 200);
        var taxId = v.Optional(request.TaxId, "taxId", 40);
        var country = CountryCode(v, request.Country, "country");
        var currency = v.Currency(request.DefaultCurrency, "defaultCurrency");
        var notes = v.Optional(request.Notes, "notes", 4000);
        var terms = PaymentTerms.Create(request.PaymentTerms?.NetDays ?? 30, request.PaymentTerms?.DiscountPercent, request.PaymentTerms?.DiscountDays, request.PaymentTerms?.EndOfMonth ?? false);
        foreach (var e in terms.Errors)
        {
            v.Add(e.Field ?? "paymentTerms", e.Code, e.Message);
        }

        var addresses = request.Addresses ?? [];
        for (var i = 0; i < addresses.Count; i++)
        {
            var a = addresses[i];
            if (a.Kind is not ("remitTo" or "orderTo"))
            {
                v.Add($"addresses[{i}].kind", "invalid_value", "kind must be remitTo or orderTo.");
            }

            v.Required(a.Line1, $"addresses[{i}].line1", 200);
            v.Optional(a.Line2, $"addresses[{i}].line2", 200);
            v.Required(a.City, $"addresses[{i}].city", 100);
            v.Optional(a.Region, $"addresses[{i}].region", 100);
            v.Optional(a.PostalCode, $"addresses[{i}].postalCode", 20);
            CountryCode(v, a.Country, $"addresses[{i}].country");
        }

        if (addresses.GroupBy(a => a.Kind).Any(g => g.Count() > 1))
        {
            v.Add("addresses", "duplicate", "A vendor has at most one remitTo and one orderTo address.");
        }

        var contacts = request.Contacts ?? [];
        for (var i = 0; i < contacts.Count; i++)
        {
            v.Required(contacts[i].Name, $"contacts[{i}].name", 200);
            if (v.Optional(contacts[i].Email, $"contacts[{i}].email", 254) is { } email && !EmailShape().IsMatch(email))
            {
                v.Add($"contacts[{i}].email", "email_format", "email must look like name@example.com.");
            }

            v.Optional(contacts[i].Phone, $"contacts[{i}].phone", 40);
            v.Optional(contacts[i].Role, $"contacts[{i}].role", 100);
        }

        var categoryIds = (request.CategoryIds ?? []).Distinct().ToList();
        if (categoryIds.Count > 0 && await db.Categories.CountAsync(c => categoryIds.Contains(c.Id) && c.CompanyId == user.CompanyId, ct) != categoryIds.Count)
        {
            v.Add("categoryIds", "category_unknown", "categoryIds names a category that does not exist.");
        }

        if (request.DefaultGlAccountId is { } gl && !await db.GlAccounts.AnyAsync(a => a.Id == gl && a.CompanyId == user.CompanyId, ct))
        {
            v.Add("defaultGlAccountId", "gl_account_unknown", "defaultGlAccountId is not a GL account of this company.");
        }

        if (request.RequestedById is { } requester && !await db.Users.AnyAsync(u => u.Id == requester && u.CompanyId == user.CompanyId, ct))
        {
            v.Add("requestedById", "user_unknown", "requestedById is not a user of this company.");
        }

        if (!v.IsValid)
        {
            return Result<Valid>.Failure(v.Errors);
        }

        if (await db.Vendors.AnyAsync(x => x.CompanyId == user.CompanyId && x.Code == code && x.Id != id, ct))
        {
            return Error.Conflict("vendor.code_taken", $"A vendor with code {code} already exists.", "code");
        }

        var duplicates = await VendorAccess.PossibleDuplicatesAsync(db, user.CompanyId, legalName, country, taxId, id, ct);
        var taxKey = VendorNames.NormalizeTaxId(taxId);
        if (taxKey.Length > 0 && duplicates.FirstOrDefault(d => VendorNames.NormalizeTaxId(d.TaxId) == taxKey) is { } same)
        {
            return Error.Conflict("vendor.tax_id_duplicate", $"Vendor {same.Code} ({same.LegalName}) already has tax id {same.TaxId}.", "taxId");
        }

        List<string> warnings = [.. duplicates.Select(d => $"Possible duplicate: {d.Code} {d.LegalName} ({d.Country}, {JsonNames.Camel(d.Status.ToString())}) has a similar name.")];
        return new Valid(code, legalName, tradingName, taxId, country, currency.Code, terms.Value, request.DefaultGlAccountId, notes, addresses, contacts, categoryIds, warnings);
    }

    private static void Apply(Vendor vendor, Valid valid)
    {
        vendor.Code = valid.Code;
        vendor.LegalName = valid.LegalName;
        vendor.TradingName = valid.TradingName;
        vendor.TaxId = valid.TaxId;
        vendor.TaxIdKey = valid.TaxId is null ? null : VendorNames.NormalizeTaxId(valid.TaxId);
        vendor.Country = valid.Country;
        vendor.DefaultCurrency = valid.Currency;
        vendor.PaymentNetDays = valid.Terms.NetDays;
        vendor.PaymentDiscountBasisPoints = valid.Terms.DiscountBasisPoints;
        vendor.PaymentDiscountDays = valid.Terms.DiscountDays;
        vendor.PaymentEndOfMonth = valid.Terms.EndOfMonth;
        vendor.DefaultGlAccountId = valid.GlAccountId;
        vendor.Notes = valid.Notes;
        vendor.Addresses.AddRange(valid.Addresses.Select(a => new VendorAddress
        {
            Id = Ids.New(),
            VendorId = vendor.Id,
            CompanyId = vendor.CompanyId,
            Kind = a.Kind!,
            Line1 = a.Line1!.Trim(),
            Line2 = a.Line2?.Trim(),
            City = a.City!.Trim(),
            Region = a.Region?.Trim(),
            PostalCode = a.PostalCode?.Trim(),
            Country = a.Country!.Trim().ToUpperInvariant(),
        }));
        vendor.Contacts.AddRange(valid.Contacts.Select(c => new VendorContact
        {
            Id = Ids.New(),
            VendorId = vendor.Id,
            CompanyId = vendor.CompanyId,
            Name = c.Name!.Trim(),
            Email = c.Email?.Trim(),
            Phone = c.Phone?.Trim(),
            Role = c.Role?.Trim(),
        }));
        vendor.Categories.AddRange(valid.CategoryIds.Select(c => new VendorCategory { VendorId = vendor.Id, CategoryId = c }));
    }

    internal static string CountryCode(Validator v, string? value, string field)
    {
        var code = (value ?? "").Trim().ToUpperInvariant();
        if (!CountryShape().IsMatch(code))
        {
            v.Add(field, "country_format", $"{field} must be an ISO 3166 two-letter country code such as DE or US.");
        }

        return code;
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryShape();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();
}
