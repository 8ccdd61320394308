using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Users;

/// <summary>
/// Create a user or change one (admins): e-mail, name, manager, approval limit, roles with optional department and
/// location scopes, active flag. Passwords go through Identity's hasher and policy. Deactivating a user, or changing
/// their roles, takes effect on their very next request. An admin cannot remove their own admin role or deactivate themselves.
/// </summary>
public static class SaveUser
{
    public sealed record Request(
        string? Email, string? DisplayName, string? Password, Guid? ManagerId, MoneyDto? ApprovalLimit,
        IReadOnlyList<RoleScopeDto>? Roles, bool? IsActive);

    public static async Task<Result<UserResponse>> CreateAsync(TandemDb db, UserManager<User> users, CurrentUser admin, Request request, CancellationToken ct)
    {
        var valid = await ValidateAsync(db, admin, request, null, ct);
        if (!valid.IsSuccess)
        {
            return Result<UserResponse>.Failure(valid.Errors);
        }

        var now = db.Clock.GetUtcNow();
        var user = new User { Id = Ids.New(now), CompanyId = admin.CompanyId, CreatedAtUtc = now.UtcDateTime };
        Apply(db, user, valid.Value, now);
        var created = await users.CreateAsync(user, request.Password!);
        return created.Succeeded ? UserResponse.From(user, now) : IdentityErrors(created);
    }

    public static async Task<Result<UserResponse>> UpdateAsync(
        TandemDb db, UserManager<User> users, CurrentUser admin, Guid id, int expectedVersion, Request request, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == id && u.CompanyId == admin.CompanyId, ct);
        if (user is null)
        {
            return OrgUnits.NotFound("user");
        }

        if (OrgUnits.Stale(user, expectedVersion, "user") is { } stale)
        {
            return stale;
        }

        var valid = await ValidateAsync(db, admin, request, id, ct);
        if (!valid.IsSuccess)
        {
            return Result<UserResponse>.Failure(valid.Errors);
        }

        if (id == admin.UserId && (!valid.Value.IsActive || !valid.Value.Roles.Any(r => r.Role == Role.Admin && r.DepartmentId is null && r.LocationId is null)))
        {
            return Error.Conflict("user.self_lockout", "You cannot deactivate yourself or remove your own company-wide admin role.", "roles");
        }

        var now = db.Clock.GetUtcNow();
        var wasActive = user.IsActive;
        Apply(db, user, valid.Value, now);
        if (wasActive && !user.IsActive)
        {
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        }

        if (!string.IsNullOrEmpty(request.Password))
        {
            var policy = await ValidatePasswordAsync(users, user, request.Password);
            if (policy is not null)
            {
                return policy;
            }

            user.PasswordHash = users.PasswordHasher.HashPassword(user, request.Password);
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        }

        var updated = await users.UpdateAsync(user);
        return updated.Succeeded ? UserResponse.From(user, now) : IdentityErrors(updated);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/users", async (TandemDb db, UserManager<User> users, CurrentUser admin, HttpContext http, Request request, CancellationToken ct) =>
                (await CreateAsync(db, users, admin, request, ct)).ToCreated(http, u => $"/api/v1/users/{u.Id}"))
            .RequireRoles(Role.Admin);
        api.MapPut("/users/{id:guid}", (TandemDb db, UserManager<User> users, CurrentUser admin, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                ApiResults.UpdateAsync(http, version => UpdateAsync(db, users, admin, id, version, request, ct)))
            .RequireRoles(Role.Admin);
    }

    internal sealed record Valid(string Email, string DisplayName, Guid? ManagerId, Domain.Money.Money? ApprovalLimit, IReadOnlyList<RoleScope> Roles, bool IsActive);

    private static async Task<Result<Valid>> ValidateAsync(TandemDb db, CurrentUser admin, Request request, Guid? id, CancellationToken ct)
    {
        var v = new Validator();
        var email = v.Required(request.Email, "email", 256);
        if (email.Length > 0 && (!email.Contains('@', StringComparison.Ordinal) || email.StartsWith('@') || email.EndsWith('@') || email.Contains(' ', StringComparison.Ordinal)))
        {
            v.Add("email", "email_invalid", "email must be an e-mail address.");
        }

        var displayName = v.Required(request.DisplayName, "displayName", 200);
        if (id is null && string.IsNullOrEmpty(request.Password))
        {
            v.Add("password", "required", "password is required.");
        }

        var limit = v.Money(request.ApprovalLimit, "approvalLimit");
        if (limit is { IsNegative: true })
        {
            v.Add("approvalLimit.amount", "negative", "approvalLimit cannot be negative.");
        }

        if (request.ManagerId is { } managerId && (managerId == id || !await db.Users.AnyAsync(u => u.Id == managerId && u.CompanyId == admin.CompanyId, ct)))
        {
            v.Add("managerId", "user_unknown", "managerId must be another user of this company.");
        }

        var roles = await ValidateRolesAsync(db, admin, request.Roles ?? [], v, ct);
        if (!v.IsValid)
        {
            return Result<Valid>.Failure(v.Errors);
        }

        var normalized = email.ToUpperInvariant();
        return await db.Users.AnyAsync(u => u.NormalizedEmail == normalized && u.Id != id, ct)
            ? Error.Conflict("user.email_taken", $"A user with e-mail {email} already exists.", "email")
            : new Valid(email, displayName, request.ManagerId, limit, roles, request.IsActive ?? true);
    }

    private static async Task<List<RoleScope>> ValidateRolesAsync(TandemDb db, CurrentUser admin, IReadOnlyList<RoleScopeDto> roles, Validator v, CancellationToken ct)
    {
        if (roles.Count > 50)
        {
            v.Add("roles", "too_many", "A user can hold at most 50 role assignments.");
            return [];
        }

        var departments = await db.Departments.Where(d => d.CompanyId == admin.CompanyId).Select(d => d.Id).ToListAsync(ct);
        var locations = await db.Locations.Where(l => l.CompanyId == admin.CompanyId).Select(l => l.Id).ToListAsync(ct);
        var result = new List<RoleScope>();
        for (var i = 0; i < roles.Count; i++)
        {
            var r = roles[i];
            if (!Role.IsKnown(r.Role))
            {
                v.Add($"roles[{i}].role", "role_unknown", $"roles[{i}].role must be one of: {string.Join(", ", Role.All)}.");
            }

            if (r.DepartmentId is { } d && !departments.Contains(d))
            {
                v.Add($"roles[{i}].departmentId", "department_unknown", $"roles[{i}].departmentId is not a department of this company.");
            }

            if (r.LocationId is { } l && !locations.Contains(l))
            {
                v.Add($"roles[{i}].locationId", "location_unknown", $"roles[{i}].locationId is not a location of this company.");
            }

            result.Add(new RoleScope(r.Role ?? "", r.DepartmentId, r.LocationId));
        }

        return result.Distinct().ToList();
    }

    internal static void Apply(TandemDb db, User user, Valid v, DateTimeOffset now)
    {
        user.Email = v.Email;
        user.UserName = v.Email;
        user.NormalizedEmail = v.Email.ToUpperInvariant();
        user.NormalizedUserName = v.Email.ToUpperInvariant();
        user.DisplayName = v.DisplayName;
        user.ManagerId = v.ManagerId;
        user.ApprovalLimitMinor = v.ApprovalLimit?.Minor;
        user.ApprovalLimitCurrency = v.ApprovalLimit?.Currency.Code;
        user.IsActive = v.IsActive;
        // Replace role assignments by difference, so the audit trail shows exactly what was granted and revoked.
        var wanted = v.Roles.ToHashSet();
        foreach (var existing in user.Roles.Where(r => !wanted.Contains(new RoleScope(r.Role, r.DepartmentId, r.LocationId))).ToList())
        {
            user.Roles.Remove(existing);
            db.RoleAssignments.Remove(existing);
        }

        foreach (var scope in wanted.Where(s => !user.Roles.Any(r => new RoleScope(r.Role, r.DepartmentId, r.LocationId) == s)))
        {
            user.Roles.Add(new RoleAssignment { Id = Ids.New(now), UserId = user.Id, Role = scope.Role, DepartmentId = scope.DepartmentId, LocationId = scope.LocationId });
        }
    }

    private static async Task<Error?> ValidatePasswordAsync(UserManager<User> users, User user, string password)
    {
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            if (!result.Succeeded)
            {
                return Error.Validation("password_weak", string.Join(" ", result.Errors.Select(e => e.Description)), "password");
            }
        }

        return null;
    }

    private static Error IdentityErrors(IdentityResult result)
    {
        var first = result.Errors.First();
        var field = first.Code.StartsWith("Password", StringComparison.Ordinal) ? "password"
            : first.Code.Contains("Email", StringComparison.Ordinal) || first.Code.Contains("UserName", StringComparison.Ordinal) ? "email" : null;
        return first.Code.StartsWith("Duplicate", StringComparison.Ordinal)
            ? Error.Conflict("user.email_taken", first.Description, "email")
            : Error.Validation("user." + first.Code, string.Join(" ", result.Errors.Select(e => e.Description)), field);
    }
}
