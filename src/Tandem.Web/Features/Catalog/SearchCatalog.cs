using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Domain;
using Tandem.Domain.Catalog;
using Tandem.Domain.Money;
using Tandem.Domain.Time;
using Tandem.Domain.Vendors;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

/// <summary>A valid offer as a search result or comparison shows it, with its landed total for the quantity asked.</summary>
public sealed record OfferLine(
    Guid OfferId, Guid VendorId, string VendorName, VendorStatus VendorStatus, bool Preferred, MoneyDto UnitPrice, string MinimumQuantity,
    string PackSize, int LeadTimeDays, MoneyDto? FreightPerOrder, string OrderQuantity, MoneyDto LandedTotal, DateOnly ValidFrom, DateOnly? ValidTo,
    string? ContractReference, bool Cheapest);

/// <summary>A page of results; past <see cref="SearchCatalog.CountLimit"/> matches the total says "more than".</summary>
public sealed record SearchPage(IReadOnlyList<SearchResult> Items, int Page, int PageSize, int TotalCount, bool MoreThanTotal);

public sealed record SearchResult(
    Guid ItemId, string Sku, string Name, string? Description, string Unit, Guid CategoryId, string CategoryPath, double Relevance,
    int VendorCount, OfferLine? BestOffer, IReadOnlyList<OfferLine> Offers);

/// <summary>
/// Catalog search as the caller may see it: full text over SKU, name, description, category path and vendor names
/// using the database's own engine (FTS5 / tsvector; ADR 0012), the last word matched as a prefix (the one being
/// typed) and the others as whole words, ranked by relevance;
/// filters by category (and its subcategories), vendor, unit price range in the company currency, and preferred vendors.
/// Each result lists its valid offers from active vendors, cheapest landed total first.
/// </summary>
public static partial class SearchCatalog
{
    public sealed record Query(string? Q, Guid? CategoryId, Guid? VendorId, string? MinPrice, string? MaxPrice, bool? PreferredOnly, int? Page, int? PageSize);

    /// <summary>Counting stops here: "more than 1,000 results" is all a person needs, and counting further costs time.</summary>
    public const int CountLimit = 1000;

    public static async Task<Result<SearchPage>> HandleAsync(TandemDb db, CurrentUser user, Query query, CancellationToken ct)
    {
        var v = new Validator();
        var company = await CompanyClock.SettingsAsync(db, user.CompanyId, ct);
        var currency = Currency.Of(company.BaseCurrency);
        var min = string.IsNullOrWhiteSpace(query.MinPrice) ? null : OfferInput.UnitPrice(v, query.MinPrice, currency, "minPrice");
        var max = string.IsNullOrWhiteSpace(query.MaxPrice) ? null : OfferInput.UnitPrice(v, query.MaxPrice, currency, "maxPrice");
        var page = query.Page ?? 1;
        var size = query.PageSize ?? 20;
        if (page < 1 || size is < 1 or > 100)
        {
            v.Add("pageSize", "out_of_range", "page must be 1 or more and pageSize between 1 and 100.");
        }

        if (!v.IsValid)
        {
            return Result<SearchPage>.Failure(v.Errors);
        }

        // Visibility, activity and category are tags on the search row itself, so filtering needs no joins.
        List<string> required = [SearchIndex.ActiveTag];
        if (query.CategoryId is { } categoryId)
        {
            required.Add(SearchIndex.CategoryTag(categoryId));
        }

        List<string>? anyCatalog = null;
        if (!CatalogVisibility.SeesEverything(user))
        {
            anyCatalog = [.. (await CatalogVisibility.VisibleCatalogs(db, user).ToListAsync(ct)).Select(SearchIndex.CatalogTag)];
            if (anyCatalog.Count == 0)
            {
                return new SearchPage([], page, size, 0, false);
            }
        }

        var today = BusinessCalendar.Today(db.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(company.TimeZone));
        var words = Tokens(query.Q);
        var hits = Hits(db, user.CompanyId, words, required, anyCatalog);
        var offers = db.Offers.Where(o => o.ValidFrom <= today && (o.ValidTo == null || o.ValidTo >= today)
            && db.Vendors.Any(x => x.Id == o.VendorId && x.Status == VendorStatus.Active));
        var filterOffers = false;
        if (query.VendorId is { } vendorId)
        {
            offers = offers.Where(o => o.VendorId == vendorId);
            filterOffers = true;
        }

        if (min is not null || max is not null)
        {
            long lo = min?.Micros ?? 0, hi = max?.Micros ?? long.MaxValue;
            offers = offers.Where(o => o.Currency == currency.Code && o.UnitPriceMicros >= lo && o.UnitPriceMicros <= hi);
            filterOffers = true;
        }

        if (query.PreferredOnly == true)
        {
            offers = offers.Where(o => db.PreferredVendors.Any(p => p.VendorId == o.VendorId && db.Items.Any(i => i.Id == o.ItemId && i.CategoryId == p.CategoryId)));
            filterOffers = true;
        }

        if (filterOffers)
        {
            hits = hits.Where(h => offers.Any(o => o.ItemId == h.ItemId));
        }

        // SQLite: FTS5 hands over its matches already ordered by relevance, so an unfiltered page stops once it is full
        // instead of scoring and sorting every match in SQL (docs/performance.md); ties keep FTS5's order across pages.
        var skip = (page - 1) * size;
        var pagedInFts = words.Count > 0 && !filterOffers && !db.Database.IsNpgsql();
        var source = pagedInFts ? Hits(db, user.CompanyId, words, required, anyCatalog, (skip, size)) : hits;
        var ordered = words.Count == 0 ? source.OrderBy(h => h.Name) : source.OrderByDescending(h => h.Rank).ThenBy(h => h.Name);
        // The page's items come with it: joined after the page is cut (EF repeats the page's order outside the join).
        var pageRows = await ordered.Skip(pagedInFts ? 0 : skip).Take(size)
            .Join(db.Items.AsNoTracking(), h => h.ItemId, i => i.Id, (h, i) => new { Hit = h, Item = i })
            .ToListAsync(ct);
        // Ranking reads every match anyway, so the window count in the same query is free; an offer filter (applied
        // outside it) or a page past the end needs its own count.
        var total = !filterOffers && pageRows.Count > 0 && pageRows[0].Hit.Total >= 0 ? pageRows[0].Hit.Total : await hits.Take(CountLimit + 1).CountAsync(ct);
        var lines = await OfferLinesAsync(db, [.. pageRows.Select(r => r.Item.Id)], today, Quantity.FromDecimal(1), currency, ct);
        var results = pageRows.Select(r =>
        {
            var item = r.Item;
            var itemOffers = lines[item.Id].ToList();
            return new SearchResult(
                item.Id, item.Sku, item.Name, item.Description, item.Unit, item.CategoryId, r.Hit.Category,
                Math.Round(r.Hit.Rank, 4), itemOffers.Select(o => o.VendorId).Distinct().Count(), itemOffers.FirstOrDefault(o => o.Cheapest), itemOffers);
        }).ToList();
        return new SearchPage(results, page, size, (int)Math.Min(total, CountLimit), total > CountLimit);
    }

    /// <summary>
    /// The valid offers of active vendors for <paramref name="itemIds"/>, each marked preferred when its vendor is preferred
    /// in the item's category, priced for <paramref name="wanted"/>, cheapest landed total in <paramref name="currency"/>
    /// first (marked), then other currencies. One query.
    /// </summary>
    public static async Task<ILookup<Guid, OfferLine>> OfferLinesAsync(
        TandemDb db, IReadOnlyCollection<Guid> itemIds, DateOnly today, Quantity wanted, Currency currency, CancellationToken ct, bool activeVendorsOnly = true)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Offers.AsNoTracking()
            .Where(o => itemIds.Contains(o.ItemId) && o.ValidFrom <= today && (o.ValidTo == null || o.ValidTo >= today))
            .Join(db.Vendors, o => o.VendorId, x => x.Id, (o, x) => new { Offer = o, x.LegalName, x.TradingName, x.Status })
            .Where(r => !activeVendorsOnly || r.Status == VendorStatus.Active)
            .Join(db.Items, r => r.Offer.ItemId, i => i.Id, (r, i) => new
            {
                r.Offer,
                r.LegalName,
                r.TradingName,
                r.Status,
                Preferred = db.PreferredVendors.Any(p => p.CategoryId == i.CategoryId && p.VendorId == r.Offer.VendorId),
            })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.Offer.ItemId).SelectMany(g =>
        {
            var list = g.ToList();
            // Only active vendors compete for "cheapest"; others are listed for comparison, never marked.
            var eligible = list.Where(r => r.Status == VendorStatus.Active).ToList();
            var cheapestIndex = OfferPricing.Cheapest([.. eligible.Select(r => OfferInput.Terms(r.Offer))], wanted, currency);
            var cheapestId = cheapestIndex is { } i ? eligible[i].Offer.Id : (Guid?)null;
            return list.Select(r =>
            {
                var landed = OfferPricing.Landed(wanted, OfferInput.Terms(r.Offer));
                var line = new OfferLine(
                    r.Offer.Id, r.Offer.VendorId, r.TradingName ?? r.LegalName, r.Status, r.Preferred,
                    OfferInput.PriceDto(r.Offer), OfferInput.Qty(r.Offer.MinimumQuantityUnits), OfferInput.Qty(r.Offer.PackSizeUnits), r.Offer.LeadTimeDays,
                    MoneyDto.From(r.Offer.FreightMinor, r.Offer.Currency), landed.OrderQuantity.ToString(), MoneyDto.From(landed.Total),
                    r.Offer.ValidFrom, r.Offer.ValidTo, r.Offer.ContractReference, r.Offer.Id == cheapestId);
                return (Item: g.Key, Line: line, landed.Total);
            })
            .OrderByDescending(x => x.Line.Cheapest)
            .ThenBy(x => x.Total.Currency == currency ? 0 : 1)
            .ThenBy(x => x.Total.Currency.Code, StringComparer.Ordinal)
            .ThenBy(x => x.Total.Minor)
            .ThenBy(x => x.Line.LeadTimeDays);
        }).ToLookup(x => x.Item, x => x.Line);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/catalog/search", async (TandemDb db, CurrentUser user, HttpContext http, string? q, Guid? categoryId, Guid? vendorId, string? minPrice, string? maxPrice, bool? preferredOnly, int? page, int? pageSize, CancellationToken ct) =>
                (await HandleAsync(db, user, new Query(q, categoryId, vendorId, minPrice, maxPrice, preferredOnly, page, pageSize), ct)).ToOk(http))
            .RequireSignedIn();

    /// <summary>Words of the query: letters and digits only (so nothing reaches the engine's query syntax), at most 8.</summary>
    internal static List<string> Tokens(string? q) =>
        [.. Word().Matches((q ?? "").ToLowerInvariant()).Select(m => m.Value).Distinct().Take(8)];

    /// <summary>
    /// Items matching every word, the last one as a prefix (through the engine's full-text index), carrying every required tag and,
    /// when given, one of the catalog tags; with a relevance where higher is better. No words: every item with the tags.
    /// Tags are checked on the matched rows only (a tag shared by most items would make a slow index term). With
    /// <paramref name="ftsPage"/> (SQLite only): just that page, in FTS5's relevance order.
    /// </summary>
    private static IQueryable<SearchHit> Hits(TandemDb db, Guid companyId, List<string> words, List<string> required, List<string>? anyOf, (int Skip, int Take)? ftsPage = null)
    {
        var postgres = db.Database.IsNpgsql();
        var parameters = new List<object> { companyId };
        string Param(object value)
        {
            parameters.Add(value);
            return "{" + (parameters.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
        }

        string Has(string tag) => postgres ? $"strpos(s.tags, {Param(tag)}) > 0" : $"instr(s.tags, {Param(tag)}) > 0";
        var tagFilter = string.Join(" AND ", [
            .. required.Select(Has),
            .. anyOf is null ? Array.Empty<string>() : ["(" + string.Join(" OR ", anyOf.Select(Has)) + ")"]]);
        string sql;
        if (words.Count == 0)
        {
            sql = $"SELECT s.item_id, s.name, s.category, 0.0 AS rank, count(*) OVER () AS total FROM {(postgres ? "catalog_search_match" : "catalog_search")} s WHERE s.company_id = {{0}} AND {tagFilter}";
        }
        else if (postgres)
        {
            var query = Param(string.Join(" & ", words.Select((t, i) => i == words.Count - 1 ? t + ":*" : t)));
            // The narrow match table (no SKU, description or vendor names beside the tsvector: fewer pages to visit when
            // ranking every match). Ranked below the window (OFFSET 0 keeps the planner from merging the two): otherwise
            // every match's tsvector rides through the count to the sort, and a broad query spills to disk (docs/performance.md).
            sql = "SELECT m.item_id, m.name, m.category, m.rank, count(*) OVER () AS total FROM (SELECT s.item_id, s.name, s.category, ts_rank(s.tsv, q)::float8 AS rank "
                + $"FROM catalog_search_match s, to_tsquery('simple', {query}) q WHERE s.company_id = {{0}} AND s.tsv @@ q AND {tagFilter} OFFSET 0) m";
        }
        else
        {
            var match = Param(string.Join(' ', words.Select((t, i) => i == words.Count - 1 ? $"\"{t}\"*" : $"\"{t}\"")));
            // Relevance is FTS5's rank column set to the weighted bm25 (sku, name, description, category, vendors), which
            // FTS5 can return in order. It cannot run inside a window query: no total here (-1), the caller counts separately.
            sql = "SELECT s.item_id, s.name, s.category, -catalog_fts.rank AS rank, -1 AS total "
                + "FROM catalog_fts JOIN catalog_search s ON s.id = catalog_fts.rowid "
                + $"WHERE catalog_fts MATCH {match} AND catalog_fts.rank MATCH 'bm25(10.0, 10.0, 1.0, 3.0, 3.0)' AND s.company_id = {{0}} AND {tagFilter}";
            if (ftsPage is { } p)
            {
                sql += $" ORDER BY catalog_fts.rank LIMIT {Param(p.Take)} OFFSET {Param(p.Skip)}";
            }
        }

        return db.Set<SearchHit>().FromSqlRaw(sql, [.. parameters]);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}

/// <summary>One full-text match: an item, its category path, its relevance and the number of matches. Keyless and unmapped to a table; only raw search SQL produces it.</summary>
public sealed class SearchHit
{
    public Guid ItemId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The item's category path as the index holds it ("Office > Paper").</summary>
    public string Category { get; set; } = "";

    public double Rank { get; set; }

    /// <summary>How many rows the search matched in all (a window count over the same query), or -1 when the engine cannot say.</summary>
    public long Total { get; set; }
}

internal sealed class SearchHitConfiguration : IEntityTypeConfiguration<SearchHit>
{
    public void Configure(EntityTypeBuilder<SearchHit> builder) => builder.HasNoKey().ToTable((string?)null);
}
