using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices.Coding;

public sealed record GlCodingRuleResponse(Guid Id, Guid? VendorId, string Keyword, Guid GlAccountId, Guid? CostCenterId, int Priority, int Version) : IVersionedResponse
{
    public static GlCodingRuleResponse From(GlCodingRule r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.VendorId, r.Keyword, r.GlAccountId, r.CostCenterId, r.Priority, r.Version);
    }
}

/// <summary>Explicit GL coding rules (AP and controllers): vendor (or any) + keyword → GL account and cost center, with a priority.</summary>
public static class GlCodingRules
{
    public static readonly string[] Editors = [Role.ApClerk, Role.Controller, Role.Admin];

    public sealed record Request(Guid? VendorId, string? Keyword, Guid? GlAccountId, Guid? CostCenterId, int? Priority);

    public static async Task<Result<GlCodingRuleResponse>> SaveAsync(TandemDb db, CurrentUser user, Guid? id, Request request, CancellationToken ct)
    {
        var v = new Validator();
        var keyword = v.Required(request.Keyword, "keyword", 100);
        if (request.GlAccountId is null)
        {
            v.Add("glAccountId", "required", "glAccountId is required.");
        }
        else if (!await db.GlAccounts.AnyAsync(g => g.Id == request.GlAccountId && g.CompanyId == user.CompanyId && g.IsActive, ct))
        {
            v.Add("glAccountId", "not_found", "No such active GL account.");
        }

        if (request.VendorId is { } vendorId && !await db.Vendors.AnyAsync(x => x.Id == vendorId && x.CompanyId == user.CompanyId, ct))
        {
            v.Add("vendorId", "not_found", "No such vendor.");
        }

        if (request.CostCenterId is { } costCenterId && !await db.CostCenters.AnyAsync(c => c.Id == costCenterId && c.CompanyId == user.CompanyId && c.IsActive, ct))
        {
            v.Add("costCenterId", "not_found", "No such active cost center.");
        }

        if (!v.IsValid)
        {
            return Result<GlCodingRuleResponse>.Failure(v.Errors);
        }

        var rule = id is null ? null : await db.GlCodingRules.SingleOrDefaultAsync(r => r.Id == id && r.CompanyId == user.CompanyId, ct);
        if (id is not null && rule is null)
        {
            return Error.NotFound("gl_coding_rule.not_found", "No such coding rule.");
        }

        if (await db.GlCodingRules.AnyAsync(r => r.CompanyId == user.CompanyId && r.Id != id && r.VendorId == request.VendorId && r.Keyword == keyword, ct))
        {
            return Error.Conflict("gl_coding_rule.duplicate", $"A rule for \"{keyword}\" and this vendor exists already; change it instead.", "keyword");
        }

        if (rule is null)
        {
            rule = new GlCodingRule { Id = Ids.New(db.Clock.GetUtcNow()), CompanyId = user.CompanyId };
            db.GlCodingRules.Add(rule);
        }

        rule.VendorId = request.VendorId;
        rule.Keyword = keyword;
        rule.GlAccountId = request.GlAccountId!.Value;
        rule.CostCenterId = request.CostCenterId;
        rule.Priority = request.Priority ?? 100;
        await db.SaveChangesAsync(ct);
        return GlCodingRuleResponse.From(rule);
    }

    public static async Task<Result<bool>> DeleteAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var rule = await db.GlCodingRules.SingleOrDefaultAsync(r => r.Id == id && r.CompanyId == user.CompanyId, ct);
        if (rule is null)
        {
            return Error.NotFound("gl_coding_rule.not_found", "No such coding rule.");
        }

        db.GlCodingRules.Remove(rule);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/gl-coding-rules", async (TandemDb db, CurrentUser user, CancellationToken ct) =>
                Results.Ok((await db.GlCodingRules.AsNoTracking().Where(r => r.CompanyId == user.CompanyId).OrderBy(r => r.Priority).ThenBy(r => r.Keyword).ToListAsync(ct))
                    .Select(GlCodingRuleResponse.From)))
            .RequireRoles(Editors);
        api.MapPost("/gl-coding-rules", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await SaveAsync(db, user, null, request, ct)).ToCreated(http, r => $"/api/v1/gl-coding-rules/{r.Id}"))
            .RequireRoles(Editors);
        api.MapPut("/gl-coding-rules/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                (await SaveAsync(db, user, id, request, ct)).ToOk(http))
            .RequireRoles(Editors);
        api.MapDelete("/gl-coding-rules/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                await DeleteAsync(db, user, id, ct) is { IsSuccess: false } failed ? Problems.From(failed.FirstError) : Results.NoContent())
            .RequireRoles(Editors);
    }
}
