using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Approvals;
using Tandem.Domain.Money;
using Tandem.Domain.Organization;
using Tandem.Domain.Requisitions;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;
using Money = Tandem.Domain.Money.Money;

namespace Tandem.Web.Features.Approvals;

public sealed record PolicyVersionResponse(int Number, DateTime CreatedAtUtc, PersonRef? CreatedBy, PolicyDocument Document) : IVersionedResponse
{
    int IVersionedResponse.Version => Number;
}

/// <summary>
/// The approval policy as data: read the current version, save a new one (checked rule by rule; the If-Match version
/// must be the current number so two editors cannot overwrite each other), list versions, and test a policy — the
/// current one or a draft — against a made-up request before saving it.
/// </summary>
public static class ApprovalPolicies
{
    public static readonly string[] Editors = [Role.Admin, Role.Controller];

    public sealed record TestRequest(
        PolicyDocument? Policy, string? Amount, Guid? RequesterId, IReadOnlyList<Guid>? DepartmentIds, IReadOnlyList<Guid>? LocationIds, IReadOnlyList<Guid>? CategoryIds,
        IReadOnlyList<Guid>? VendorIds, IReadOnlyList<Guid>? GlAccountIds, IReadOnlyList<string>? Flags);

    public static async Task<Result<PolicyVersionResponse>> CurrentAsync(TandemDb db, CurrentUser user, PolicyKind kind, CancellationToken ct)
    {
        var (version, _) = await ApprovalRouting.CurrentAsync(db, user.CompanyId, kind, await CurrencyAsync(db, user, ct), ct);
        await db.SaveChangesAsync(ct);
        return await ResponseAsync(db, version, ct);
    }

    public static async Task<Result<PolicyVersionResponse>> SaveAsync(TandemDb db, CurrentUser user, PolicyKind kind, int expectedNumber, PolicyDocument document, CancellationToken ct)
    {
        var currency = await CurrencyAsync(db, user, ct);
        var compiled = await CompileAsync(db, user, document, currency, ct);
        if (!compiled.IsSuccess)
        {
            return Result<PolicyVersionResponse>.Failure(compiled.Errors);
        }

        var (current, _) = await ApprovalRouting.CurrentAsync(db, user.CompanyId, kind, currency, ct);
        if (current.Number != expectedNumber)
        {
            return ApiResults.StaleVersion("approval policy");
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        var next = new ApprovalPolicyVersion
        {
            Id = Ids.New(now),
            CompanyId = user.CompanyId,
            Kind = kind,
            Number = current.Number + 1,
            Document = document.Serialize(),
            CreatedById = user.UserId,
            CreatedAtUtc = now,
        };
        db.ApprovalPolicyVersions.Add(next);
        await db.SaveChangesAsync(ct);
        return await ResponseAsync(db, next, ct);
    }

    public static async Task<Result<PolicyVersionResponse>> VersionAsync(TandemDb db, CurrentUser user, PolicyKind kind, int number, CancellationToken ct) =>
        await db.ApprovalPolicyVersions.AsNoTracking().SingleOrDefaultAsync(p => p.CompanyId == user.CompanyId && p.Kind == kind && p.Number == number, ct) is { } version
            ? await ResponseAsync(db, version, ct)
            : Error.NotFound("policy.version_not_found", $"There is no policy version {number}.");

    /// <summary>Routes a made-up request through a policy (a draft, or the current one) and explains the result.</summary>
    public static async Task<Result<RoutePreview>> TestAsync(TandemDb db, CurrentUser user, PolicyKind kind, TestRequest request, CancellationToken ct)
    {
        var currency = await CurrencyAsync(db, user, ct);
        var (current, currentPolicy) = await ApprovalRouting.CurrentAsync(db, user.CompanyId, kind, currency, ct);
        var compiled = currentPolicy;
        if (request.Policy is not null)
        {
            var draft = await CompileAsync(db, user, request.Policy, currency, ct);
            if (!draft.IsSuccess)
            {
                return Result<RoutePreview>.Failure([.. draft.Errors.Select(e => e with { Field = "policy." + e.Field })]);
            }

            compiled = draft.Value;
        }

        var v = new Validator();
        var amount = Money.TryParse(request.Amount, currency, out var parsed) && !parsed.IsNegative ? parsed
            : Fail(v, "amount", $"amount must be a non-negative amount in {currency.Code}.", currency);
        var flags = (request.Flags ?? []).Select((f, i) => v.Enum<PolicyFlag>(f, $"flags[{i}]")).ToHashSet();
        var requester = request.RequesterId ?? user.UserId;
        if (!await db.Users.AnyAsync(u => u.Id == requester && u.CompanyId == user.CompanyId, ct))
        {
            v.Add("requesterId", "not_found", "requesterId is not a user of this company.");
        }

        if (!v.IsValid)
        {
            return Result<RoutePreview>.Failure(v.Errors);
        }

        var facts = new RouteFacts(amount, requester, Set(request.DepartmentIds), Set(request.LocationIds), Set(request.CategoryIds), Set(request.VendorIds),
            Set(request.GlAccountIds), flags, new HashSet<BudgetState>(), []);
        var plan = RouteEngine.Evaluate(compiled.Policy, facts, await ApprovalRouting.OrgAsync(db, user.CompanyId, currency, compiled.Policy, ct));
        return await RoutePreview.FromAsync(db, plan, flags, amount, request.Policy is null ? current.Number : 0, ct);
    }

    private static HashSet<Guid> Set(IReadOnlyList<Guid>? ids) => [.. ids ?? []];

    private static Money Fail(Validator v, string field, string message, Currency currency)
    {
        v.Add(field, "invalid_amount", message);
        return Money.Zero(currency);
    }

    private static async Task<Result<CompiledPolicy>> CompileAsync(TandemDb db, CurrentUser user, PolicyDocument document, Currency currency, CancellationToken ct)
    {
        var v = new Validator();
        var compiled = document.Compile(v, currency);
        if (compiled is null)
        {
            return Result<CompiledPolicy>.Failure(v.Errors);
        }

        var users = (await db.Users.AsNoTracking().Where(u => u.CompanyId == user.CompanyId && u.IsActive).Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        var errors = compiled.Policy.Validate(users.Contains, Role.IsKnown);
        return errors.Count > 0 ? Result<CompiledPolicy>.Failure(errors) : compiled;
    }

    private static Task<Currency> CurrencyAsync(TandemDb db, CurrentUser user, CancellationToken ct) => CompanyClock.CurrencyAsync(db, user.CompanyId, ct);

    private static async Task<PolicyVersionResponse> ResponseAsync(TandemDb db, ApprovalPolicyVersion version, CancellationToken ct)
    {
        var by = version.CreatedById is { } id ? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new PersonRef(u.Id, u.DisplayName)).SingleAsync(ct) : null;
        return new PolicyVersionResponse(version.Number, version.CreatedAtUtc, by, PolicyDocument.Deserialize(version.Document));
    }

    /// <summary>The policy kind a request names (<c>?kind=invoice</c>); requisitions when it names none.</summary>
    public static Result<PolicyKind> KindOf(string? kind)
    {
        if (string.IsNullOrWhiteSpace(kind))
        {
            return PolicyKind.Requisition;
        }

        var v = new Validator();
        var parsed = v.Enum<PolicyKind>(kind, "kind");
        return v.IsValid ? parsed : Result<PolicyKind>.Failure(v.Errors);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/approval-policies/current", async (TandemDb db, CurrentUser user, HttpContext http, string? kind, CancellationToken ct) =>
                (await KindOf(kind).BindAsync(k => CurrentAsync(db, user, k, ct))).ToOk(http))
            .RequireRoles(Editors);
        api.MapPut("/approval-policies/current", (TandemDb db, CurrentUser user, HttpContext http, string? kind, PolicyDocument document, CancellationToken ct) =>
                ApiResults.UpdateAsync(http, number => KindOf(kind).BindAsync(k => SaveAsync(db, user, k, number, document, ct))))
            .RequireRoles(Editors);
        api.MapGet("/approval-policies/versions", async (TandemDb db, CurrentUser user, HttpContext http, string? kind, CancellationToken ct) =>
                (await KindOf(kind).BindAsync(async k => Result<object>.Success(await db.ApprovalPolicyVersions.AsNoTracking()
                    .Where(p => p.CompanyId == user.CompanyId && p.Kind == k).OrderByDescending(p => p.Number)
                    .Select(p => new { p.Number, p.CreatedAtUtc, p.CreatedById }).ToListAsync(ct)))).ToOk(http))
            .RequireRoles(Editors);
        api.MapGet("/approval-policies/versions/{number:int}", async (TandemDb db, CurrentUser user, HttpContext http, int number, string? kind, CancellationToken ct) =>
                (await KindOf(kind).BindAsync(k => VersionAsync(db, user, k, number, ct))).ToOk(http))
            .RequireRoles(Editors);
        api.MapPost("/approval-policies/test", async (TandemDb db, CurrentUser user, HttpContext http, string? kind, TestRequest request, CancellationToken ct) =>
                (await KindOf(kind).BindAsync(k => TestAsync(db, user, k, request, ct))).ToOk(http))
            .RequireRoles(Editors);
    }
}
