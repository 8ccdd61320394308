using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Billing;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Billing;

public sealed record BillingGroupRequest(string? Name, string? Scope, Guid? ScopeId, string? Cycle, Guid? OwnerId, bool? Active);

public sealed record BillingGroupResponse(Guid Id, string Name, string Scope, Guid? ScopeId, string Cycle, Guid OwnerId, bool Active, int Version) : IVersionedResponse
{
    public static BillingGroupResponse From(BillingGroup g) =>
        new(g.Id, g.Name, JsonNames.Camel(g.Scope.ToString()), g.ScopeId, JsonNames.Camel(g.Cycle.ToString()), g.OwnerId, g.Active, g.Version);
}

/// <summary>Billing groups: controllers and admins define who gets one bill a week or month, and who approves it.</summary>
public static class BillingGroups
{
    public static async Task<Result<BillingGroupResponse>> SaveAsync(TandemDb db, CurrentUser user, Guid? id, int? version, BillingGroupRequest request, CancellationToken ct)
    {
        var v = new Validator();
        var name = v.Required(request.Name, "name", 100);
        var scope = v.Enum<BillingScope>(request.Scope ?? "company", "scope");
        var cycle = v.Enum<BillingCycle>(request.Cycle ?? "monthly", "cycle");
        var scopeKnown = scope switch
        {
            BillingScope.Location => await db.Locations.AnyAsync(x => x.Id == request.ScopeId && x.CompanyId == user.CompanyId, ct),
            BillingScope.Department => await db.Departments.AnyAsync(x => x.Id == request.ScopeId && x.CompanyId == user.CompanyId, ct),
            BillingScope.CostCenter => await db.CostCenters.AnyAsync(x => x.Id == request.ScopeId && x.CompanyId == user.CompanyId, ct),
            _ => request.ScopeId is null,
        };
        if (!scopeKnown)
        {
            v.Add("scopeId", "not_found", scope == BillingScope.Company ? "A company-wide group has no scopeId." : $"scopeId is not a {JsonNames.Camel(scope.ToString())} of this company.");
        }

        if (!await db.Users.AnyAsync(u => u.Id == request.OwnerId && u.CompanyId == user.CompanyId && u.IsActive, ct))
        {
            v.Add("ownerId", "not_found", "ownerId must be an active user of this company.");
        }

        if (!v.IsValid)
        {
            return Result<BillingGroupResponse>.Failure(v.Errors);
        }

        var group = id is null ? new BillingGroup { Id = Ids.New(db.Clock.GetUtcNow()), CompanyId = user.CompanyId }
            : await db.BillingGroups.SingleOrDefaultAsync(g => g.Id == id && g.CompanyId == user.CompanyId, ct);
        if (group is null)
        {
            return Error.NotFound("billing_group.not_found", "No such billing group.");
        }

        if (version is { } expected && expected != group.Version)
        {
            return ApiResults.StaleVersion("billing group");
        }

        if (await db.BillingGroups.AnyAsync(g => g.CompanyId == user.CompanyId && g.Name == name && g.Id != group.Id, ct))
        {
            return Error.Conflict("billing_group.name_taken", $"A billing group named {name} exists.", "name");
        }

        if (id is null)
        {
            db.BillingGroups.Add(group);
        }

        (group.Name, group.Scope, group.ScopeId, group.Cycle, group.OwnerId, group.Active) = (name, scope, request.ScopeId, cycle, request.OwnerId!.Value, request.Active ?? group.Active);
        await db.SaveChangesAsync(ct);
        return BillingGroupResponse.From(group);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/billing-groups", async (TandemDb db, CurrentUser user, CancellationToken ct) =>
                TypedResults.Ok((await db.BillingGroups.AsNoTracking().Where(g => g.CompanyId == user.CompanyId).OrderBy(g => g.Name).ToListAsync(ct)).Select(BillingGroupResponse.From)))
            .RequireRoles(Role.Controller, Role.ApClerk, Role.Admin);
        api.MapPost("/billing-groups", async (TandemDb db, CurrentUser user, HttpContext http, BillingGroupRequest request, CancellationToken ct) =>
                (await SaveAsync(db, user, null, null, request, ct)).ToCreated(http, g => $"/api/v1/billing-groups/{g.Id}"))
            .RequireRoles(Role.Controller, Role.Admin);
        api.MapPut("/billing-groups/{id:guid}", (TandemDb db, CurrentUser user, HttpContext http, Guid id, BillingGroupRequest request, CancellationToken ct) =>
                ApiResults.UpdateAsync(http, version => SaveAsync(db, user, id, version, request, ct)))
            .RequireRoles(Role.Controller, Role.Admin);
    }
}
