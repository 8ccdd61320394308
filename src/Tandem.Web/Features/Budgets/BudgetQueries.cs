using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Budgets;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;
using Money = Tandem.Domain.Money.Money;

namespace Tandem.Web.Features.Budgets;

public sealed record BudgetAdjustmentResponse(Guid Id, string Kind, MoneyDto Before, MoneyDto After, Guid? CounterpartId, string Reason, PersonRef? By, DateTime AtUtc);

public sealed record ConsumingDocument(string DocumentType, Guid DocumentId, string DocumentNumber, int Lines, string Kind, MoneyDto Amount, DateTime RecordedAtUtc);

public sealed record BudgetLineDetail(BudgetLineResponse Line, IReadOnlyList<BudgetAdjustmentResponse> Adjustments, IReadOnlyList<ConsumingDocument> Documents);

/// <summary>Reading budgets: lines with their consumption and forecast, one line with the documents that consume it and its adjustments.</summary>
public static class BudgetQueries
{
    /// <summary>Who reads budgets: finance, procurement and approvers (budget owners see what they decide on).</summary>
    public static readonly string[] Readers = [Role.Admin, Role.Controller, Role.Approver, Role.Buyer, Role.ApClerk];

    public static Error NotFound() => Error.NotFound("budget.not_found", "No such budget line.");

    public static async Task<BudgetLineResponse> ResponseAsync(TandemDb db, BudgetLine line, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(line);
        return (await ResponsesAsync(db, line.CompanyId, [line], ct))[0];
    }

    /// <summary>Lines with consumption in one grouped query, and the forecast at the company's today.</summary>
    public static async Task<IReadOnlyList<BudgetLineResponse>> ResponsesAsync(TandemDb db, Guid companyId, IReadOnlyList<BudgetLine> lines, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            return [];
        }

        var fiscalStart = await CompanyClock.FiscalYearStartMonthAsync(db, companyId, ct);
        var today = await CompanyClock.TodayAsync(db, companyId, ct);
        var sums = await BudgetLedger.ConsumptionAsync(db, [.. lines.Select(l => l.Id)], null, ct);
        return [.. lines.Select(l => BudgetLineResponse.From(l, BudgetLedger.State(l, sums), fiscalStart, today))];
    }

    public sealed record Filter(string? Period, DateOnly? On, Guid? DepartmentId, Guid? LocationId, Guid? CostCenterId, Guid? GlAccountId, Guid? ProjectId, Guid? OwnerId, string? Q);

    /// <summary>The lines that match the filter (a period written as in budgets, or the lines running on a date), by period then name.</summary>
    public static async Task<Result<Paged<BudgetLineResponse>>> ListAsync(TandemDb db, CurrentUser user, Filter filter, int? page, int? pageSize, CancellationToken ct)
    {
        var query = db.BudgetLines.AsNoTracking().Where(b => b.CompanyId == user.CompanyId);
        if (filter.Period is { Length: > 0 } text)
        {
            var fiscalStart = await CompanyClock.FiscalYearStartMonthAsync(db, user.CompanyId, ct);
            if (BudgetPeriod.TryParse(text, fiscalStart) is not { } period)
            {
                return BudgetRefs.InvalidPeriod();
            }

            // Every line running inside the period: the months of a quarter, the quarter itself, the year that holds it.
            query = query.Where(b => b.PeriodStart <= period.End && b.PeriodEnd >= period.Start);
        }

        if (filter.On is { } on)
        {
            query = query.Where(b => b.PeriodStart <= on && b.PeriodEnd >= on);
        }

        query = filter.DepartmentId is { } d ? query.Where(b => b.DepartmentId == d) : query;
        query = filter.LocationId is { } l ? query.Where(b => b.LocationId == l) : query;
        query = filter.CostCenterId is { } c ? query.Where(b => b.CostCenterId == c) : query;
        query = filter.GlAccountId is { } g ? query.Where(b => b.GlAccountId == g) : query;
        query = filter.ProjectId is { } p ? query.Where(b => b.ProjectId == p) : query;
        query = filter.OwnerId is { } o ? query.Where(b => b.OwnerId == o) : query;
        if (filter.Q is { Length: > 0 } q)
        {
            var term = q.Trim();
            query = query.Where(b => b.Name.Contains(term));
        }

        var paged = await PageRequest.ListAsync(page, pageSize, query.OrderBy(b => b.PeriodStart).ThenBy(b => b.Name).ThenBy(b => b.Id), b => b, ct);
        if (!paged.IsSuccess)
        {
            return Result<Paged<BudgetLineResponse>>.Failure(paged.Errors);
        }

        var items = await ResponsesAsync(db, user.CompanyId, paged.Value.Items, ct);
        return new Paged<BudgetLineResponse>(items, paged.Value.Page, paged.Value.PageSize, paged.Value.TotalCount);
    }

    /// <summary>One line, its adjustments (revisions, reallocations) and the documents that consume it, largest first (up to 200).</summary>
    public static async Task<Result<BudgetLineDetail>> GetAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var line = await db.BudgetLines.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id && b.CompanyId == user.CompanyId, ct);
        if (line is null)
        {
            return NotFound();
        }

        var currency = Domain.Money.Currency.Of(line.Currency);
        MoneyDto M(long minor) => MoneyDto.From(new Money(minor, currency));
        var adjustments = await db.BudgetAdjustments.AsNoTracking().Where(a => a.BudgetLineId == id).OrderByDescending(a => a.AtUtc).ToListAsync(ct);
        var names = await UserQueries.NamesAsync(db, adjustments.Select(a => a.ById).OfType<Guid>(), ct);
        var documents = await db.BudgetConsumptions.AsNoTracking().Where(c => c.BudgetLineId == id)
            .GroupBy(c => new { c.DocumentType, c.DocumentId, c.DocumentNumber, c.Kind })
            .Select(g => new { g.Key.DocumentType, g.Key.DocumentId, g.Key.DocumentNumber, g.Key.Kind, Amount = g.Sum(c => c.AmountMinor), Lines = g.Sum(c => c.Lines), At = g.Max(c => c.RecordedAtUtc) })
            .OrderByDescending(g => g.Amount).Take(200).ToListAsync(ct);
        return new BudgetLineDetail(
            await ResponseAsync(db, line, ct),
            [.. adjustments.Select(a => new BudgetAdjustmentResponse(a.Id, a.Kind, M(a.BeforeMinor), M(a.AfterMinor), a.CounterpartId, a.Reason,
                a.ById is { } by ? new PersonRef(by, names.GetValueOrDefault(by, "")) : null, a.AtUtc))],
            [.. documents.Select(d => new ConsumingDocument(d.DocumentType, d.DocumentId, d.DocumentNumber, d.Lines, JsonNames.Camel(d.Kind.ToString()), M(d.Amount), d.At))]);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/budgets", async (
                TandemDb db, CurrentUser user, HttpContext http, string? period, DateOnly? on, Guid? departmentId, Guid? locationId, Guid? costCenterId,
                Guid? glAccountId, Guid? projectId, Guid? ownerId, string? q, int? page, int? pageSize, CancellationToken ct) =>
                (await ListAsync(db, user, new Filter(period, on, departmentId, locationId, costCenterId, glAccountId, projectId, ownerId, q), page, pageSize, ct)).ToOk(http))
            .RequireRoles(Readers);
        api.MapGet("/budgets/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireRoles(Readers);
    }
}
