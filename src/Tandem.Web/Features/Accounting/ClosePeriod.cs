using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Accounting;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Accounting;

public sealed record PeriodResponse(string Period, DateOnly From, DateOnly To, string Status, Guid? ClosedById, DateTime? ClosedAtUtc, string? ReopenReason,
    int UnexportedEntries, int Version) : IVersionedResponse;

/// <summary>
/// A controller closes a month: its received-not-invoiced accrual is posted (reversed on the first of the next month),
/// and from then on nothing can be dated into it — invoices, receipts, returns, payment runs — until a controller
/// reopens it with a reason. Both are audited on the period.
/// </summary>
public static class ClosePeriod
{
    public static async Task<Result<PeriodResponse>> CloseAsync(TandemDb db, CurrentUser user, string period, CancellationToken ct)
    {
        if (!Periods.TryParse(period, out var first))
        {
            return Error.Validation("invalid_period", "period must be a month like 2026-11.", "period");
        }

        if (Periods.End(first) >= await CompanyClock.TodayAsync(db, user.CompanyId, ct))
        {
            return Error.Conflict("period.not_over", $"{period} is not over yet; a period is closed after its last day.", "period");
        }

        return await Transactions.RunAsync(db, async () =>
        {
            var row = await Accruals.PeriodRowAsync(db, user.CompanyId, period, ct);
            if (row.Status == PeriodStatus.Closed)
            {
                return Error.Conflict("period.already_closed", $"{period} is already closed.", "period");
            }

            var accrual = await Accruals.PostAsync(db, user.CompanyId, period, ct);
            if (!accrual.IsSuccess)
            {
                return Result<PeriodResponse>.Failure(accrual.Errors);
            }

            (row.Status, row.ClosedById, row.ClosedAtUtc) = (PeriodStatus.Closed, user.UserId, db.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            return await ResponseAsync(db, row, ct);
        }, ct);
    }

    public static async Task<Result<PeriodResponse>> ReopenAsync(TandemDb db, CurrentUser user, string period, PeriodRequest request, CancellationToken ct)
    {
        var v = new Validator();
        var reason = v.Required(request.Reason, "reason", 500);
        if (!v.IsValid)
        {
            return Result<PeriodResponse>.Failure(v.Errors);
        }

        var row = await db.AccountingPeriods.SingleOrDefaultAsync(p => p.CompanyId == user.CompanyId && p.Period == period, ct);
        if (row is not { Status: PeriodStatus.Closed })
        {
            return Error.Conflict("period.not_closed", $"{period} is not closed.", "period");
        }

        (row.Status, row.ReopenReason) = (PeriodStatus.Open, reason);
        await db.SaveChangesAsync(ct);
        return await ResponseAsync(db, row, ct);
    }

    /// <summary>The twelve months up to last month (and any other month with a row), newest first.</summary>
    public static async Task<IReadOnlyList<PeriodResponse>> ListAsync(TandemDb db, Guid companyId, CancellationToken ct)
    {
        var today = await CompanyClock.TodayAsync(db, companyId, ct);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var rows = await db.AccountingPeriods.AsNoTracking().Where(p => p.CompanyId == companyId).ToDictionaryAsync(p => p.Period, ct);
        var names = Enumerable.Range(0, 13).Select(i => Periods.Of(thisMonth.AddMonths(-i))).Union(rows.Keys).OrderDescending(StringComparer.Ordinal).ToList();
        var list = new List<PeriodResponse>();
        foreach (var name in names)
        {
            list.Add(rows.TryGetValue(name, out var row) ? await ResponseAsync(db, row, ct) : Empty(name));
        }

        return list;
    }

    private static PeriodResponse Empty(string name)
    {
        var first = Periods.FirstOf(name);
        return new PeriodResponse(name, first, Periods.End(first), "open", null, null, null, 0, 0);
    }

    private static async Task<PeriodResponse> ResponseAsync(TandemDb db, AccountingPeriod row, CancellationToken ct)
    {
        var first = Periods.FirstOf(row.Period);
        var end = Periods.End(first);
        var unexported = await db.JournalEntries.CountAsync(e => e.CompanyId == row.CompanyId && e.ExportId == null && e.EntryDate >= first && e.EntryDate <= end, ct);
        return new PeriodResponse(row.Period, first, end, JsonNames.Camel(row.Status.ToString()), row.ClosedById, row.ClosedAtUtc, row.ReopenReason, unexported, row.Version);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/periods", async (TandemDb db, CurrentUser user, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, user.CompanyId, ct)))
            .RequireRoles(Role.Controller, Role.ApClerk, Role.Admin);
        api.MapPost("/periods/{period}/close", async (TandemDb db, CurrentUser user, HttpContext http, string period, CancellationToken ct) =>
                (await CloseAsync(db, user, period, ct)).ToOk(http))
            .RequireRoles(Role.Controller);
        api.MapPost("/periods/{period}/reopen", async (TandemDb db, CurrentUser user, HttpContext http, string period, PeriodRequest request, CancellationToken ct) =>
                (await ReopenAsync(db, user, period, request, ct)).ToOk(http))
            .RequireRoles(Role.Controller);
    }
}
