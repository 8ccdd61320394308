using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Budgets;
using Tandem.Domain.Money;
using Tandem.Domain.Requisitions;
using Tandem.Domain.Time;
using Tandem.Web.Features.Analytics;
using Tandem.Web.Features.Notifications;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Platform.Data;
using Money = Tandem.Domain.Money.Money;

namespace Tandem.Web.Features.Budgets;

/// <summary>
/// Turns documents into budget consumption (ADR 0016): a document's charges (each line's cost splits, in the company
/// currency, on the line's need-by date or else the document's date — see <see cref="LedgerDocument"/>), the budget lines that cover them with what
/// other documents consume, the domain check, and — when a document changes state — its ledger rows replaced as a
/// whole in the handler's transaction. Committing takes row locks on PostgreSQL (SQLite's transaction already holds
/// the single write lock), so two approvals that each fit but together do not cannot both pass.
/// </summary>
public static class BudgetLedger
{
    public const string RequisitionDocument = "requisition";

    public const string PurchaseOrderDocument = "purchaseOrder";

    public const string InvoiceDocument = "invoice";

    /// <summary>A document's charges, the budget lines covering them (with the other documents' consumption) and the verdict.</summary>
    public sealed record Evaluation(IReadOnlyList<Charge> Charges, IReadOnlyList<BudgetLineState> Lines, BudgetCheckResult Result);

    /// <summary>The check of a requisition as it stands, changing nothing (previews, routing, the inbox).</summary>
    public static async Task<Result<BudgetCheckResult>> CheckAsync(TandemDb db, Requisition requisition, CancellationToken ct) =>
        (await EvaluateAsync(db, LedgerDocument.Of(requisition), ct)).Map(e => e.Result);

    /// <summary>
    /// The check with what it read. With <paramref name="lockLines"/> (inside a transaction) the covering lines are locked
    /// before their sums are read, so a commitment written from the evaluation cannot overspend them. Pre-commitments
    /// need no lock: they are never deducted, and the approval that commits re-checks under the lock.
    /// </summary>
    public static async Task<Result<Evaluation>> EvaluateAsync(TandemDb db, LedgerDocument document, CancellationToken ct, bool lockLines = false)
    {
        ArgumentNullException.ThrowIfNull(document);
        var charges = await ChargesAsync(db, document, ct);
        if (!charges.IsSuccess)
        {
            return Result<Evaluation>.Failure(charges.Errors);
        }

        var committedBefore = new Dictionary<Guid, long>();
        var lines = await LinesAsync(db, document.CompanyId, charges.Value, document.Id, forUpdate: lockLines, ct, committedBefore);
        return new Evaluation(charges.Value, lines, BudgetCheck.Evaluate(lines, charges.Value, committedBefore));
    }

    /// <summary>A requisition's ledger rows for its current status (see <see cref="ApplyAsync(TandemDb, LedgerDocument, bool, CancellationToken, Evaluation?)"/>).</summary>
    public static Task<Result<BudgetCheckResult?>> ApplyAsync(TandemDb db, Requisition requisition, bool enforce, CancellationToken ct, Evaluation? evaluated = null) =>
        ApplyAsync(db, LedgerDocument.Of(requisition), enforce, ct, evaluated);

    /// <summary>
    /// Re-writes the document's ledger rows for its current status, inside the caller's transaction. With
    /// <paramref name="enforce"/>, growth beyond a block-mode line is refused (nothing is written). When the document
    /// becomes a commitment, owners whose line crosses its warning threshold are told. <paramref name="evaluated"/> is
    /// an evaluation made earlier in the same transaction for the same lines and amounts (submit routes with it); it is
    /// used only for pre-commitments — a commitment is always evaluated here, under the lines' locks. An invoice's actual
    /// spend, not enforced, is recorded without reading the lines' sums, and no verdict is returned (null).
    /// </summary>
    public static async Task<Result<BudgetCheckResult?>> ApplyAsync(TandemDb db, LedgerDocument document, bool enforce, CancellationToken ct, Evaluation? evaluated = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(document);
        RequireTransaction(db);

        if (document.Kind is not { } kind)
        {
            await WriteAsync(db, document, null, [], [], ct);
            return (BudgetCheckResult?)null;
        }

        if (kind == ConsumptionKind.Actual && !enforce)
        {
            // Actual spend (an invoice ready to pay, approved by its order or its own route) is recorded where it falls,
            // not checked: the covering lines are enough, their sums are not read (they grow with every invoice) and no
            // verdict is returned.
            var charged = await ChargesAsync(db, document, ct);
            if (!charged.IsSuccess)
            {
                return Result<BudgetCheckResult?>.Failure(charged.Errors);
            }

            var covering = await LinesAsync(db, document.CompanyId, charged.Value, document.Id, forUpdate: false, ct, readSums: false);
            await WriteAsync(db, document, kind, covering, charged.Value, ct);
            return (BudgetCheckResult?)null;
        }

        if (evaluated is null || kind == ConsumptionKind.Committed)
        {
            var evaluation = await EvaluateAsync(db, document, ct, lockLines: kind == ConsumptionKind.Committed);
            if (!evaluation.IsSuccess)
            {
                return Result<BudgetCheckResult?>.Failure(evaluation.Errors);
            }

            evaluated = evaluation.Value;
        }

        var (charges, lines, result) = evaluated;
        if (enforce && result.Blocked)
        {
            return await ExceededAsync(db, document.CompanyId, result, ct);
        }

        await WriteAsync(db, document, kind, lines, charges, ct);
        if (kind == ConsumptionKind.Committed)
        {
            await WarnOwnersAsync(db, document, result, ct);
        }

        return result;
    }

    /// <summary>
    /// Actual spend of many invoices made ready together (a batch release), as <see cref="ApplyAsync(TandemDb, LedgerDocument, bool, CancellationToken, Evaluation?)"/>
    /// records each one's without enforcing: the budget lines covering all their charges read in one query, and their saved
    /// rows and facts deleted in three statements, instead of two round trips per invoice. A document whose charges cannot
    /// be computed keeps its rows, as it would alone.
    /// </summary>
    public static async Task RecordActualAsync(TandemDb db, IReadOnlyList<LedgerDocument> documents, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(documents);
        RequireTransaction(db);

        var charged = new List<(LedgerDocument Document, IReadOnlyList<Charge> Charges)>();
        foreach (var document in documents)
        {
            if (document.Kind != ConsumptionKind.Actual)
            {
                throw new ArgumentException($"{document.Number} is not actual spend.", nameof(documents));
            }

            if (await ChargesAsync(db, document, ct) is { IsSuccess: true } charges)
            {
                charged.Add((document, charges.Value));
            }
        }

        if (charged.Count == 0)
        {
            return;
        }

        // Each document's rows come from the charges it covers: a superset of covering lines changes nothing (BudgetCheck.Entries).
        var covering = await LinesAsync(db, charged[0].Document.CompanyId, [.. charged.SelectMany(c => c.Charges)], null, forUpdate: false, ct, readSums: false);
        var ids = charged.Select(c => c.Document.Id).ToList();
        var type = charged[0].Document.Type;
        var removedDays = await db.SpendFacts.Where(f => ids.Contains(f.DocumentId)).Select(f => f.Day).Distinct().ToListAsync(ct);
        await db.SpendFacts.Where(f => ids.Contains(f.DocumentId)).ExecuteDeleteAsync(ct);
        await db.BudgetConsumptions.Where(c => c.DocumentType == type && ids.Contains(c.DocumentId)).ExecuteDeleteAsync(ct);
        foreach (var (document, charges) in charged)
        {
            await ReplaceUnsavedAsync(db, document, ConsumptionKind.Actual, covering, charges, removedDays, ct);
            removedDays = []; // their months are marked once
        }
    }

    private static void RequireTransaction(TandemDb db)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Budget consumption is written inside the transaction of the change that causes it.");
        }
    }

    /// <summary>
    /// Replaces the document's ledger rows with its rows on the lines covering its charges (none for
    /// <paramref name="kind"/> null), and its spend facts. The saved rows and facts go in one round trip of two DELETEs,
    /// without loading them (the facts' days come back: their months need rebuilding).
    /// </summary>
    private static async Task WriteAsync(TandemDb db, LedgerDocument document, ConsumptionKind? kind, IReadOnlyList<BudgetLineState> lines, IReadOnlyList<Charge> charges, CancellationToken ct)
    {
        var removedDays = await db.Database.SqlQuery<DateOnly>($"""
            DELETE FROM budget_consumptions WHERE document_type = {document.Type} AND document_id = {document.Id};
            DELETE FROM spend_facts WHERE document_id = {document.Id} RETURNING day AS "Value"
            """).ToListAsync(ct);
        await ReplaceUnsavedAsync(db, document, kind, lines, charges, removedDays, ct);
    }

    /// <summary>
    /// After the document's saved rows and facts were deleted (<paramref name="removedDays"/>: the facts' days): rows
    /// added earlier in this unit of work are dropped, and the new ones added unsaved. A zero amount (a fully invoiced
    /// order line) is not a row: it would consume nothing and only be rewritten.
    /// </summary>
    private static async Task ReplaceUnsavedAsync(TandemDb db, LedgerDocument document, ConsumptionKind? kind, IReadOnlyList<BudgetLineState> lines, IReadOnlyList<Charge> charges,
        IEnumerable<DateOnly> removedDays, CancellationToken ct)
    {
        db.BudgetConsumptions.RemoveRange(db.Unsaved<BudgetConsumption>(c => c.DocumentType == document.Type && c.DocumentId == document.Id));
        await SpendFacts.ReplaceAsync(db, document, kind, charges, removedDays, ct);
        if (kind is not { } held)
        {
            return;
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        db.BudgetConsumptions.AddRange(BudgetCheck.Entries(lines, charges).Where(e => e.AmountMinor != 0).Select(e => new BudgetConsumption
        {
            Id = Ids.New(now),
            CompanyId = document.CompanyId,
            BudgetLineId = e.BudgetLineId,
            DocumentType = document.Type,
            DocumentId = document.Id,
            DocumentNumber = document.Number,
            Lines = e.Lines,
            Kind = held,
            AmountMinor = e.AmountMinor,
            RecordedAtUtc = now,
        }));
    }

    /// <summary>The refusal: a conflict that names every block-mode line the document would take past its amount, with the numbers.</summary>
    public static async Task<Error> ExceededAsync(TandemDb db, Guid companyId, BudgetCheckResult result, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(result);
        var currency = await CompanyClock.CurrencyAsync(db, companyId, ct);
        return Error.Conflict("budget.exceeded",
            "Over budget: " + string.Join("; ", result.Lines.Where(l => l.Blocks).Select(l => l.Explain(currency))) + ".", "budget");
    }

    private static async Task WarnOwnersAsync(TandemDb db, LedgerDocument document, BudgetCheckResult result, CancellationToken ct)
    {
        var crossing = result.Lines.Where(l => l.AlreadyCommittedMinor == 0 && l.Line.OwnerId is not null && l.CrossesThreshold).ToList();
        if (crossing.Count == 0)
        {
            return;
        }

        var currency = await CompanyClock.CurrencyAsync(db, document.CompanyId, ct);
        var owners = crossing.Select(l => l.Line.OwnerId!.Value).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => owners.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToDictionaryAsync(u => u.Id, ct);
        foreach (var line in crossing.Where(l => people.ContainsKey(l.Line.OwnerId!.Value)))
        {
            var owner = people[line.Line.OwnerId!.Value];
            var what = line.State == Domain.Approvals.BudgetState.Exceeded ? "is over budget" : $"passed {line.Line.WarnAtPercent} % of its budget";
            Notify.Send(db, document.CompanyId, [new Notify.Person(owner.Id, owner.Email)], $"{line.Line.Name} {what}",
                $"/Budgets/Line?id={line.Line.Id}", $"{document.Number} ({document.Title}) {document.CommitVerb}.\n{line.Explain(currency)}");
        }
    }

    /// <summary>
    /// Each line's cost splits as charges in the company currency (at the document's fixed rate, else the latest, as
    /// routing converts), dated by the line's need-by date or else the document's own date. A line charged nowhere yet
    /// (a draft) is left out.
    /// </summary>
    public static async Task<Result<IReadOnlyList<Charge>>> ChargesAsync(TandemDb db, LedgerDocument document, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(document);
        var company = await CompanyClock.SettingsAsync(db, document.CompanyId, ct);
        var currency = Currency.Of(company.BaseCurrency);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(company.TimeZone);
        var today = BusinessCalendar.Today(db.Clock.GetUtcNow(), zone);
        var dated = document.DatedAtUtc is { } at ? BusinessCalendar.Today(new DateTimeOffset(at, TimeSpan.Zero), zone) : today;
        var rates = document.Currency == currency.Code ? new Dictionary<string, long>()
            : document.RateUnits is { } fixedRate ? new Dictionary<string, long> { [document.Currency] = fixedRate }
            : await Rates.LatestAsync(db, document.CompanyId, today, ct);
        var glIds = document.Lines.Select(l => l.GlAccountId).Concat(document.Lines.SelectMany(l => l.Splits).Select(s => s.GlAccountId)).OfType<Guid>().Distinct().ToList();
        // Read once per unit of work: an invoice's ledger and its order's are charged to the same accounts.
        var glCodes = glIds.Count == 0 ? [] : await db.Reads.GetAsync<GlAccount, Dictionary<Guid, string>>(
            "codes:" + string.Join(',', glIds.Order()),
            c => db.GlAccounts.AsNoTracking().Where(g => glIds.Contains(g.Id)).Select(g => new { g.Id, g.Code }).ToDictionaryAsync(g => g.Id, g => g.Code, c), ct);
        var documentCurrency = Currency.Of(document.Currency);
        var charges = new List<Charge>();
        foreach (var line in document.Lines.Where(l => l.Splits.Count > 0).OrderBy(l => l.LineNo))
        {
            var weights = line.Splits.Select(s => s.Weight).ToArray();
            var amount = new Money(line.AmountMinor, documentCurrency);
            var shares = weights.Sum() == 0 ? [.. weights.Select(_ => Money.Zero(documentCurrency))] : Allocation.ByWeights(amount, weights);
            for (var i = 0; i < line.Splits.Count; i++)
            {
                if (Rates.ToCompany(shares[i], currency, rates) is not { } share)
                {
                    return Error.Validation("budget.no_exchange_rate", $"There is no exchange rate from {document.Currency} to {currency.Code}; ask a controller to add one.", "currency");
                }

                var s = line.Splits[i];
                var gl = s.GlAccountId ?? line.GlAccountId;
                charges.Add(new Charge(line.LineNo, s.DepartmentId, s.LocationId ?? document.ShipToLocationId, s.CostCenterId, gl,
                    gl is { } g ? glCodes.GetValueOrDefault(g) : null, s.ProjectId, line.NeedBy ?? dated, share.Minor));
            }
        }

        return charges;
    }

    /// <summary>
    /// The budget lines that may cover the charges (period and dimensions filtered in SQL, the rest by the domain), each
    /// with what other documents consume of it: two queries whatever the number of lines or charges (three when locking).
    /// </summary>
    /// <param name="committedByDocument">When given, receives what the excluded document itself has committed per line (read in the same query).</param>
    /// <param name="readSums">False: the covering lines only, with nothing consumed (for recording, not checking).</param>
    public static async Task<IReadOnlyList<BudgetLineState>> LinesAsync(
        TandemDb db, Guid companyId, IReadOnlyList<Charge> charges, Guid? excludeDocumentId, bool forUpdate, CancellationToken ct, Dictionary<Guid, long>? committedByDocument = null,
        bool readSums = true)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(charges);
        if (charges.Count == 0)
        {
            return [];
        }

        var from = charges.Min(c => c.Date);
        var to = charges.Max(c => c.Date);
        var departments = charges.Select(c => c.DepartmentId).Distinct().ToList();
        var locations = charges.Select(c => c.LocationId).OfType<Guid>().Distinct().ToList();
        var costCenters = charges.Select(c => c.CostCenterId).OfType<Guid>().Distinct().ToList();
        var accounts = charges.Select(c => c.GlAccountId).OfType<Guid>().Distinct().ToList();
        var projects = charges.Select(c => c.ProjectId).OfType<Guid>().Distinct().ToList();
        var running = db.BudgetLines.AsNoTracking()
            .Where(b => b.CompanyId == companyId && b.PeriodStart <= to && b.PeriodEnd >= from
                && (b.LocationId == null || locations.Contains(b.LocationId.Value))
                && (b.CostCenterId == null || costCenters.Contains(b.CostCenterId.Value))
                && (b.ProjectId == null || projects.Contains(b.ProjectId.Value)));

        // Four index seeks on (company, department, GL account, period) instead of one scan of the year's lines:
        // "any department or one of these" × "any account or one of these", as a UNION ALL.
        var candidates = await running.Where(b => b.DepartmentId == null && b.GlAccountId == null)
            .Concat(running.Where(b => b.DepartmentId == null && accounts.Contains(b.GlAccountId!.Value)))
            .Concat(running.Where(b => departments.Contains(b.DepartmentId!.Value) && b.GlAccountId == null))
            .Concat(running.Where(b => departments.Contains(b.DepartmentId!.Value) && accounts.Contains(b.GlAccountId!.Value)))
            .ToListAsync(ct);
        var covering = candidates.Where(b => charges.Any(c => b.Period.Contains(c.Date) && b.Scope.Covers(c))).ToList();
        if (covering.Count == 0)
        {
            return [];
        }

        var ids = covering.Select(b => b.Id).ToArray();
        if (forUpdate)
        {
            // The sums below are read after the locks, so they include every commit before ours.
            await LockAsync(db, ids, ct);
        }

        var sums = readSums ? await ConsumptionAsync(db, ids, excludeDocumentId, ct, committedByDocument) : [];
        return [.. covering.Select(b => State(b, sums))];
    }

    /// <summary>
    /// Locks budget lines until the transaction ends (<see cref="DecisionLocks"/>).
    /// </summary>
    public static Task LockAsync(TandemDb db, IEnumerable<Guid> budgetLineIds, CancellationToken ct) => DecisionLocks.LockAsync<BudgetLine>(db, budgetLineIds, ct);

    /// <summary>Pre-committed, committed and actual per budget line, from the ledger (one grouped query).</summary>
    /// <param name="committedByDocument">When given, receives what the excluded document has committed per line.</param>
    public static async Task<Dictionary<(Guid, ConsumptionKind), long>> ConsumptionAsync(
        TandemDb db, IReadOnlyCollection<Guid> budgetLineIds, Guid? excludeDocumentId, CancellationToken ct, Dictionary<Guid, long>? committedByDocument = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.BudgetConsumptions.AsNoTracking()
            .Where(c => budgetLineIds.Contains(c.BudgetLineId))
            .GroupBy(c => new { c.BudgetLineId, c.Kind, Own = c.DocumentId == excludeDocumentId })
            .Select(g => new { g.Key.BudgetLineId, g.Key.Kind, g.Key.Own, Sum = g.Sum(c => c.AmountMinor) })
            .ToListAsync(ct);
        foreach (var own in rows.Where(r => r.Own && r.Kind == ConsumptionKind.Committed))
        {
            committedByDocument?.Add(own.BudgetLineId, own.Sum);
        }

        return rows.Where(r => !r.Own).ToDictionary(x => (x.BudgetLineId, x.Kind), x => x.Sum);
    }

    public static BudgetLineState State(BudgetLine b, IReadOnlyDictionary<(Guid, ConsumptionKind), long> sums)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(sums);
        return new BudgetLineState(b.Id, b.Name, b.Scope, b.Period, b.AmountMinor, b.Control, b.WarnAtPercent, b.OwnerId,
            sums.GetValueOrDefault((b.Id, ConsumptionKind.PreCommitted)), sums.GetValueOrDefault((b.Id, ConsumptionKind.Committed)), sums.GetValueOrDefault((b.Id, ConsumptionKind.Actual)));
    }
}
