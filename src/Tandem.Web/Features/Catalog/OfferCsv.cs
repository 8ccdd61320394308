using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Catalog;
using Tandem.Domain.Money;
using Tandem.Domain.Vendors;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Csv;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

/// <summary>
/// Offers to and from CSV, keyed by SKU, vendor code and valid_from (a row with a known key updates that offer).
/// The same rules as the API apply: no negative price, known currency, no overlapping validity for one vendor and item
/// (against the database and within the file). All-or-nothing, with a dry run; sized for price lists of 100,000+ rows.
/// </summary>
public static class OfferCsv
{
    public static readonly string[] Columns = ["sku", "vendor", "unit_price", "currency", "valid_from"];

    public static readonly string[] OptionalColumns = ["valid_to", "minimum_quantity", "pack_size", "lead_time_days", "freight", "contract_reference"];

    public static readonly CsvLimits Limits = new(500_000, 200L * 1024 * 1024, OptionalColumns);

    private sealed record Existing(Guid Id, Guid ItemId, Guid VendorId, DateOnly ValidFrom, DateOnly? ValidTo);

    public static async Task<Result<ImportReport>> ImportAsync(TandemDb db, CurrentUser user, Stream csv, bool dryRun, CancellationToken ct)
    {
        var read = await CsvTable.ReadAsync(csv, Columns, Limits, ct);
        if (!read.IsSuccess)
        {
            return Result<ImportReport>.Failure(read.Errors);
        }

        var table = read.Value;
        var items = await db.Items.AsNoTracking().Where(i => i.CompanyId == user.CompanyId).Select(i => new { i.Sku, i.Id }).ToDictionaryAsync(i => i.Sku, i => i.Id, StringComparer.Ordinal, ct);
        var vendors = await db.Vendors.AsNoTracking().Where(v => v.CompanyId == user.CompanyId).Select(v => new { v.Code, v.Id, v.Status, v.LegalName, v.TradingName }).ToDictionaryAsync(v => v.Code, StringComparer.Ordinal, ct);
        var periods = (await db.Offers.AsNoTracking().Where(o => o.CompanyId == user.CompanyId)
                .Select(o => new Existing(o.Id, o.ItemId, o.VendorId, o.ValidFrom, o.ValidTo)).ToListAsync(ct))
            .GroupBy(o => (o.ItemId, o.VendorId)).ToDictionary(g => g.Key, g => g.ToList());
        var errors = new List<RowError>();
        var updates = new Dictionary<Guid, Action<Offer>>();
        var newPairs = new HashSet<Guid>();
        var inserts = new List<Offer>();
        var now = db.Clock.GetUtcNow();
        var created = 0;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            var v = new Validator();
            var sku = row["sku"].ToUpperInvariant();
            var vendorCode = row["vendor"].ToUpperInvariant();
            if (!items.TryGetValue(sku, out var itemId))
            {
                v.Add("sku", "item_unknown", $"sku {row["sku"]} is not an item.");
            }

            if (!vendors.TryGetValue(vendorCode, out var vendor))
            {
                v.Add("vendor", "vendor_unknown", $"vendor {row["vendor"]} is not a vendor code.");
            }
            else if (vendor.Status == VendorStatus.Blocked)
            {
                v.Add("vendor", "vendor_blocked", $"vendor {vendorCode} is blocked and cannot be given offers.");
            }

            var currency = v.Currency(row["currency"], "currency");
            var price = currency != default ? OfferInput.UnitPrice(v, row["unit_price"], currency, "unit_price") : null;
            var from = v.Date(row["valid_from"], "valid_from");
            if (from is null && v.IsValid)
            {
                v.Add("valid_from", "required", "valid_from is required.");
            }

            var to = v.Date(row.Optional("valid_to"), "valid_to");
            var moq = OfferInput.Quantity(v, row.Optional("minimum_quantity"), "minimum_quantity", Quantity.FromDecimal(1));
            var pack = OfferInput.Quantity(v, row.Optional("pack_size"), "pack_size", Quantity.FromDecimal(1));
            var lead = v.WholeNumber(row.Optional("lead_time_days"), "lead_time_days") ?? 0;
            if (lead is < 0 or > 365)
            {
                v.Add("lead_time_days", "out_of_range", "lead_time_days must be between 0 and 365.");
            }

            long? freight = null;
            if (row.Optional("freight") is { Length: > 0 } f && currency != default)
            {
                if (Money.TryParse(f, currency, out var m) && !m.IsNegative)
                {
                    freight = m.Minor;
                }
                else
                {
                    v.Add("freight", "amount_invalid", $"freight must be zero or more with at most {currency.MinorDigits} decimals.");
                }
            }

            var contract = v.Optional(row.Optional("contract_reference"), "contract_reference", 60);
            OfferValidity period = default;
            if (from is { } start)
            {
                var validity = OfferValidity.Create(start, to);
                if (validity.IsSuccess)
                {
                    period = validity.Value;
                }
                else
                {
                    v.Add("valid_to", validity.FirstError.Code, "valid_to must not be before valid_from.");
                }
            }

            Existing? same = null;
            if (v.IsValid)
            {
                var key = (itemId, vendor!.Id);
                if (!periods.TryGetValue(key, out var siblings))
                {
                    periods[key] = siblings = [];
                    newPairs.Add(itemId);
                }

                same = siblings.FirstOrDefault(o => o.ValidFrom == period.From);
                if (same is not null && updates.ContainsKey(same.Id))
                {
                    v.Add("valid_from", "duplicate", $"{sku} from {vendorCode} valid from {period.From:yyyy-MM-dd} appears more than once in the file.");
                }
                else if (siblings.FirstOrDefault(o => o != same && new OfferValidity(o.ValidFrom, o.ValidTo).Overlaps(period)) is { } clash)
                {
                    v.Add("valid_from", "validity_overlap", $"overlaps the offer of {vendorCode} for {sku} valid from {clash.ValidFrom:yyyy-MM-dd}.");
                }
                else
                {
                    var id = same?.Id ?? Ids.New(now);
                    siblings.Remove(same!);
                    siblings.Add(new Existing(id, itemId, vendor.Id, period.From, period.To));
                    void Apply(Offer o)
                    {
                        o.UnitPriceMicros = price!.Value.Micros;
                        o.Currency = currency.Code;
                        o.MinimumQuantityUnits = moq.Units;
                        o.PackSizeUnits = pack.Units;
                        o.LeadTimeDays = lead;
                        o.FreightMinor = freight;
                        o.ValidTo = period.To;
                        o.ContractReference = contract;
                    }

                    if (same is null)
                    {
                        var offer = new Offer { Id = id, CompanyId = user.CompanyId, ItemId = itemId, VendorId = vendor.Id, ValidFrom = period.From };
                        Apply(offer);
                        inserts.Add(offer);
                        created++;
                    }
                    else
                    {
                        updates[id] = Apply;
                    }
                }
            }

            if (!v.IsValid)
            {
                errors.AddRange(v.Errors.Select(e => new RowError(i + 1, table.LineOf(i), e.Field ?? "", e.Message)));
            }
        }

        if (errors.Count == 0 && !dryRun)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var chunk in updates.Keys.Chunk(1000))
            {
                foreach (var offer in await db.Offers.Where(o => chunk.Contains(o.Id)).ToListAsync(ct))
                {
                    updates[offer.Id](offer);
                }
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await BulkInsert.InsertAsync(db, inserts, ct);
            // Every offer of the touched items is in `periods` (the company's offers before the file, plus the file's).
            var names = vendors.Values.ToDictionary(v => v.Id, v => (v.LegalName, v.TradingName));
            await SearchIndex.SetVendorsAsync(db, periods.Keys.Where(k => newPairs.Contains(k.ItemId)).ToLookup(k => k.ItemId, k => names[k.VendorId]), ct);
            await tx.CommitAsync(ct);
        }

        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return new ImportReport(table.Rows.Count, created, updates.Count, errors, dryRun);
    }

    public static async Task<string> ExportAsync(TandemDb db, CurrentUser user, CancellationToken ct)
    {
        var skus = await db.Items.AsNoTracking().Where(i => i.CompanyId == user.CompanyId).Select(i => new { i.Id, i.Sku }).ToDictionaryAsync(i => i.Id, i => i.Sku, ct);
        var codes = await db.Vendors.AsNoTracking().Where(v => v.CompanyId == user.CompanyId).Select(v => new { v.Id, v.Code }).ToDictionaryAsync(v => v.Id, v => v.Code, ct);
        var csv = new StringBuilder(CsvTable.Line([.. Columns, .. OptionalColumns]));
        await foreach (var o in db.Offers.AsNoTracking().Where(o => o.CompanyId == user.CompanyId).OrderBy(o => o.ItemId).ThenBy(o => o.VendorId).ThenBy(o => o.ValidFrom)
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            csv.Append(CsvTable.Line(
                skus.GetValueOrDefault(o.ItemId), codes.GetValueOrDefault(o.VendorId), OfferInput.Price(o.UnitPriceMicros), o.Currency,
                o.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), o.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                OfferInput.Qty(o.MinimumQuantityUnits), OfferInput.Qty(o.PackSizeUnits), o.LeadTimeDays.ToString(CultureInfo.InvariantCulture),
                MoneyDto.From(o.FreightMinor, o.Currency)?.Amount, o.ContractReference));
        }

        return csv.ToString();
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/catalog/offers/import", async (TandemDb db, CurrentUser user, HttpRequest request, bool? dryRun, CancellationToken ct) =>
                ImportResults.From(await ImportAsync(db, user, request.Body, dryRun ?? false, ct)))
            .Accepts<string>("text/csv")
            .WithMetadata(new RequestSizeLimitAttribute(Limits.MaxBytes))
            .RequireRoles(CatalogAccess.Editors);
        api.MapGet("/catalog/offers/export", async (TandemDb db, CurrentUser user, CancellationToken ct) =>
                Results.Text(await ExportAsync(db, user, ct), "text/csv; charset=utf-8"))
            .RequireRoles(CatalogAccess.Editors);
    }
}
