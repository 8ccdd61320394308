using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Budgets;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Features.Catalog;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Analytics;

/// <summary>
/// Keeps <see cref="SpendFact"/> current (ADR 0021): the budget ledger hands over every document's charges when it
/// rewrites the document's consumption, and the facts are replaced in the same transaction — one DELETE by document
/// (returning the days it removed) and the new rows added; the months touched are marked for the rollups
/// (<see cref="SpendRollups"/>). A charge gets the line's vendor, category and catalog origin, and whether that vendor is
/// preferred for the category (one query per document); the charges of a document that agree on the day and all of
/// these are one fact, their amounts summed.
/// </summary>
public static class SpendFacts
{
    public static async Task ReplaceAsync(TandemDb db, LedgerDocument document, ConsumptionKind? kind, IReadOnlyList<Charge> charges, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(charges);
        // The saved facts go in one DELETE that returns their days (their months need rebuilding), nothing loaded.
        var removedDays = await db.Database.SqlQuery<DateOnly>($"DELETE FROM spend_facts WHERE document_id = {document.Id} RETURNING day AS \"Value\"").ToListAsync(ct);
        await ReplaceAsync(db, document, kind, charges, removedDays, ct);
    }

    /// <summary>The same, when the document's saved facts have been deleted already (<paramref name="removedDays"/>: their days).</summary>
    public static async Task ReplaceAsync(TandemDb db, LedgerDocument document, ConsumptionKind? kind, IReadOnlyList<Charge> charges, IEnumerable<DateOnly> removedDays, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(charges);
        db.SpendFacts.RemoveRange(db.Unsaved<SpendFact>(f => f.DocumentId == document.Id));
        var facts = kind is null || charges.Count == 0 ? [] : await BuildAsync(db, document, kind.Value, charges, ct);
        db.SpendFacts.AddRange(facts);
        SpendRollups.Mark(db, document.CompanyId, removedDays.Concat(facts.Select(f => f.Day)));
    }

    /// <summary>The facts for a document's charges (nothing is written).</summary>
    public static async Task<IReadOnlyList<SpendFact>> BuildAsync(TandemDb db, LedgerDocument document, ConsumptionKind kind, IReadOnlyList<Charge> charges, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(charges);
        var lines = document.Lines.ToDictionary(l => l.LineNo);
        var categories = lines.Values.Select(l => l.Source?.CategoryId).OfType<Guid>().Distinct().ToList();
        var vendors = lines.Values.Select(l => l.Source?.VendorId).OfType<Guid>().Distinct().ToList();
        var preferred = categories.Count == 0 || vendors.Count == 0 ? []
            : await db.Reads.GetAsync<PreferredVendor, HashSet<(Guid, Guid)>>( // once per unit of work: an invoice's and its order's lines share them
                $"preferred:{string.Join(',', categories.Order())}|{string.Join(',', vendors.Order())}",
                async c => (await db.PreferredVendors.AsNoTracking().Where(p => categories.Contains(p.CategoryId) && vendors.Contains(p.VendorId))
                    .Select(p => new { p.CategoryId, p.VendorId }).ToListAsync(c)).Select(p => (p.CategoryId, p.VendorId)).ToHashSet(), ct);
        var now = db.Clock.GetUtcNow();
        var facts = new Dictionary<FactKey, SpendFact>();
        foreach (var line in charges.GroupBy(c => c.LineNo))
        {
            var source = lines[line.Key].Source;
            var split = 0;
            foreach (var c in line)
            {
                split++;
                if (c.AmountMinor == 0)
                {
                    continue; // a fully invoiced order line commits nothing
                }

                var preferredVendor = source is { VendorId: { } v, CategoryId: { } cat } && preferred.Contains((cat, v));
                var key = new FactKey(c.Date, c.DepartmentId, c.LocationId, c.CostCenterId, c.GlAccountId, c.ProjectId, source?.VendorId, source?.CategoryId, source?.Catalog ?? false, preferredVendor);
                if (facts.TryGetValue(key, out var same))
                {
                    same.AmountMinor += c.AmountMinor; // the same day and dimensions: one row (analytics only sums them)
                    continue;
                }

                facts.Add(key, new SpendFact
                {
                    Id = Ids.New(now),
                    CompanyId = document.CompanyId,
                    Kind = kind,
                    DocumentType = document.Type,
                    DocumentId = document.Id,
                    DocumentNumber = document.Number,
                    LineNo = c.LineNo,
                    SplitNo = split,
                    Day = c.Date,
                    DepartmentId = c.DepartmentId,
                    LocationId = c.LocationId,
                    CostCenterId = c.CostCenterId,
                    GlAccountId = c.GlAccountId,
                    ProjectId = c.ProjectId,
                    VendorId = source?.VendorId,
                    CategoryId = source?.CategoryId,
                    OnPurchaseOrder = document.Type != BudgetLedger.RequisitionDocument && !document.WithoutOrder,
                    Catalog = source?.Catalog ?? false,
                    Preferred = preferredVendor,
                    AmountMinor = c.AmountMinor,
                });
            }
        }

        return [.. facts.Values];
    }

    /// <summary>What tells one fact of a document from another: its day and every dimension spend is grouped or filtered by.</summary>
    private readonly record struct FactKey(DateOnly Day, Guid DepartmentId, Guid? LocationId, Guid? CostCenterId, Guid? GlAccountId, Guid? ProjectId,
        Guid? VendorId, Guid? CategoryId, bool Catalog, bool Preferred);
}
