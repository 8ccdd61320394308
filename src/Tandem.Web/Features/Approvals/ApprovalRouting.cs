using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Approvals;
using Tandem.Domain.Money;
using Tandem.Domain.Requisitions;
using Tandem.Domain.Time;
using Tandem.Web.Features.Notifications;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Platform.Data;
using Money = Tandem.Domain.Money.Money;

namespace Tandem.Web.Features.Approvals;

/// <summary>
/// Reads what routing needs from the database (the current policy version, the organisation) and turns a route plan
/// into approval steps: the first one pending with its deadlines, its approvers told in the app and by e-mail.
/// </summary>
public static class ApprovalRouting
{
    /// <summary>The company's current policy version of a kind; the kind's starter policy becomes version 1 the first time one is needed.</summary>
    public static async Task<(ApprovalPolicyVersion Version, CompiledPolicy Policy)> CurrentAsync(TandemDb db, Guid companyId, PolicyKind kind, Currency currency, CancellationToken ct)
    {
        var version = await db.ApprovalPolicyVersions.AsNoTracking().Where(p => p.CompanyId == companyId && p.Kind == kind).OrderByDescending(p => p.Number).FirstOrDefaultAsync(ct);
        if (version is null)
        {
            var now = db.Clock.GetUtcNow().UtcDateTime;
            var starter = kind == PolicyKind.Invoice ? PolicyDocument.InvoiceStarter() : PolicyDocument.Starter();
            version = new ApprovalPolicyVersion { Id = Ids.New(now), CompanyId = companyId, Kind = kind, Number = 1, Document = starter.Serialize(), CreatedAtUtc = now };
            db.ApprovalPolicyVersions.Add(version);
        }

        return (version, Compile(version, currency));
    }

    public static CompiledPolicy Compile(ApprovalPolicyVersion version, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(version);
        var v = new Platform.Api.Validator();
        return PolicyDocument.Deserialize(version.Document).Compile(v, currency)
            ?? throw new InvalidOperationException($"Stored approval policy version {version.Number} does not compile: {v.Errors[0].Message}");
    }

    /// <summary>The policy version a document was routed with: its later decisions, edits and escalations follow it.</summary>
    public static async Task<CompiledPolicy> PolicyOfAsync(TandemDb db, ApprovalSubject subject, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var version = await db.ApprovalPolicyVersions.AsNoTracking().SingleAsync(p => p.Id == subject.PolicyVersionId, ct);
        return Compile(version, await CompanyClock.CurrencyAsync(db, subject.CompanyId, ct));
    }

    /// <summary>Active people, managers, approval limits (in the company currency), department managers, roles and the names a policy mentions.</summary>
    public static async Task<OrgSnapshot> OrgAsync(TandemDb db, Guid companyId, Currency currency, ApprovalPolicy policy, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Where(u => u.CompanyId == companyId && u.IsActive)
            .Select(u => new { u.Id, u.DisplayName, u.ManagerId, u.ApprovalLimitMinor, u.ApprovalLimitCurrency }).ToListAsync(ct);
        var rates = await Rates.LatestAsync(db, companyId, await CompanyClock.TodayAsync(db, companyId, ct), ct);
        var limits = new Dictionary<Guid, long>();
        foreach (var u in users.Where(u => u.ApprovalLimitMinor is not null))
        {
            var limitCurrency = Currency.TryFrom(u.ApprovalLimitCurrency, out var c) ? c : currency;
            if (Rates.ToCompany(new Money(u.ApprovalLimitMinor!.Value, limitCurrency), currency, rates) is { } converted)
            {
                limits[u.Id] = converted.Minor;
            }
        }

        var departments = await db.Departments.AsNoTracking().Where(d => d.CompanyId == companyId).Select(d => new { d.Id, d.Name, d.ManagerId }).ToListAsync(ct);
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => db.Users.Any(u => u.Id == r.UserId && u.CompanyId == companyId))
            .Select(r => new RoleHolder(r.UserId, r.Role, r.DepartmentId, r.LocationId)).ToListAsync(ct);
        var mentioned = policy.Rules.SelectMany(r => (r.When.LocationIds ?? []).Concat(r.When.CategoryIds ?? []).Concat(r.When.VendorIds ?? []).Concat(r.When.GlAccountIds ?? [])).Distinct().ToList();
        var names = departments.ToDictionary(d => d.Id, d => d.Name);
        if (mentioned.Count > 0)
        {
            foreach (var (id, name) in await NamesAsync(db, companyId, mentioned, ct))
            {
                names[id] = name;
            }
        }

        return new OrgSnapshot(
            users.ToDictionary(u => u.Id, u => u.DisplayName),
            users.Where(u => u.ManagerId is not null).ToDictionary(u => u.Id, u => u.ManagerId!.Value),
            limits,
            departments.Where(d => d.ManagerId is not null).ToDictionary(d => d.Id, d => d.ManagerId!.Value),
            roles,
            names);
    }

    /// <summary>Names of locations, categories, vendors and GL accounts, for explanations and the policy editor.</summary>
    public static async Task<Dictionary<Guid, string>> NamesAsync(TandemDb db, Guid companyId, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var names = await db.Locations.AsNoTracking().Where(x => x.CompanyId == companyId && ids.Contains(x.Id)).Select(x => new { x.Id, x.Name })
            .Concat(db.Categories.AsNoTracking().Where(x => x.CompanyId == companyId && ids.Contains(x.Id)).Select(x => new { x.Id, x.Name }))
            .Concat(db.Vendors.AsNoTracking().Where(x => x.CompanyId == companyId && ids.Contains(x.Id)).Select(x => new { x.Id, Name = x.LegalName }))
            .Concat(db.GlAccounts.AsNoTracking().Where(x => x.CompanyId == companyId && ids.Contains(x.Id)).Select(x => new { x.Id, Name = x.Code + " " + x.Name }))
            .ToListAsync(ct);
        return names.DistinctBy(n => n.Id).ToDictionary(n => n.Id, n => n.Name);
    }

    /// <summary>What the rules look at: the company-currency total, everything the request touches, and its budget check.</summary>
    public static RouteFacts Facts(Requisition requisition, Money companyTotal, IReadOnlySet<PolicyFlag> flags, Domain.Budgets.BudgetCheckResult budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(requisition);
        var splits = requisition.Splits;
        return new RouteFacts(
            companyTotal,
            requisition.RequesterId,
            splits.Select(s => s.DepartmentId).ToHashSet(),
            splits.Where(s => s.LocationId is not null).Select(s => s.LocationId!.Value)
                .Concat(requisition.ShipToLocationId is { } shipTo ? [shipTo] : []).ToHashSet(),
            requisition.Lines.Where(l => l.CategoryId is not null).Select(l => l.CategoryId!.Value).ToHashSet(),
            requisition.Lines.Where(l => l.VendorId is not null).Select(l => l.VendorId!.Value).ToHashSet(),
            requisition.Lines.Select(l => l.GlAccountId).Concat(splits.Select(s => s.GlAccountId)).OfType<Guid>().ToHashSet(),
            flags,
            budget.States,
            budget.Owners);
    }

    /// <summary>Starts a new approval round from a plan: steps written, the first one pending; or approved outright.</summary>
    public static async Task StartRoundAsync(TandemDb db, Requisition requisition, RoutePlan plan, CompiledPolicy policy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(requisition);
        ArgumentNullException.ThrowIfNull(plan);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        requisition.Round++;
        if (plan.AutoApproved)
        {
            requisition.Status = RequisitionStatus.Approved;
            requisition.ApprovedTotalMinor = requisition.TotalMinor;
            requisition.DecidedAtUtc = now;
            requisition.StatusReason = plan.Notes.Count > 0 ? plan.Notes[0] : null;
            return;
        }

        requisition.Status = RequisitionStatus.InApproval;
        requisition.StatusReason = null;
        var steps = NewSteps(plan, requisition.CompanyId, requisition.Round, now, step => step.RequisitionId = requisition.Id);
        db.ApprovalSteps.AddRange(steps);
        await ActivateAsync(db, ApprovalSubject.Of(requisition), steps[0], policy.EscalateAfterBusinessDays, ct);
    }

    /// <summary>The steps of a new round from a plan, all waiting; <paramref name="owner"/> ties each to its document.</summary>
    public static List<ApprovalStep> NewSteps(RoutePlan plan, Guid companyId, int round, DateTime now, Action<ApprovalStep> owner)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(owner);
        var steps = plan.Steps.Select(s => new ApprovalStep
        {
            Id = Ids.New(now),
            CompanyId = companyId,
            Round = round,
            Sequence = s.Sequence,
            Level = s.Level,
            Mode = s.Mode,
            RuleName = s.RuleName,
            Explanation = s.Explanation,
            DueBusinessDays = s.DueBusinessDays,
            Status = StepStatus.Waiting,
            Approvers = [.. s.Approvers.Select(a => new ApprovalAssignment { Id = Ids.New(now), UserId = a })],
        }).ToList();
        steps.ForEach(owner);
        return steps;
    }

    /// <summary>Makes a step the pending one: deadlines from now in business days, approvers told.</summary>
    public static async Task ActivateAsync(TandemDb db, ApprovalSubject subject, ApprovalStep step, int escalateAfterBusinessDays, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(step);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var zone = TimeZoneInfo.FindSystemTimeZoneById((await CompanyClock.SettingsAsync(db, subject.CompanyId, ct)).TimeZone);
        step.Status = StepStatus.Pending;
        step.ActivatedAtUtc = now;
        step.DueAtUtc = BusinessCalendar.AddBusinessDays(now, step.DueBusinessDays, zone);
        step.EscalatesAtUtc = BusinessCalendar.AddBusinessDays(step.DueAtUtc.Value, escalateAfterBusinessDays, zone);
        await TellAsync(db, subject, step.Approvers.Select(a => a.UserId), $"{subject.Number} waits for your approval",
            $"{subject.Title} ({subject.Total}) needs your approval.\nWhy you: {step.Explanation}", ct);
    }

    public static async Task TellAsync(TandemDb db, ApprovalSubject subject, IEnumerable<Guid> userIds, string text, string body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var ids = userIds.ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new Notify.Person(u.Id, u.Email)).ToListAsync(ct);
        Notify.Send(db, subject.CompanyId, people, text, subject.Link, body);
    }
}
