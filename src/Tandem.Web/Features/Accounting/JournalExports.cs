using System.Text;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Audit;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Csv;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Accounting;

public sealed record CurrencyTotals(string Currency, string Debits, string Credits);

public sealed record JournalExportResponse(Guid Id, string Number, DateOnly UpTo, int EntryCount, IReadOnlyList<CurrencyTotals> Totals, IReadOnlyList<string> Skipped,
    Guid CreatedById, DateTime CreatedAtUtc);

/// <summary>
/// Journal exports for the general ledger: everything approved is booked first (<see cref="PostJournals"/>), then every
/// entry not yet exported and dated up to the day is marked with the new export — so no entry is ever exported twice.
/// An export's CSV (docs/accounting.md) can be downloaded again at any time: that is the explicit re-export.
/// </summary>
public static class JournalExports
{
    public sealed record Request(string? UpTo);

    public static async Task<Result<JournalExportResponse>> CreateAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct)
    {
        var v = new Validator();
        var upTo = v.Date(request.UpTo, "upTo") ?? await CompanyClock.TodayAsync(db, user.CompanyId, ct);
        if (!v.IsValid)
        {
            return Result<JournalExportResponse>.Failure(v.Errors);
        }

        return await Transactions.RunAsync(db, async () =>
        {
            var posted = await PostJournals.PostAsync(db, user.CompanyId, upTo, ct);
            if (!posted.IsSuccess)
            {
                return Result<JournalExportResponse>.Failure(posted.Errors);
            }

            var pending = db.JournalEntries.Where(e => e.CompanyId == user.CompanyId && e.ExportId == null && e.EntryDate <= upTo);
            var count = await pending.CountAsync(ct);
            if (count == 0)
            {
                return Error.Conflict("journal_export.nothing_new", $"Every journal entry up to {upTo:yyyy-MM-dd} has been exported; download an earlier export to send it again.");
            }

            var now = db.Clock.GetUtcNow();
            var export = new JournalExport
            {
                Id = Ids.New(now),
                CompanyId = user.CompanyId,
                Number = await DocumentNumbers.NextAsync(db, user.CompanyId, "JNL", upTo.Year, ct),
                UpTo = upTo,
                EntryCount = count,
                CreatedById = user.UserId,
                CreatedAtUtc = now.UtcDateTime,
            };
            db.JournalExports.Add(export);
            await db.SaveChangesAsync(ct);
            await pending.ExecuteUpdateAsync(s => s.SetProperty(e => e.ExportId, export.Id), ct);
            AuditWriter.Event(db, user.CompanyId, nameof(JournalExport), export.Id, "entriesMarked", new { entries = count, upTo });
            await db.SaveChangesAsync(ct);
            return await ResponseAsync(db, export, posted.Value.Skipped, ct);
        }, ct);
    }

    public static async Task<IReadOnlyList<JournalExportResponse>> ListAsync(TandemDb db, Guid companyId, CancellationToken ct)
    {
        var exports = await db.JournalExports.AsNoTracking().Where(e => e.CompanyId == companyId).OrderByDescending(e => e.CreatedAtUtc).Take(100).ToListAsync(ct);
        var totals = await TotalsAsync(db, [.. exports.Select(e => e.Id)], ct);
        return [.. exports.Select(e => Response(e, totals[e.Id], []))];
    }

    private static async Task<JournalExportResponse> ResponseAsync(TandemDb db, JournalExport export, IReadOnlyList<string> skipped, CancellationToken ct) =>
        Response(export, (await TotalsAsync(db, [export.Id], ct))[export.Id], skipped);

    private static JournalExportResponse Response(JournalExport export, IEnumerable<CurrencyTotals> totals, IReadOnlyList<string> skipped) =>
        new(export.Id, export.Number, export.UpTo, export.EntryCount, [.. totals], skipped, export.CreatedById, export.CreatedAtUtc);

    /// <summary>Debits and credits per currency of each export, in one query.</summary>
    private static async Task<ILookup<Guid, CurrencyTotals>> TotalsAsync(TandemDb db, List<Guid> exportIds, CancellationToken ct)
    {
        var rows = await db.JournalLines.AsNoTracking().Join(db.JournalEntries, l => l.EntryId, e => e.Id, (l, e) => new { e.ExportId, e.Currency, l.DebitMinor, l.CreditMinor })
            .Where(x => x.ExportId != null && exportIds.Contains(x.ExportId.Value)).GroupBy(x => new { x.ExportId, x.Currency })
            .Select(g => new { g.Key.ExportId, g.Key.Currency, Debits = g.Sum(x => x.DebitMinor), Credits = g.Sum(x => x.CreditMinor) }).ToListAsync(ct);
        return rows.OrderBy(t => t.Currency, StringComparer.Ordinal)
            .ToLookup(t => t.ExportId!.Value, t => new CurrencyTotals(t.Currency, Amount(t.Debits, t.Currency), Amount(t.Credits, t.Currency)));
    }

    public static readonly string[] Columns =
        ["export", "entry_date", "source", "source_number", "currency", "line", "account_code", "account_name", "department", "cost_center", "project", "debit", "credit", "memo"];

    /// <summary>The export's CSV: one row per journal line, entries by date and source number.</summary>
    public static async Task<Result<(string Name, byte[] Content)>> FileAsync(TandemDb db, Guid companyId, Guid id, CancellationToken ct)
    {
        var export = await db.JournalExports.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.CompanyId == companyId, ct);
        if (export is null)
        {
            return Error.NotFound("journal_export.not_found", "No such journal export.");
        }

        var rows = await db.JournalLines.AsNoTracking().Join(db.JournalEntries, l => l.EntryId, e => e.Id, (l, e) => new { l, e })
            .Where(x => x.e.ExportId == id)
            .Join(db.GlAccounts, x => x.l.GlAccountId, g => g.Id, (x, g) => new
            {
                x.e.EntryDate,
                x.e.SourceKind,
                x.e.SourceNumber,
                x.e.Currency,
                x.l.LineNo,
                g.Code,
                g.Name,
                x.l.DepartmentId,
                x.l.CostCenterId,
                x.l.ProjectId,
                x.l.DebitMinor,
                x.l.CreditMinor,
                x.e.Memo,
            })
            .OrderBy(x => x.EntryDate).ThenBy(x => x.SourceNumber).ThenBy(x => x.SourceKind).ThenBy(x => x.LineNo).ToListAsync(ct);
        var departments = await db.Departments.AsNoTracking().Where(d => d.CompanyId == companyId).Select(d => new { d.Id, d.Code }).ToDictionaryAsync(d => d.Id, d => d.Code, ct);
        var costCenters = await db.CostCenters.AsNoTracking().Where(d => d.CompanyId == companyId).Select(d => new { d.Id, d.Code }).ToDictionaryAsync(d => d.Id, d => d.Code, ct);
        var projects = await db.Projects.AsNoTracking().Where(d => d.CompanyId == companyId).Select(d => new { d.Id, d.Code }).ToDictionaryAsync(d => d.Id, d => d.Code, ct);
        var csv = new StringBuilder(CsvTable.Line(Columns));
        foreach (var r in rows)
        {
            csv.Append(CsvTable.Line(export.Number, r.EntryDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.SourceKind, r.SourceNumber,
                r.Currency, r.LineNo.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Code, r.Name,
                r.DepartmentId is { } d ? departments.GetValueOrDefault(d) : null, r.CostCenterId is { } c ? costCenters.GetValueOrDefault(c) : null,
                r.ProjectId is { } p ? projects.GetValueOrDefault(p) : null, r.DebitMinor == 0 ? "" : Amount(r.DebitMinor, r.Currency),
                r.CreditMinor == 0 ? "" : Amount(r.CreditMinor, r.Currency), r.Memo));
        }

        return ($"{export.Number}.csv", Encoding.UTF8.GetBytes(csv.ToString()));
    }

    private static string Amount(long minor, string currency) => new Money(minor, Currency.Of(currency)).ToAmountString();

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/journal-exports", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await CreateAsync(db, user, request, ct)).ToCreated(http, e => $"/api/v1/journal-exports/{e.Id}/file"))
            .RequireRoles(AccountingSetup.Finance);
        api.MapGet("/journal-exports", async (TandemDb db, CurrentUser user, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, user.CompanyId, ct)))
            .RequireRoles(AccountingSetup.Finance);
        api.MapGet("/journal-exports/{id:guid}/file", async (TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
            {
                var file = await FileAsync(db, user.CompanyId, id, ct);
                return file.IsSuccess ? Results.File(file.Value.Content, "text/csv", file.Value.Name) : Problems.From(file.Errors);
            })
            .RequireRoles(AccountingSetup.Finance);
    }
}
