using Tandem.Domain.Vendors;
using Tandem.Web.Platform.Api;

namespace Tandem.Web.Features.Vendors;

public sealed record AddressDto(string? Kind, string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country);

public sealed record ContactDto(string? Name, string? Email, string? Phone, string? Role);

public sealed record TermsDto(int? NetDays, decimal? DiscountPercent, int? DiscountDays, bool? EndOfMonth = null);

public sealed record BankDto(string? AccountHolder, string? Iban, string? Bic, string? AccountNumber, string? RoutingNumber);

/// <summary>Payment terms as stored and as people read them ("2/10 net 30").</summary>
public sealed record TermsView(int NetDays, decimal? DiscountPercent, int? DiscountDays, bool EndOfMonth, string Text)
{
    public static TermsView From(PaymentTerms t) =>
        new(t.NetDays, t.HasDiscount ? t.DiscountPercent : null, t.HasDiscount ? t.DiscountDays : null, t.EndOfMonth, t.ToString());
}

/// <summary>The verified bank account: masked for everyone, in full only for controllers.</summary>
public sealed record BankView(string Masked, string? AccountHolder, string? Iban, string? Bic, string? AccountNumber, string? RoutingNumber, DateTime? VerifiedAtUtc);

public sealed record SignOffView(Guid UserId, string Capacity, string? Comment, DateTime SignedAtUtc);

public sealed record VendorResponse(
    Guid Id, string Code, string LegalName, string? TradingName, string? TaxId, string Country, string DefaultCurrency,
    TermsView PaymentTerms, Guid? DefaultGlAccountId, string? Notes, VendorStatus Status, string? StatusReason,
    Guid RequestedById, DateTime CreatedAtUtc, IReadOnlyList<AddressDto> Addresses, IReadOnlyList<ContactDto> Contacts,
    IReadOnlyList<Guid> CategoryIds, BankView? Bank, IReadOnlyList<SignOffView> SignOffs, bool CanReceiveNewOrders, bool CanBePaid,
    IReadOnlyList<string> Warnings, int Version) : IVersionedResponse
{
    public static VendorResponse From(Vendor v, bool fullBank, IReadOnlyList<string>? warnings = null) => new(
        v.Id, v.Code, v.LegalName, v.TradingName, v.TaxId, v.Country, v.DefaultCurrency, TermsView.From(v.Terms), v.DefaultGlAccountId,
        v.Notes, v.Status, v.StatusReason, v.RequestedById, v.CreatedAtUtc,
        [.. v.Addresses.OrderBy(a => a.Kind).Select(a => new AddressDto(a.Kind, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country))],
        [.. v.Contacts.OrderBy(c => c.Name).Select(c => new ContactDto(c.Name, c.Email, c.Phone, c.Role))],
        [.. v.Categories.Select(c => c.CategoryId)],
        v.BankMasked is null ? null : new BankView(
            v.BankMasked, v.BankAccountHolder, fullBank ? v.BankIban : null, fullBank ? v.BankBic : null,
            fullBank ? v.BankAccountNumber : null, fullBank ? v.BankRoutingNumber : null, v.BankVerifiedAtUtc),
        [.. v.SignOffs.OrderBy(s => s.SignedAtUtc).Select(s => new SignOffView(s.UserId, s.Capacity, s.Comment, s.SignedAtUtc))],
        VendorLifecycle.CanReceiveNewOrders(v.Status), VendorLifecycle.CanBePaid(v.Status), warnings ?? [], v.Version);
}

public sealed record VendorSummary(Guid Id, string Code, string LegalName, string? TradingName, string Country, VendorStatus Status, string DefaultCurrency, string? TaxId);
