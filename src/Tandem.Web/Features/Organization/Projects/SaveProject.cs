using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

/// <summary>Create a project or change one (admins, controllers). Codes are unique per company; the end date cannot precede the start.</summary>
public static class SaveProject
{
    public sealed record Request(string? Code, string? Name, DateOnly? StartsOn, DateOnly? EndsOn, bool? IsActive);

    public static async Task<Result<ProjectResponse>> CreateAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct) =>
        await OrgUnits.CreateAsync(
            db, await ValidateAsync(db, user, request, null, ct),
            new Project { Id = Ids.New(db.Clock.GetUtcNow()), CompanyId = user.CompanyId }, Apply, ProjectResponse.From, ct);

    public static async Task<Result<ProjectResponse>> UpdateAsync(TandemDb db, CurrentUser user, Guid id, int expectedVersion, Request request, CancellationToken ct) =>
        await OrgUnits.UpdateAsync(
            db, await db.Projects.SingleOrDefaultAsync(x => x.Id == id && x.CompanyId == user.CompanyId, ct), expectedVersion, "project",
            _ => ValidateAsync(db, user, request, id, ct), Apply, ProjectResponse.From, ct);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/projects", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await CreateAsync(db, user, request, ct)).ToCreated(http, d => $"/api/v1/projects/{d.Id}"))
            .RequireRoles(Role.Admin, Role.Controller);
        api.MapPut("/projects/{id:guid}", (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                ApiResults.UpdateAsync(http, version => UpdateAsync(db, user, id, version, request, ct)))
            .RequireRoles(Role.Admin, Role.Controller);
    }

    private sealed record Valid(string Code, string Name, DateOnly? StartsOn, DateOnly? EndsOn, bool IsActive);

    private static async Task<Result<Valid>> ValidateAsync(TandemDb db, CurrentUser user, Request request, Guid? id, CancellationToken ct)
    {
        var v = new Validator();
        var code = v.Code(request.Code, "code");
        var name = v.Required(request.Name, "name", 200);
        if (request.StartsOn is { } starts && request.EndsOn is { } ends && ends < starts)
        {
            v.Add("endsOn", "ends_before_start", "endsOn must not be before startsOn.");
        }

        if (!v.IsValid)
        {
            return Result<Valid>.Failure(v.Errors);
        }

        return await OrgUnits.CodeTakenAsync(db.Projects, user.CompanyId, code, id, "project", ct) is { } taken
            ? taken
            : new Valid(code, name, request.StartsOn, request.EndsOn, request.IsActive ?? true);
    }

    private static void Apply(Project d, Valid v)
    {
        d.Code = v.Code;
        d.Name = v.Name;
        d.StartsOn = v.StartsOn;
        d.EndsOn = v.EndsOn;
        d.IsActive = v.IsActive;
    }
}
