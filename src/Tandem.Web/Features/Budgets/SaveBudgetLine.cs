using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Budgets;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Budgets;

/// <summary>
/// Create a budget line (controllers, admins), or revise one: its amount (with a reason, kept as an adjustment), control,
/// warning threshold, owner and name. Period and dimensions are fixed once created — documents already consume them.
/// </summary>
public static class SaveBudgetLine
{
    public sealed record Request(
        string? Period, Guid? DepartmentId, Guid? LocationId, Guid? CostCenterId, Guid? GlAccountId, string? GlAccountGroup, Guid? ProjectId,
        MoneyDto? Amount, string? Control, int? WarnAtPercent, Guid? OwnerId, string? Name);

    public sealed record Revision(MoneyDto? Amount, string? Control, int? WarnAtPercent, Guid? OwnerId, string? Name, string? Reason);

    public static readonly string[] Managers = [Role.Admin, Role.Controller];

    public static async Task<Result<BudgetLineResponse>> CreateAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct)
    {
        var refs = await BudgetRefs.LoadAsync(db, user.CompanyId, ct);
        var v = new Validator();
        var period = refs.Period(v, request.Period);

        Known(v, refs.Departments, request.DepartmentId, "departmentId");
        Known(v, refs.Locations, request.LocationId, "locationId");
        Known(v, refs.CostCenters, request.CostCenterId, "costCenterId");
        Known(v, refs.GlAccounts, request.GlAccountId, "glAccountId");
        Known(v, refs.Projects, request.ProjectId, "projectId");
        var group = Group(v, request.GlAccountGroup, request.GlAccountId is not null);
        var (amount, control, warn) = refs.Terms(v, request.Amount, request.Control, request.WarnAtPercent);
        Owner(v, refs, request.OwnerId);
        var name = v.Optional(request.Name, "name", 300);
        if (!v.IsValid)
        {
            return Result<BudgetLineResponse>.Failure(v.Errors);
        }

        var draft = new BudgetDraft(period!.Value, request.DepartmentId, request.LocationId, request.CostCenterId, request.GlAccountId, group, request.ProjectId,
            amount, control, warn, request.OwnerId, name);
        if (await BudgetDuplicates.ExistsAsync(db, user.CompanyId, draft, null, ct))
        {
            return Error.Conflict("budget.duplicate", "A budget line for this period and these dimensions exists already; revise its amount instead.");
        }

        var line = NewLine(db, user.CompanyId, draft, refs);
        db.BudgetLines.Add(line);
        await db.SaveChangesAsync(ct);
        return await BudgetQueries.ResponseAsync(db, line, ct);
    }

    public static BudgetLine NewLine(TandemDb db, Guid companyId, BudgetDraft draft, BudgetRefs refs)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(refs);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        return new BudgetLine
        {
            Id = Ids.New(now),
            CompanyId = companyId,
            Name = refs.NameOf(draft),
            PeriodKind = draft.Period.Kind,
            PeriodStart = draft.Period.Start,
            PeriodEnd = draft.Period.End,
            DepartmentId = draft.DepartmentId,
            LocationId = draft.LocationId,
            CostCenterId = draft.CostCenterId,
            GlAccountId = draft.GlAccountId,
            GlAccountPrefix = draft.GlAccountPrefix,
            ProjectId = draft.ProjectId,
            Currency = refs.Currency.Code,
            AmountMinor = draft.AmountMinor,
            Control = draft.Control,
            WarnAtPercent = draft.WarnAtPercent,
            OwnerId = draft.OwnerId,
            CreatedAtUtc = now,
        };
    }

    public static async Task<Result<BudgetLineResponse>> ReviseAsync(TandemDb db, CurrentUser user, Guid id, int expectedVersion, Revision request, CancellationToken ct)
    {
        var line = await db.BudgetLines.SingleOrDefaultAsync(b => b.Id == id && b.CompanyId == user.CompanyId, ct);
        if (line is null)
        {
            return BudgetQueries.NotFound();
        }

        if (line.Version != expectedVersion)
        {
            return ApiResults.StaleVersion("budget line");
        }

        var refs = await BudgetRefs.LoadAsync(db, user.CompanyId, ct);
        var v = new Validator();
        var (amount, control, warn) = refs.Terms(v, request.Amount, request.Control, request.WarnAtPercent);
        Owner(v, refs, request.OwnerId);
        var name = v.Optional(request.Name, "name", 300);
        var reason = v.Optional(request.Reason, "reason", 1000);
        if (v.IsValid && amount != line.AmountMinor && reason is null)
        {
            v.Add("reason", "required", "Say why the amount changes (kept with the revision).");
        }

        if (!v.IsValid)
        {
            return Result<BudgetLineResponse>.Failure(v.Errors);
        }

        if (amount != line.AmountMinor)
        {
            Adjust(db, user, line, "revision", amount, null, reason!);
        }

        line.Control = control;
        line.WarnAtPercent = warn;
        line.OwnerId = request.OwnerId;
        if (name is not null)
        {
            line.Name = name;
        }

        await db.SaveChangesAsync(ct);
        return await BudgetQueries.ResponseAsync(db, line, ct);
    }

    /// <summary>Changes a line's amount and keeps why: who, when, before and after, the other line of a reallocation.</summary>
    public static void Adjust(TandemDb db, CurrentUser user, BudgetLine line, string kind, long newAmountMinor, Guid? counterpartId, string reason)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(line);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        db.BudgetAdjustments.Add(new BudgetAdjustment
        {
            Id = Ids.New(now),
            CompanyId = line.CompanyId,
            BudgetLineId = line.Id,
            Kind = kind,
            BeforeMinor = line.AmountMinor,
            AfterMinor = newAmountMinor,
            CounterpartId = counterpartId,
            Reason = reason,
            ById = user.UserId,
            AtUtc = now,
        });
        line.AmountMinor = newAmountMinor;
    }

    private static void Known(Validator v, BudgetRefs.Dimension dimension, Guid? id, string field)
    {
        if (id is { } value && !dimension.Has(value))
        {
            v.Add(field, "not_found", $"{field} does not name an active record of this company.");
        }
    }

    private static void Owner(Validator v, BudgetRefs refs, Guid? ownerId)
    {
        if (ownerId is { } owner && !refs.People.ContainsValue(owner))
        {
            v.Add("ownerId", "not_found", "ownerId must be an active user of this company.");
        }
    }

    /// <summary>An account group is a GL code prefix; a line names an account or a group, not both.</summary>
    public static string? Group(Validator v, string? group, bool hasAccount)
    {
        ArgumentNullException.ThrowIfNull(v);
        if (string.IsNullOrWhiteSpace(group))
        {
            return null;
        }

        var prefix = v.Code(group, "glAccountGroup");
        if (hasAccount)
        {
            v.Add("glAccountGroup", "account_and_group", "Give a GL account or an account group, not both.");
        }

        return prefix;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/budgets", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await CreateAsync(db, user, request, ct)).ToCreated(http, b => $"/api/v1/budgets/{b.Id}"))
            .RequireRoles(Managers);
        api.MapPut("/budgets/{id:guid}", (TandemDb db, CurrentUser user, HttpContext http, Guid id, Revision request, CancellationToken ct) =>
                ApiResults.UpdateAsync(http, version => ReviseAsync(db, user, id, version, request, ct)))
            .RequireRoles(Managers);
    }
}
