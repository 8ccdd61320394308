using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Domain.Vendors;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Vendors;

/// <summary>Who may do what with vendors, and the lookups every vendor use case shares.</summary>
public static class VendorAccess
{
    /// <summary>Everyone who works with vendors reads them; requesters only see them through the catalog.</summary>
    public static readonly string[] Readers = [Role.Buyer, Role.Controller, Role.ApClerk, Role.Admin, Role.Approver, Role.Receiver];

    /// <summary>Procurement owns the vendor master.</summary>
    public static readonly string[] Editors = [Role.Buyer, Role.Admin];

    /// <summary>Full bank details are for controllers only; everyone else sees the last four characters.</summary>
    public static bool SeesFullBank(CurrentUser user) => user.HasRole(Role.Controller);

    public static Error NotFound() => Error.NotFound("vendor.not_found", "No such vendor.");

    public static Task<Vendor?> LoadAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
        db.Vendors.Include(v => v.Addresses).Include(v => v.Contacts).Include(v => v.Categories).Include(v => v.SignOffs)
            .AsSplitQuery()
            .SingleOrDefaultAsync(v => v.Id == id && v.CompanyId == user.CompanyId, ct);

    /// <summary>Vendors that may be the same as the one described: same tax id, or a similar name in the same country.</summary>
    public static async Task<IReadOnlyList<VendorSummary>> PossibleDuplicatesAsync(
        TandemDb db, Guid companyId, string? legalName, string? country, string? taxId, Guid? exceptId, CancellationToken ct)
    {
        var taxKey = VendorNames.NormalizeTaxId(taxId);
        var candidates = await db.Vendors.AsNoTracking()
            .Where(v => v.CompanyId == companyId && v.Id != exceptId && ((taxKey != "" && v.TaxIdKey == taxKey) || v.Country == country))
            .Select(v => new VendorSummary(v.Id, v.Code, v.LegalName, v.TradingName, v.Country, v.Status, v.DefaultCurrency, v.TaxId))
            .ToListAsync(ct);
        return [.. candidates.Where(v => (taxKey != "" && VendorNames.NormalizeTaxId(v.TaxId) == taxKey)
            || VendorNames.AreSimilar(v.LegalName, legalName) || VendorNames.AreSimilar(v.TradingName, legalName))];
    }
}
