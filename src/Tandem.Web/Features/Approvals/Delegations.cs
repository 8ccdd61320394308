using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Approvals;

public sealed record DelegationResponse(Guid Id, Guid FromUserId, string FromName, Guid ToUserId, string ToName, DateOnly StartsOn, DateOnly EndsOn, string? Reason, bool Revoked);

/// <summary>
/// Out-of-office delegation: a person hands their approvals to another active user for a date range (an admin may set it
/// up for anyone). Ranges of one person may not overlap; a delegate never decides their own requests.
/// </summary>
public static class Delegations
{
    public sealed record Request(Guid? FromUserId, Guid? ToUserId, string? StartsOn, string? EndsOn, string? Reason);

    /// <summary>The people whose approvals <paramref name="user"/> may decide today.</summary>
    public static async Task<HashSet<Guid>> ActiveForAsync(TandemDb db, CurrentUser user, DateOnly today, CancellationToken ct) =>
        [.. await db.Delegations.AsNoTracking()
            .Where(d => d.CompanyId == user.CompanyId && d.ToUserId == user.UserId && d.RevokedAtUtc == null && d.StartsOn <= today && d.EndsOn >= today)
            .Select(d => d.FromUserId).ToListAsync(ct)];

    public static async Task<Result<DelegationResponse>> CreateAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct)
    {
        var v = new Validator();
        var from = request.FromUserId ?? user.UserId;
        if (from != user.UserId && !user.HasRole(Role.Admin))
        {
            return Error.Forbidden("delegation.not_yours", "Only an admin can delegate someone else's approvals.");
        }

        var starts = v.Date(request.StartsOn, "startsOn");
        var ends = v.Date(request.EndsOn, "endsOn");
        var reason = v.Optional(request.Reason, "reason", 500);
        if (starts is { } s && ends is { } e && e < s)
        {
            v.Add("endsOn", "out_of_range", "endsOn cannot be before startsOn.");
        }

        if (ends is { } end && end < await CompanyClock.TodayAsync(db, user.CompanyId, ct))
        {
            v.Add("endsOn", "in_the_past", "endsOn is in the past.");
        }

        var people = await db.Users.AsNoTracking().Where(u => u.CompanyId == user.CompanyId && u.IsActive && (u.Id == from || u.Id == request.ToUserId))
            .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        if (request.ToUserId is not { } to || !people.ContainsKey(to))
        {
            v.Add("toUserId", "not_found", "toUserId must be an active user of this company.");
        }
        else if (to == from)
        {
            v.Add("toUserId", "self", "Delegate to someone else.");
        }

        if (!people.ContainsKey(from))
        {
            v.Add("fromUserId", "not_found", "fromUserId must be an active user of this company.");
        }

        if (!v.IsValid)
        {
            return Result<DelegationResponse>.Failure(v.Errors);
        }

        var overlaps = await db.Delegations.AnyAsync(d => d.CompanyId == user.CompanyId && d.FromUserId == from && d.RevokedAtUtc == null && d.StartsOn <= ends && d.EndsOn >= starts, ct);
        if (overlaps)
        {
            return Error.Conflict("delegation.overlap", "This person already delegates for part of that period; revoke it first.", "startsOn");
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        var delegation = new Delegation
        {
            Id = Ids.New(now),
            CompanyId = user.CompanyId,
            FromUserId = from,
            ToUserId = request.ToUserId!.Value,
            StartsOn = starts!.Value,
            EndsOn = ends!.Value,
            Reason = reason,
            CreatedAtUtc = now,
        };
        db.Delegations.Add(delegation);
        await db.SaveChangesAsync(ct);
        return From(delegation, people);
    }

    public static async Task<Result<DelegationResponse>> RevokeAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var delegation = await db.Delegations.SingleOrDefaultAsync(d => d.Id == id && d.CompanyId == user.CompanyId && (d.FromUserId == user.UserId || d.ToUserId == user.UserId), ct);
        if (delegation is null && user.HasRole(Role.Admin))
        {
            delegation = await db.Delegations.SingleOrDefaultAsync(d => d.Id == id && d.CompanyId == user.CompanyId, ct);
        }

        if (delegation is null)
        {
            return Error.NotFound("delegation.not_found", "No such delegation of yours.");
        }

        delegation.RevokedAtUtc ??= db.Clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return From(delegation, await NamesAsync(db, [delegation], ct));
    }

    public static async Task<IReadOnlyList<DelegationResponse>> ListAsync(TandemDb db, CurrentUser user, CancellationToken ct)
    {
        var all = user.HasRole(Role.Admin);
        var rows = await db.Delegations.AsNoTracking()
            .Where(d => d.CompanyId == user.CompanyId && (all || d.FromUserId == user.UserId || d.ToUserId == user.UserId))
            .OrderByDescending(d => d.StartsOn).Take(500).ToListAsync(ct);
        var names = await NamesAsync(db, rows, ct);
        return [.. rows.Select(d => From(d, names))];
    }

    private static Task<Dictionary<Guid, string>> NamesAsync(TandemDb db, IReadOnlyList<Delegation> rows, CancellationToken ct) =>
        UserQueries.NamesAsync(db, rows.SelectMany(d => new[] { d.FromUserId, d.ToUserId }), ct);

    private static DelegationResponse From(Delegation d, IReadOnlyDictionary<Guid, string> names) =>
        new(d.Id, d.FromUserId, names.GetValueOrDefault(d.FromUserId, ""), d.ToUserId, names.GetValueOrDefault(d.ToUserId, ""), d.StartsOn, d.EndsOn, d.Reason, d.RevokedAtUtc is not null);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/delegations", async (TandemDb db, CurrentUser user, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, user, ct)))
            .RequireSignedIn();
        api.MapPost("/delegations", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await CreateAsync(db, user, request, ct)).ToCreated(http, d => $"/api/v1/delegations/{d.Id}"))
            .RequireSignedIn();
        api.MapDelete("/delegations/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await RevokeAsync(db, user, id, ct)).ToOk(http))
            .RequireSignedIn();
    }
}
