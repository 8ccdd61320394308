using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Csv;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

/// <summary>Items to and from CSV, keyed by SKU; the category is given by code. All-or-nothing with a dry run.</summary>
public static class ItemCsv
{
    public static readonly string[] Columns = ["sku", "name", "category", "unit"];

    public static readonly string[] OptionalColumns = ["description", "active", "image_url"];

    public static readonly CsvLimits Limits = new(200_000, 100L * 1024 * 1024, OptionalColumns);

    public static async Task<Result<ImportReport>> ImportAsync(TandemDb db, CurrentUser user, Stream csv, bool dryRun, CancellationToken ct)
    {
        var read = await CsvTable.ReadAsync(csv, Columns, Limits, ct);
        if (!read.IsSuccess)
        {
            return Result<ImportReport>.Failure(read.Errors);
        }

        var table = read.Value;
        var categories = await db.Categories.AsNoTracking().Where(c => c.CompanyId == user.CompanyId).ToDictionaryAsync(c => c.Code, c => c.Id, StringComparer.Ordinal, ct);
        var existing = await db.Items.Where(i => i.CompanyId == user.CompanyId).ToDictionaryAsync(i => i.Sku, StringComparer.Ordinal, ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var errors = new List<RowError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var touched = new List<Guid>();
        var now = db.Clock.GetUtcNow();
        int created = 0, updated = 0;
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            var v = new Validator();
            var sku = v.Code(row["sku"], "sku", 40);
            var name = v.Required(row["name"], "name", 200);
            var unit = v.Code(row["unit"], "unit", 10);
            var description = v.Optional(row.Optional("description"), "description", 2000);
            var imageUrl = v.Optional(row.Optional("image_url"), "image_url", 500);
            var active = v.Bool(row.Optional("active"), "active", fallback: true);
            if (!categories.TryGetValue(row["category"].ToUpperInvariant(), out var categoryId))
            {
                v.Add("category", "category_unknown", $"category {row["category"]} is not a category code.");
            }

            if (v.IsValid && !seen.Add(sku))
            {
                v.Add("sku", "duplicate", $"sku {sku} appears more than once in the file.");
            }

            if (!v.IsValid)
            {
                errors.AddRange(v.Errors.Select(e => new RowError(i + 1, table.LineOf(i), e.Field ?? "", e.Message)));
                continue;
            }

            if (existing.TryGetValue(sku, out var item))
            {
                updated++;
            }
            else
            {
                created++;
                item = new Item { Id = Ids.New(now), CompanyId = user.CompanyId, Sku = sku };
                db.Items.Add(item);
            }

            item.Name = name;
            item.Unit = unit;
            item.CategoryId = categoryId;
            item.Description = description;
            item.ImageUrl = imageUrl;
            item.IsActive = active;
            touched.Add(item.Id);
        }

        if (errors.Count == 0 && !dryRun)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await SearchIndex.RefreshAsync(db, user.CompanyId, touched, ct);
            await tx.CommitAsync(ct);
        }

        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return new ImportReport(table.Rows.Count, created, updated, errors, dryRun);
    }

    public static async Task<string> ExportAsync(TandemDb db, CurrentUser user, CancellationToken ct)
    {
        var codes = await db.Categories.AsNoTracking().Where(c => c.CompanyId == user.CompanyId).Select(c => new { c.Id, c.Code }).ToDictionaryAsync(c => c.Id, c => c.Code, ct);
        var csv = new StringBuilder(CsvTable.Line([.. Columns, .. OptionalColumns]));
        await foreach (var i in db.Items.AsNoTracking().Where(i => i.CompanyId == user.CompanyId).OrderBy(i => i.Sku).AsAsyncEnumerable().WithCancellation(ct))
        {
            csv.Append(CsvTable.Line(i.Sku, i.Name, codes.GetValueOrDefault(i.CategoryId), i.Unit, i.Description, i.IsActive ? "true" : "false", i.ImageUrl));
        }

        return csv.ToString();
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/catalog/items/import", async (TandemDb db, CurrentUser user, HttpRequest request, bool? dryRun, CancellationToken ct) =>
                ImportResults.From(await ImportAsync(db, user, request.Body, dryRun ?? false, ct)))
            .Accepts<string>("text/csv")
            .WithMetadata(new RequestSizeLimitAttribute(Limits.MaxBytes))
            .RequireRoles(CatalogAccess.Editors);
        api.MapGet("/catalog/items/export", async (TandemDb db, CurrentUser user, CancellationToken ct) =>
                Results.Text(await ExportAsync(db, user, ct), "text/csv; charset=utf-8"))
            .RequireRoles(CatalogAccess.Editors);
    }
}
