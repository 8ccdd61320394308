using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Budgets;
using Tandem.Domain.Organization;
using Tandem.Domain.Requisitions;
using Tandem.Domain.Time;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;
using Money = Tandem.Domain.Money.Money;

namespace Tandem.Web.Features.Budgets;

public sealed record SpendingLimitResponse(Guid Id, Guid? UserId, string? Role, MoneyDto? PerDocument, MoneyDto? PerMonth, int Version);

/// <summary>
/// Per-person and per-role spending limits (controllers and admins set them; one row per person or role), and the
/// limit that applies to a request with what its requester already asked for this month.
/// </summary>
public static class SpendingLimits
{
    public sealed record Request(Guid? UserId, string? Role, MoneyDto? PerDocument, MoneyDto? PerMonth);

    /// <summary>Statuses whose requests count against the monthly limit: submitted and not refused.</summary>
    private static readonly RequisitionStatus[] Counted =
        [RequisitionStatus.InApproval, RequisitionStatus.Approved, RequisitionStatus.Ordered, RequisitionStatus.Received, RequisitionStatus.Closed];

    /// <summary>The requester's effective limit and what they already have submitted or approved this calendar month (company currency).</summary>
    public static async Task<(SpendingLimit Limit, long MonthToDateMinor)> ForAsync(TandemDb db, Requisition requisition, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(requisition);
        var requester = requisition.RequesterId;
        var rules = await db.SpendingLimits.AsNoTracking()
            .Where(l => l.CompanyId == requisition.CompanyId
                && (l.UserId == requester || (l.Role != null && db.RoleAssignments.Any(r => r.UserId == requester && r.Role == l.Role))))
            .ToListAsync(ct);
        var limit = SpendingLimit.Effective(
            rules.Where(r => r.UserId == requester).Select(Limit).FirstOrDefault(),
            [.. rules.Where(r => r.UserId is null).Select(Limit)]);
        if (limit.PerMonthMinor is null)
        {
            return (limit, 0);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById((await CompanyClock.SettingsAsync(db, requisition.CompanyId, ct)).TimeZone);
        var today = BusinessCalendar.Today(db.Clock.GetUtcNow(), zone);
        var monthStart = TimeZoneInfo.ConvertTimeToUtc(new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Unspecified), zone);
        var monthToDate = await db.Requisitions.AsNoTracking()
            .Where(r => r.CompanyId == requisition.CompanyId && r.RequesterId == requester && r.Id != requisition.Id
                && r.SubmittedAtUtc >= monthStart && Counted.Contains(r.Status))
            .SumAsync(r => r.CompanyTotalMinor ?? 0, ct);
        return (limit, monthToDate);
    }

    private static SpendingLimit Limit(SpendingLimitRule r) => new(r.PerDocumentMinor, r.PerMonthMinor);

    public static async Task<IReadOnlyList<SpendingLimitResponse>> ListAsync(TandemDb db, CurrentUser user, CancellationToken ct)
    {
        var currency = (await CompanyClock.CurrencyAsync(db, user.CompanyId, ct)).Code;
        return [.. (await db.SpendingLimits.AsNoTracking().Where(l => l.CompanyId == user.CompanyId).ToListAsync(ct))
            .OrderBy(l => l.Role is null).ThenBy(l => l.Role, StringComparer.Ordinal)
            .Select(l => Response(l, currency))];
    }

    /// <summary>Sets the limit of a person or a role (creating or replacing its row); both amounts empty removes nothing but lifts the limit.</summary>
    public static async Task<Result<SpendingLimitResponse>> SetAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct)
    {
        var v = new Validator();
        var currency = await CompanyClock.CurrencyAsync(db, user.CompanyId, ct);
        if ((request.UserId is null) == (request.Role is null))
        {
            v.Add("userId", "one_of", "Give either userId (a person's limit) or role (a role's limit).");
        }

        if (request.Role is not null && !Role.IsKnown(request.Role))
        {
            v.Add("role", "unknown_role", $"role must be one of {string.Join(", ", Role.All)}.");
        }

        var perDocument = Amount(v, request.PerDocument, "perDocument", currency);
        var perMonth = Amount(v, request.PerMonth, "perMonth", currency);
        if (v.IsValid && request.UserId is { } userId && !await db.Users.AnyAsync(u => u.Id == userId && u.CompanyId == user.CompanyId, ct))
        {
            v.Add("userId", "not_found", "userId does not name a user of this company.");
        }

        if (!v.IsValid)
        {
            return Result<SpendingLimitResponse>.Failure(v.Errors);
        }

        var row = await db.SpendingLimits.SingleOrDefaultAsync(l => l.CompanyId == user.CompanyId && l.UserId == request.UserId && l.Role == request.Role, ct);
        if (row is null)
        {
            row = new SpendingLimitRule { Id = Ids.New(db.Clock.GetUtcNow()), CompanyId = user.CompanyId, UserId = request.UserId, Role = request.Role };
            db.SpendingLimits.Add(row);
        }

        row.PerDocumentMinor = perDocument?.Minor;
        row.PerMonthMinor = perMonth?.Minor;
        await db.SaveChangesAsync(ct);
        return Response(row, currency.Code);
    }

    public static async Task<Result<bool>> DeleteAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var row = await db.SpendingLimits.SingleOrDefaultAsync(l => l.Id == id && l.CompanyId == user.CompanyId, ct);
        if (row is null)
        {
            return Error.NotFound("spending_limit.not_found", "No such spending limit.");
        }

        db.SpendingLimits.Remove(row);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static Money? Amount(Validator v, MoneyDto? value, string field, Domain.Money.Currency company)
    {
        var money = v.Money(value, field);
        if (money is { } m && (m.IsNegative || m.Currency != company))
        {
            v.Add($"{field}.amount", "invalid_limit", $"{field} must be a non-negative amount in the company currency ({company.Code}).");
            return null;
        }

        return money;
    }

    private static SpendingLimitResponse Response(SpendingLimitRule l, string currency) =>
        new(l.Id, l.UserId, l.Role, MoneyDto.From(l.PerDocumentMinor, currency), MoneyDto.From(l.PerMonthMinor, currency), l.Version);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/spending-limits", async (TandemDb db, CurrentUser user, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, user, ct)))
            .RequireRoles(Role.Admin, Role.Controller);
        api.MapPut("/spending-limits", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await SetAsync(db, user, request, ct)).ToOk(http))
            .RequireRoles(Role.Admin, Role.Controller);
        api.MapDelete("/spending-limits/{id:guid}", async (TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
                (await DeleteAsync(db, user, id, ct)).ToNoContent())
            .RequireRoles(Role.Admin, Role.Controller);
    }
}
