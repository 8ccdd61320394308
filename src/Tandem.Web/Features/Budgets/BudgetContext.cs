using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Budgets;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;
using Money = Tandem.Domain.Money.Money;

namespace Tandem.Web.Features.Budgets;

/// <summary>What a pending request does to one budget line, as the approval inbox shows it.</summary>
public sealed record BudgetNote(Guid BudgetLineId, string Name, string State, MoneyDto ThisRequest, MoneyDto RemainingAfter, bool Blocks, string Explanation);

/// <summary>
/// The budget context of many requests at once, read from what they already consume (their ledger rows): three queries
/// whatever the number of requests, so an inbox of hundreds stays one page load.
/// </summary>
public static class BudgetContext
{
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<BudgetNote>>> ForAsync(TandemDb db, Guid companyId, IReadOnlyCollection<Guid> requisitionIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(requisitionIds);
        if (requisitionIds.Count == 0)
        {
            return new Dictionary<Guid, IReadOnlyList<BudgetNote>>();
        }

        var rows = await db.BudgetConsumptions.AsNoTracking()
            .Where(c => c.CompanyId == companyId && c.DocumentType == BudgetLedger.RequisitionDocument && requisitionIds.Contains(c.DocumentId))
            .GroupBy(c => new { c.DocumentId, c.BudgetLineId, c.Kind }).Select(g => new { g.Key.DocumentId, g.Key.BudgetLineId, g.Key.Kind, Sum = g.Sum(c => c.AmountMinor) })
            .ToListAsync(ct);
        var lineIds = rows.Select(r => r.BudgetLineId).Distinct().ToList();
        var lines = await db.BudgetLines.AsNoTracking().Where(b => lineIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
        var totals = await BudgetLedger.ConsumptionAsync(db, lineIds, null, ct);
        var currency = await CompanyClock.CurrencyAsync(db, companyId, ct);
        MoneyDto M(long minor) => MoneyDto.From(new Money(minor, currency));
        return rows.GroupBy(r => r.DocumentId).ToDictionary(d => d.Key, d => (IReadOnlyList<BudgetNote>)[.. d.GroupBy(r => r.BudgetLineId).Select(l =>
        {
            // The other documents' consumption: the line's totals less this request's own rows.
            var mine = l.ToDictionary(r => r.Kind, r => r.Sum);
            var all = BudgetLedger.State(lines[l.Key], totals);
            var others = all with
            {
                PreCommittedMinor = all.PreCommittedMinor - mine.GetValueOrDefault(ConsumptionKind.PreCommitted),
                CommittedMinor = all.CommittedMinor - mine.GetValueOrDefault(ConsumptionKind.Committed),
                ActualMinor = all.ActualMinor - mine.GetValueOrDefault(ConsumptionKind.Actual),
            };
            var outcome = BudgetCheck.Outcome(others, mine.Values.Sum());
            return new BudgetNote(l.Key, outcome.Line.Name, Platform.Api.JsonNames.Camel(outcome.State.ToString()), M(outcome.ThisDocumentMinor), M(outcome.RemainingMinor),
                outcome.Blocks, outcome.Explain(currency));
        }).OrderBy(n => n.Name, StringComparer.Ordinal)]);
    }
}
