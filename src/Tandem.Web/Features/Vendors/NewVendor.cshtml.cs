using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Vendors;

/// <summary>Onboard a vendor: profile, remit-to address, a contact, bank details (become a pending change), who asked for it.</summary>
[Authorize(Roles = $"{Role.Buyer},{Role.Admin}")]
public sealed class NewVendorModel(TandemDb db) : TandemPage
{
    public sealed class Form
    {
        public string? Code { get; set; }

        public string? LegalName { get; set; }

        public string? TradingName { get; set; }

        public string? TaxId { get; set; }

        public string? Country { get; set; }

        public string? Currency { get; set; } = "USD";

        public int? NetDays { get; set; } = 30;

        public string? DiscountPercent { get; set; }

        public int? DiscountDays { get; set; }

        public bool EndOfMonth { get; set; }

        public Guid? RequestedById { get; set; }

        public string? Line1 { get; set; }

        public string? City { get; set; }

        public string? PostalCode { get; set; }

        public string? ContactName { get; set; }

        public string? ContactEmail { get; set; }

        public string? BankHolder { get; set; }

        public string? Iban { get; set; }

        public string? Bic { get; set; }

        public string? AccountNumber { get; set; }

        public string? RoutingNumber { get; set; }

        public List<Guid> CategoryIds { get; set; } = [];

        public string? Notes { get; set; }
    }

    [BindProperty]
    public Form Input { get; set; } = new();

    public IReadOnlyList<Choice> People { get; private set; } = [];

    public IReadOnlyList<Choice> Categories { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var f = Input;
        decimal? pct = decimal.TryParse(f.DiscountPercent, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p) ? p : null;
        var request = new SaveVendor.Request(
            f.Code, f.LegalName, f.TradingName, f.TaxId, f.Country, f.Currency, new TermsDto(f.NetDays, pct, f.DiscountDays, f.EndOfMonth), null, f.Notes,
            string.IsNullOrWhiteSpace(f.Line1) ? [] : [new AddressDto("remitTo", f.Line1, null, f.City, null, f.PostalCode, f.Country)],
            string.IsNullOrWhiteSpace(f.ContactName) ? [] : [new ContactDto(f.ContactName, f.ContactEmail, null, null)],
            f.CategoryIds, f.RequestedById,
            string.IsNullOrWhiteSpace(f.Iban) && string.IsNullOrWhiteSpace(f.AccountNumber) ? null : new BankDto(f.BankHolder ?? f.LegalName, f.Iban, f.Bic, f.AccountNumber, f.RoutingNumber));
        var created = await SaveVendor.CreateAsync(db, Me, request, HttpContext.RequestAborted);
        if (Succeeded(created))
        {
            TempData["Notice"] = string.Join(" ", ["Vendor created as a prospect.", .. created.Value.Warnings]);
            return RedirectToPage("/Vendors/Detail", new { id = created.Value.Id });
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        People = await Lookups.UsersAsync(db, Me.CompanyId, HttpContext.RequestAborted);
        Categories = await db.Categories.AsNoTracking().Where(c => c.CompanyId == Me.CompanyId && c.IsActive).OrderBy(c => c.Name)
            .Select(c => new Choice(c.Id, c.Code, c.Name)).ToListAsync(HttpContext.RequestAborted);
    }
}
