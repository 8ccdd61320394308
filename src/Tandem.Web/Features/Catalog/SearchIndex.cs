using Microsoft.EntityFrameworkCore;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

/// <summary>
/// Keeps <see cref="CatalogSearchEntry"/> rows in step with items, categories and offers. The engines' own indexes
/// follow those rows (FTS5 triggers on SQLite, a generated tsvector on PostgreSQL). Only rows whose text changed are written.
/// </summary>
public static class SearchIndex
{
    private const int Chunk = 1000;

    public static async Task RefreshAsync(TandemDb db, Guid companyId, IReadOnlyCollection<Guid> itemIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        if (itemIds.Count == 0)
        {
            return;
        }

        var tree = await CatalogAccess.TreeAsync(db, companyId, ct);
        foreach (var chunk in itemIds.Distinct().Chunk(Chunk))
        {
            var items = await db.Items.AsNoTracking().Where(i => chunk.Contains(i.Id))
                .Select(i => new { i.Id, i.Sku, i.Name, i.Description, i.CategoryId }).ToListAsync(ct);
            var vendorNames = (await db.Offers.AsNoTracking().Where(o => chunk.Contains(o.ItemId))
                    .Join(db.Vendors, o => o.VendorId, v => v.Id, (o, v) => new { o.ItemId, v.LegalName, v.TradingName })
                    .Distinct().ToListAsync(ct))
                .ToLookup(x => x.ItemId);
            var entries = await db.CatalogSearch.Where(e => chunk.Contains(e.ItemId)).ToDictionaryAsync(e => e.ItemId, ct);
            foreach (var item in items)
            {
                var vendors = string.Join(' ', vendorNames[item.Id].SelectMany(v => new[] { v.LegalName, v.TradingName }).OfType<string>().Distinct().Order(StringComparer.Ordinal));
                if (vendors.Length > 4000)
                {
                    vendors = vendors[..4000];
                }

                if (!entries.TryGetValue(item.Id, out var entry))
                {
                    entry = new CatalogSearchEntry { ItemId = item.Id, CompanyId = companyId };
                    db.CatalogSearch.Add(entry);
                }

                entry.Sku = item.Sku;
                entry.Name = item.Name;
                entry.Description = item.Description ?? "";
                entry.Category = tree.TryGetValue(item.CategoryId, out var c) ? c.Path : "";
                entry.Vendors = vendors;
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
