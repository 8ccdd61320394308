using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Csv;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Users;

/// <summary>
/// Import users from CSV. Columns: email, displayName, roles[, managerEmail][, password].
/// roles is space-separated; a role may be scoped to a department or location code: "requester approver@ENG receiver@loc:HQ".
/// managerEmail may name an existing user or one earlier in the same file. All-or-nothing with a row-by-row report.
/// </summary>
public static class ImportUsers
{
    public static readonly string[] Columns = ["email", "displayname", "roles"];

    public static async Task<Result<ImportReport>> ImportAsync(
        TandemDb db, UserManager<User> users, CurrentUser admin, Stream csv, bool dryRun, CancellationToken ct)
    {
        var table = await CsvTable.ReadAsync(csv, Columns, ct);
        if (!table.IsSuccess)
        {
            return Result<ImportReport>.Failure(table.Errors);
        }

        var departments = await db.Departments.Where(d => d.CompanyId == admin.CompanyId).ToDictionaryAsync(d => d.Code, d => d.Id, StringComparer.OrdinalIgnoreCase, ct);
        var locations = await db.Locations.Where(l => l.CompanyId == admin.CompanyId).ToDictionaryAsync(l => l.Code, l => l.Id, StringComparer.OrdinalIgnoreCase, ct);
        // Only the people the file names: new e-mails (taken anywhere?) and managers (users of this company).
        var named = table.Value.Rows
            .SelectMany(r => new[] { r["email"], r.GetValueOrDefault("manageremail", "") })
            .Where(e => e.Length > 0).Select(e => e.ToUpperInvariant()).Distinct().ToList();
        var found = await db.Users.Where(u => named.Contains(u.NormalizedEmail!))
            .Select(u => new { Email = u.NormalizedEmail!, u.Id, u.CompanyId }).ToListAsync(ct);
        var taken = found.Select(u => u.Email).ToHashSet(StringComparer.Ordinal);
        var existing = found.Where(u => u.CompanyId == admin.CompanyId).ToDictionary(u => u.Email, u => u.Id, StringComparer.Ordinal);
        var errors = new List<RowError>();
        var now = db.Clock.GetUtcNow();
        var created = 0;
        for (var i = 0; i < table.Value.Rows.Count; i++)
        {
            var row = table.Value.Rows[i];
            var v = new Validator();
            var email = v.Required(row["email"], "email", 256);
            var name = v.Required(row["displayname"], "displayName", 200);
            var roles = ParseRoles(row["roles"], departments, locations, v);
            Guid? managerId = null;
            if (row.TryGetValue("manageremail", out var managerEmail) && managerEmail.Length > 0)
            {
                if (existing.TryGetValue(managerEmail.ToUpperInvariant(), out var m))
                {
                    managerId = m;
                }
                else
                {
                    v.Add("managerEmail", "user_unknown", $"No user {managerEmail} in this company or earlier in the file.");
                }
            }

            if (email.Length > 0 && !email.Contains('@', StringComparison.Ordinal))
            {
                v.Add("email", "email_invalid", "email must be an e-mail address.");
            }
            else if (email.Length > 0 && !taken.Add(email.ToUpperInvariant()))
            {
                v.Add("email", "duplicate", $"A user with e-mail {email} already exists (or appears twice in the file).");
            }

            var user = new User { Id = Ids.New(now), CompanyId = admin.CompanyId, CreatedAtUtc = now.UtcDateTime, SecurityStamp = Guid.NewGuid().ToString("N") };
            if (row.TryGetValue("password", out var password) && password.Length > 0)
            {
                foreach (var validator in users.PasswordValidators)
                {
                    var result = await validator.ValidateAsync(users, user, password);
                    if (!result.Succeeded)
                    {
                        v.Add("password", "password_weak", string.Join(" ", result.Errors.Select(e => e.Description)));
                    }
                }

                user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
            }

            if (!v.IsValid)
            {
                errors.AddRange(v.Errors.Select(e => new RowError(i + 1, table.Value.LineOf(i), e.Field ?? "", e.Message)));
                continue;
            }

            SaveUser.Apply(db, user, new SaveUser.Valid(email, name, managerId, null, roles, true), now);
            user.LockoutEnabled = true;
            db.Users.Add(user);
            existing[email.ToUpperInvariant()] = user.Id;
            created++;
        }

        var report = new ImportReport(table.Value.Rows.Count, created, 0, errors, dryRun);
        if (errors.Count == 0 && !dryRun)
        {
            await db.SaveChangesAsync(ct);
        }

        return report;
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/users/import", async (TandemDb db, UserManager<User> users, CurrentUser admin, HttpRequest request, bool? dryRun, CancellationToken ct) =>
                ImportResults.From(await ImportAsync(db, users, admin, request.Body, dryRun ?? false, ct)))
            .Accepts<string>("text/csv")
            .RequireRoles(Role.Admin);

    private static List<RoleScope> ParseRoles(string text, Dictionary<string, Guid> departments, Dictionary<string, Guid> locations, Validator v)
    {
        var result = new List<RoleScope>();
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = token.Split('@', 2);
            var role = parts[0].ToLowerInvariant();
            if (!Role.IsKnown(role))
            {
                v.Add("roles", "role_unknown", $"Unknown role '{parts[0]}'. Roles: {string.Join(", ", Role.All)}.");
                continue;
            }

            if (parts.Length == 1)
            {
                result.Add(new RoleScope(role, null, null));
            }
            else if (parts[1].StartsWith("loc:", StringComparison.OrdinalIgnoreCase))
            {
                if (locations.TryGetValue(parts[1][4..], out var l))
                {
                    result.Add(new RoleScope(role, null, l));
                }
                else
                {
                    v.Add("roles", "location_unknown", $"Unknown location code '{parts[1][4..]}'.");
                }
            }
            else if (departments.TryGetValue(parts[1], out var d))
            {
                result.Add(new RoleScope(role, d, null));
            }
            else
            {
                v.Add("roles", "department_unknown", $"Unknown department code '{parts[1]}'.");
            }
        }

        if (result.Count == 0 && v.IsValid)
        {
            v.Add("roles", "required", "roles is required: at least one role, e.g. requester.");
        }

        return result;
    }
}
