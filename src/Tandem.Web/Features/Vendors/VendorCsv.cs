using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Vendors;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Csv;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Vendors;

/// <summary>
/// Vendors to and from CSV. Import creates prospects for new codes and updates the profile of existing ones (never
/// status or bank details, which have their own controls). All-or-nothing, with a dry run; errors by row, line and column.
/// </summary>
public static class VendorCsv
{
    public static readonly string[] Columns = ["code", "legal_name", "country", "currency"];

    public static readonly string[] OptionalColumns = ["trading_name", "tax_id", "net_days", "discount_percent", "discount_days", "notes", "status", "end_of_month"];

    public static async Task<Result<ImportReport>> ImportAsync(TandemDb db, CurrentUser user, Stream csv, bool dryRun, CancellationToken ct)
    {
        var read = await CsvTable.ReadAsync(csv, Columns, CsvLimits.Default with { OptionalColumns = OptionalColumns }, ct);
        if (!read.IsSuccess)
        {
            return Result<ImportReport>.Failure(read.Errors);
        }

        var table = read.Value;
        var existing = await db.Vendors.Where(v => v.CompanyId == user.CompanyId).ToDictionaryAsync(v => v.Code, StringComparer.Ordinal, ct);
        var taxOwners = existing.Values.Where(v => !string.IsNullOrEmpty(v.TaxIdKey)).GroupBy(v => v.TaxIdKey!).ToDictionary(g => g.Key, g => g.First().Code, StringComparer.Ordinal);
        var errors = new List<RowError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        int created = 0, updated = 0;
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            var v = new Validator();
            var code = v.Code(row["code"], "code");
            var legalName = v.Required(row["legal_name"], "legal_name", 200);
            var country = SaveVendor.CountryCode(v, row["country"], "country");
            var currency = v.Currency(row["currency"], "currency");
            var tradingName = v.Optional(row.Optional("trading_name"), "trading_name", 200);
            var taxId = v.Optional(row.Optional("tax_id"), "tax_id", 40);
            var notes = v.Optional(row.Optional("notes"), "notes", 4000);
            var terms = PaymentTerms.Create(v.WholeNumber(row.Optional("net_days"), "net_days") ?? 30, v.Number(row.Optional("discount_percent"), "discount_percent"), v.WholeNumber(row.Optional("discount_days"), "discount_days"),
                v.Bool(row.Optional("end_of_month"), "end_of_month", false));
            foreach (var e in terms.Errors)
            {
                v.Add(e.Field!.Replace("paymentTerms.netDays", "net_days").Replace("paymentTerms.discountPercent", "discount_percent").Replace("paymentTerms.discountDays", "discount_days"), e.Code, e.Message);
            }

            if (v.IsValid && !seen.Add(code))
            {
                v.Add("code", "duplicate", $"code {code} appears more than once in the file.");
            }

            var taxKey = VendorNames.NormalizeTaxId(taxId);
            if (taxKey.Length > 0 && taxOwners.TryGetValue(taxKey, out var owner) && owner != code)
            {
                v.Add("tax_id", "tax_id_duplicate", $"tax id {taxId} already belongs to vendor {owner}.");
            }

            if (!v.IsValid)
            {
                errors.AddRange(v.Errors.Select(e => new RowError(i + 1, table.LineOf(i), e.Field ?? "", e.Message)));
                continue;
            }

            if (taxKey.Length > 0)
            {
                taxOwners[taxKey] = code;
            }

            if (existing.TryGetValue(code, out var vendor))
            {
                updated++;
            }
            else
            {
                created++;
                vendor = new Vendor
                {
                    Id = Ids.New(now),
                    CompanyId = user.CompanyId,
                    Code = code,
                    Status = VendorStatus.Prospect,
                    StatusReason = "Imported",
                    RequestedById = user.UserId,
                    CreatedById = user.UserId,
                    CreatedAtUtc = now,
                };
                db.Vendors.Add(vendor);
            }

            vendor.LegalName = legalName;
            vendor.TradingName = tradingName;
            vendor.TaxId = taxId;
            vendor.TaxIdKey = taxKey.Length == 0 ? null : taxKey;
            vendor.Country = country;
            vendor.DefaultCurrency = currency.Code;
            vendor.PaymentNetDays = terms.Value.NetDays;
            vendor.PaymentDiscountBasisPoints = terms.Value.DiscountBasisPoints;
            vendor.PaymentDiscountDays = terms.Value.DiscountDays;
            vendor.PaymentEndOfMonth = terms.Value.EndOfMonth;
            vendor.Notes = notes;
        }

        if (errors.Count == 0 && !dryRun)
        {
            await db.SaveChangesAsync(ct);
        }

        return new ImportReport(table.Rows.Count, created, updated, errors, dryRun);
    }

    public static async Task<string> ExportAsync(TandemDb db, CurrentUser user, CancellationToken ct)
    {
        var csv = new StringBuilder(CsvTable.Line([.. Columns, .. OptionalColumns]));
        await foreach (var v in db.Vendors.AsNoTracking().Where(v => v.CompanyId == user.CompanyId).OrderBy(v => v.Code).AsAsyncEnumerable().WithCancellation(ct))
        {
            var t = v.Terms;
            csv.Append(CsvTable.Line(
                v.Code, v.LegalName, v.Country, v.DefaultCurrency, v.TradingName, v.TaxId, t.NetDays.ToString(CultureInfo.InvariantCulture),
                t.HasDiscount ? t.DiscountPercent.ToString(CultureInfo.InvariantCulture) : "", t.HasDiscount ? t.DiscountDays.ToString(CultureInfo.InvariantCulture) : "",
                v.Notes, JsonNames.Camel(v.Status.ToString()), t.EndOfMonth ? "yes" : "no"));
        }

        return csv.ToString();
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/vendors/import", async (TandemDb db, CurrentUser user, HttpRequest request, bool? dryRun, CancellationToken ct) =>
                ImportResults.From(await ImportAsync(db, user, request.Body, dryRun ?? false, ct)))
            .Accepts<string>("text/csv")
            .RequireRoles(VendorAccess.Editors);
        api.MapGet("/vendors/export", async (TandemDb db, CurrentUser user, CancellationToken ct) =>
                Results.Text(await ExportAsync(db, user, ct), "text/csv; charset=utf-8"))
            .RequireRoles(VendorAccess.Readers);
    }
}
