using Tandem.Domain.Money;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Catalog;
using Tandem.Web.Features.Vendors;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Platform.Hosting;

/// <summary>The demo company's onboarding checklist, vendors, categories, items, offers and curated catalogs.</summary>
internal static class DemoCatalog
{
    private static readonly (string Code, string Name, string? Parent, string Gl)[] Categories =
    [
        ("OFFICE", "Office supplies", null, "6000"), ("PAPER", "Paper & printing", "OFFICE", "6010"), ("WRITING", "Writing instruments", "OFFICE", "6000"),
        ("IT", "IT hardware", null, "6110"), ("PERIPH", "Peripherals", "IT", "6110"), ("LAB", "Lab consumables", null, "6700"),
        ("FAC", "Facilities & maintenance", null, "6500"),
    ];

    private static readonly (string Code, string Legal, string Trading, string TaxId, string Country, int Net, int DiscountBp, int DiscountDays, string Category)[] Vendors =
    [
        ("PAPERLINE", "Paperline Supply Co.", "Paperline", "US-41-2345678", "US", 30, 200, 10, "OFFICE"),
        ("NORTHWIND", "Northwind Office Products Inc.", "Northwind Office", "US-52-3456789", "US", 45, 0, 0, "OFFICE"),
        ("CONTOSO", "Contoso Electronics LLC", "Contoso", "US-63-4567890", "US", 30, 0, 0, "IT"),
        ("LABCORE", "LabCore Scientific GmbH", "LabCore", "DE123456789", "DE", 30, 150, 14, "LAB"),
    ];

    private static readonly (string Sku, string Name, string Description, string Unit, string Category, (string Vendor, string Price, int Moq, int Lead)[] Offers)[] Items =
    [
        ("PAP-A4-80", "Copy paper A4 80 g, 500 sheets", "Bright white multipurpose copier paper, FSC certified.", "PK", "PAPER", [("PAPERLINE", "4.25", 5, 2), ("NORTHWIND", "4.60", 1, 3)]),
        ("PAP-LTR-20", "Copy paper Letter 20 lb, 500 sheets", "US Letter multipurpose paper for laser and inkjet printers.", "PK", "PAPER", [("PAPERLINE", "4.10", 5, 2), ("NORTHWIND", "3.95", 10, 4)]),
        ("TON-HP-26A", "Toner cartridge HP 26A black", "Original HP LaserJet toner, about 3,100 pages.", "EA", "PAPER", [("NORTHWIND", "89.00", 1, 2), ("CONTOSO", "84.50", 1, 5)]),
        ("PEN-GEL-BL", "Gel pen 0.7 mm blue, box of 12", "Retractable gel pens with rubber grip.", "BX", "WRITING", [("PAPERLINE", "11.40", 1, 2), ("NORTHWIND", "10.90", 2, 3)]),
        ("MRK-WB-4", "Whiteboard markers, 4 colours", "Low-odour dry-erase markers, chisel tip.", "PK", "WRITING", [("NORTHWIND", "6.75", 1, 3)]),
        ("NTB-A5-DOT", "Notebook A5 dotted, hardcover", "192 pages, 100 g paper, lay-flat binding.", "EA", "WRITING", [("PAPERLINE", "8.20", 1, 2)]),
        ("MON-27-4K", "Monitor 27\" 4K USB-C", "27-inch IPS monitor, 3840×2160, USB-C 65 W power delivery.", "EA", "PERIPH", [("CONTOSO", "329.00", 1, 5), ("NORTHWIND", "349.00", 1, 7)]),
        ("KBD-WL-US", "Wireless keyboard, US layout", "Low-profile wireless keyboard with numeric keypad.", "EA", "PERIPH", [("CONTOSO", "39.90", 1, 5)]),
        ("MSE-WL-ERG", "Ergonomic wireless mouse", "Vertical ergonomic mouse, Bluetooth and USB receiver.", "EA", "PERIPH", [("CONTOSO", "29.50", 1, 5), ("NORTHWIND", "31.00", 1, 3)]),
        ("LAB-GLV-M", "Nitrile gloves size M, box of 100", "Powder-free examination gloves, 4 mil.", "BX", "LAB", [("LABCORE", "7.80", 10, 10)]),
        ("LAB-PIP-1000", "Pipette tips 1000 µl, rack of 96", "Sterile, filtered, DNase/RNase free.", "RK", "LAB", [("LABCORE", "14.20", 5, 10)]),
        ("FAC-BULB-LED", "LED bulb E27 9 W warm white", "Replaces 60 W incandescent, 806 lm.", "EA", "FAC", [("NORTHWIND", "3.10", 10, 3)]),
    ];

    public static async Task SeedAsync(TandemDb db, Guid companyId, Guid ownerId, IReadOnlyDictionary<string, Guid> departments, CancellationToken ct)
    {
        var now = db.Clock.GetUtcNow();
        Guid NewId() => Ids.New(now);
        db.VendorDocumentTypes.AddRange(
            new VendorDocumentType { Id = NewId(), CompanyId = companyId, Code = "TAX", Name = "Tax form (W-9 / W-8BEN)", IsRequired = true },
            new VendorDocumentType { Id = NewId(), CompanyId = companyId, Code = "COI", Name = "Insurance certificate", IsRequired = true, RequiresExpiry = true },
            new VendorDocumentType { Id = NewId(), CompanyId = companyId, Code = "BANK", Name = "Bank letter" },
            new VendorDocumentType { Id = NewId(), CompanyId = companyId, Code = "COC", Name = "Signed code of conduct" });

        var gl = db.GlAccounts.Local.Where(a => a.CompanyId == companyId).ToDictionary(a => a.Code, a => a.Id);
        var categories = new Dictionary<string, Category>();
        foreach (var c in Categories)
        {
            categories[c.Code] = new Category
            {
                Id = NewId(),
                CompanyId = companyId,
                Code = c.Code,
                Name = c.Name,
                ParentId = c.Parent is null ? null : categories[c.Parent].Id,
                DefaultGlAccountId = gl.GetValueOrDefault(c.Gl),
            };
        }

        db.Categories.AddRange(categories.Values);
        var vendors = Vendors.ToDictionary(v => v.Code, v =>
        {
            var us = v.Country == "US";
            var vendor = new Vendor
            {
                Id = NewId(),
                CompanyId = companyId,
                Code = v.Code,
                LegalName = v.Legal,
                TradingName = v.Trading,
                TaxId = v.TaxId,
                TaxIdKey = VendorNames.NormalizeTaxId(v.TaxId),
                Country = v.Country,
                DefaultCurrency = us ? "USD" : "EUR",
                PaymentNetDays = v.Net,
                PaymentDiscountBasisPoints = v.DiscountBp,
                PaymentDiscountDays = v.DiscountDays,
                DefaultGlAccountId = gl.GetValueOrDefault(Categories.First(c => c.Code == v.Category).Gl),
                Status = VendorStatus.Active,
                StatusReason = "Demo data",
                RequestedById = ownerId,
                CreatedById = ownerId,
                CreatedAtUtc = now.UtcDateTime,
                BankAccountHolder = v.Legal,
                BankVerifiedAtUtc = now.UtcDateTime,
                BankIban = us ? null : "DE89370400440532013000",
                BankBic = us ? null : "COBADEFFXXX",
                BankAccountNumber = us ? "000123456789" : null,
                BankRoutingNumber = us ? "021000021" : null,
                BankMasked = us ? "•••• 6789 (routing 021000021)" : "DE •••• 3000 / COBADEFFXXX",
            };
            vendor.Categories.Add(new VendorCategory { VendorId = vendor.Id, CategoryId = categories[v.Category].Id });
            vendor.Contacts.Add(new VendorContact { Id = NewId(), VendorId = vendor.Id, CompanyId = companyId, Name = $"{v.Trading} orders", Email = $"orders@{v.Code.ToLowerInvariant()}.example", Role = "Sales" });
            return vendor;
        });
        db.Vendors.AddRange(vendors.Values);
        db.PreferredVendors.AddRange(
            new PreferredVendor { Id = NewId(), CompanyId = companyId, CategoryId = categories["PAPER"].Id, VendorId = vendors["PAPERLINE"].Id, Rank = 1 },
            new PreferredVendor { Id = NewId(), CompanyId = companyId, CategoryId = categories["PAPER"].Id, VendorId = vendors["NORTHWIND"].Id, Rank = 2 },
            new PreferredVendor { Id = NewId(), CompanyId = companyId, CategoryId = categories["PERIPH"].Id, VendorId = vendors["CONTOSO"].Id, Rank = 1 });

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var essentials = new CuratedCatalog { Id = NewId(), CompanyId = companyId, Code = "ESSENTIALS", Name = "Office essentials", Description = "Everyday office and IT supplies for everyone." };
        essentials.Audience.Add(new CatalogAudience { Id = NewId(), CatalogId = essentials.Id, Kind = AudienceKind.Everyone });
        var lab = new CuratedCatalog { Id = NewId(), CompanyId = companyId, Code = "LAB", Name = "Lab consumables", Description = "Consumables for the research lab (Engineering)." };
        lab.Audience.Add(new CatalogAudience { Id = NewId(), CatalogId = lab.Id, Kind = AudienceKind.Department, DepartmentId = departments["ENG"] });
        foreach (var i in Items)
        {
            var item = new Item { Id = NewId(), CompanyId = companyId, Sku = i.Sku, Name = i.Name, Description = i.Description, Unit = i.Unit, CategoryId = categories[i.Category].Id };
            db.Items.Add(item);
            var curated = i.Category == "LAB" ? lab : essentials;
            curated.Items.Add(new CatalogItem { CatalogId = curated.Id, ItemId = item.Id });
            foreach (var o in i.Offers)
            {
                var currency = Currency.Of(vendors[o.Vendor].DefaultCurrency);
                Assert(UnitPrice.TryParse(o.Price, currency, out var price));
                db.Offers.Add(new Offer
                {
                    Id = NewId(),
                    CompanyId = companyId,
                    ItemId = item.Id,
                    VendorId = vendors[o.Vendor].Id,
                    UnitPriceMicros = price.Micros,
                    Currency = currency.Code,
                    MinimumQuantityUnits = Quantity.FromDecimal(o.Moq).Units,
                    PackSizeUnits = Quantity.FromDecimal(1).Units,
                    LeadTimeDays = o.Lead,
                    ValidFrom = today.AddDays(-30),
                    ValidTo = today.AddYears(1),
                    ContractReference = $"CTR-{o.Vendor}-2026",
                });
            }
        }

        db.Catalogs.AddRange(essentials, lab);
        await db.SaveChangesAsync(ct);
        await SearchIndex.RefreshAsync(db, companyId, [.. db.Items.Local.Where(i => i.CompanyId == companyId).Select(i => i.Id)], ct);
    }

    private static void Assert(bool condition)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Demo catalog data is inconsistent.");
        }
    }
}
