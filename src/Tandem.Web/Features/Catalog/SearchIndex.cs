using Microsoft.EntityFrameworkCore;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

/// <summary>
/// Keeps <see cref="CatalogSearchEntry"/> rows in step with items, categories, offers and curated catalogs. The engines' own indexes
/// follow those rows through triggers (FTS5 on SQLite, a narrow tsvector table on PostgreSQL). Only rows whose text changed are written.
/// </summary>
public static class SearchIndex
{
    private const int Chunk = 1000;

    public const string ActiveTag = "active";

    public static string CatalogTag(Guid catalogId) => "k" + catalogId.ToString("N");

    public static string CategoryTag(Guid categoryId) => "c" + categoryId.ToString("N");

    /// <summary>Rebuilds every entry of every company (after a restore, or to pick up index changes).</summary>
    public static async Task<int> RebuildAsync(TandemDb db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var count = 0;
        foreach (var companyId in await db.Companies.Select(c => c.Id).ToListAsync(ct))
        {
            var ids = await db.Items.Where(i => i.CompanyId == companyId).Select(i => i.Id).ToListAsync(ct);
            await RefreshAsync(db, companyId, ids, ct);
            db.ChangeTracker.Clear();
            count += ids.Count;
        }

        // PostgreSQL: every row was rewritten, so clear the dead versions now rather than when autovacuum gets to it;
        // the first searches after a rebuild would pay for them (docs/performance.md). SQLite rewrites in place.
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE catalog_search, catalog_search_match", ct);
        }

        return count;
    }

    private static IEnumerable<Guid> Ancestry(Dictionary<Guid, (Category Category, string Path)> tree, Guid categoryId)
    {
        var seen = new HashSet<Guid>();
        for (Guid? at = categoryId; at is { } id && seen.Add(id) && tree.TryGetValue(id, out var node); at = node.Category.ParentId)
        {
            yield return id;
        }
    }

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
                .Select(i => new { i.Id, i.Sku, i.Name, i.Description, i.CategoryId, i.IsActive }).ToListAsync(ct);
            var catalogs = (await db.CatalogItems.AsNoTracking().Where(ci => chunk.Contains(ci.ItemId))
                    .Join(db.Catalogs.Where(c => c.IsActive), ci => ci.CatalogId, c => c.Id, (ci, c) => new { ci.ItemId, c.Id }).ToListAsync(ct))
                .ToLookup(x => x.ItemId, x => x.Id);
            var vendorNames = await VendorNamesAsync(db, chunk, ct);
            var entries = await db.CatalogSearch.Where(e => chunk.Contains(e.ItemId)).ToDictionaryAsync(e => e.ItemId, ct);
            foreach (var item in items)
            {
                var vendors = VendorsText(vendorNames[item.Id]);
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
                entry.Tags = string.Join(' ', [
                    .. item.IsActive ? [ActiveTag] : Array.Empty<string>(),
                    .. catalogs[item.Id].Select(CatalogTag),
                    .. Ancestry(tree, item.CategoryId).Select(CategoryTag)]);
            }

            await db.SaveChangesAsync(ct);

            // Keep the change tracker small: a large refresh would otherwise rescan every earlier chunk on each save.
            foreach (var entry in entries.Values.Concat(db.CatalogSearch.Local.Where(e => chunk.Contains(e.ItemId))).Distinct().ToList())
            {
                db.Entry(entry).State = EntityState.Detached;
            }
        }
    }

    /// <summary>
    /// Sets the vendor names of items' entries to names the caller already holds (an offers import knows every vendor
    /// offering each item it touched). Adding offers changes nothing else in an entry, so only that column is read and
    /// written, and only where it changed.
    /// </summary>
    public static async Task SetVendorsAsync(TandemDb db, ILookup<Guid, (string LegalName, string? TradingName)> vendorsByItem, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(vendorsByItem);
        foreach (var chunk in vendorsByItem.Select(g => g.Key).Chunk(Chunk))
        {
            var written = new List<CatalogSearchEntry>();
            foreach (var saved in await db.CatalogSearch.AsNoTracking().Where(e => chunk.Contains(e.ItemId)).Select(e => new { e.Id, e.ItemId, e.CompanyId, e.Vendors }).ToListAsync(ct))
            {
                var vendors = VendorsText(vendorsByItem[saved.ItemId]);
                if (vendors != saved.Vendors)
                {
                    // Only the column that changed is known (and marked modified): the update writes only it.
                    var entry = new CatalogSearchEntry { Id = saved.Id, ItemId = saved.ItemId, CompanyId = saved.CompanyId, Vendors = saved.Vendors };
                    db.CatalogSearch.Attach(entry);
                    db.Entry(entry).Property(e => e.Vendors).CurrentValue = vendors;
                    written.Add(entry);
                }
            }

            await db.SaveChangesAsync(ct);
            foreach (var entry in written)
            {
                db.Entry(entry).State = EntityState.Detached;
            }
        }
    }

    private static async Task<ILookup<Guid, (string LegalName, string? TradingName)>> VendorNamesAsync(TandemDb db, Guid[] itemIds, CancellationToken ct) =>
        (await db.Offers.AsNoTracking().Where(o => itemIds.Contains(o.ItemId))
            .Join(db.Vendors, o => o.VendorId, v => v.Id, (o, v) => new { o.ItemId, v.LegalName, v.TradingName })
            .Distinct().ToListAsync(ct))
        .ToLookup(x => x.ItemId, x => (x.LegalName, x.TradingName));

    /// <summary>The vendors an entry indexes: every legal and trading name, each once, in a fixed order, at most 4,000 characters.</summary>
    private static string VendorsText(IEnumerable<(string LegalName, string? TradingName)> names)
    {
        var vendors = string.Join(' ', names.SelectMany(v => new[] { v.LegalName, v.TradingName }).OfType<string>().Distinct().Order(StringComparer.Ordinal));
        return vendors.Length > 4000 ? vendors[..4000] : vendors;
    }
}
