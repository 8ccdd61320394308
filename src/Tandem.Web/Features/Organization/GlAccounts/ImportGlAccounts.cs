using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Csv;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

/// <summary>
/// Import a chart of accounts from CSV (columns: code, name, type[, active]). Existing codes are updated, new ones
/// created. All-or-nothing: any row error and nothing is written; the report lists every error by row.
/// </summary>
public static class ImportGlAccounts
{
    public static readonly string[] Columns = ["code", "name", "type"];

    public static async Task<Result<ImportReport>> ImportAsync(TandemDb db, CurrentUser user, Stream csv, bool dryRun, CancellationToken ct)
    {
        var table = await CsvTable.ReadAsync(csv, Columns, ct);
        if (!table.IsSuccess)
        {
            return Result<ImportReport>.Failure(table.Errors);
        }

        var existing = await db.GlAccounts.Where(a => a.CompanyId == user.CompanyId).ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, ct);
        var errors = new List<RowError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int created = 0, updated = 0;
        for (var i = 0; i < table.Value.Rows.Count; i++)
        {
            var row = table.Value.Rows[i];
            var v = new Validator();
            var code = v.Code(row["code"], "code");
            var name = v.Required(row["name"], "name", 200);
            var type = v.Enum<GlAccountType>(row["type"], "type");
            var active = v.Bool(row.Optional("active"), "active", fallback: true);
            if (v.IsValid && !seen.Add(code))
            {
                v.Add("code", "duplicate", $"code {code} appears more than once in the file.");
            }

            if (!v.IsValid)
            {
                errors.AddRange(v.Errors.Select(e => new RowError(i + 1, table.Value.LineOf(i), e.Field ?? "", e.Message)));
                continue;
            }

            if (existing.TryGetValue(code, out var account))
            {
                updated++;
            }
            else
            {
                created++;
                account = new GlAccount { Id = Ids.New(db.Clock.GetUtcNow()), CompanyId = user.CompanyId, Code = code };
                db.GlAccounts.Add(account);
            }

            account.Name = name;
            account.Type = type;
            account.IsActive = active;
        }

        var report = new ImportReport(table.Value.Rows.Count, created, updated, errors, dryRun);
        if (errors.Count == 0 && !dryRun)
        {
            await db.SaveChangesAsync(ct);
        }

        return report;
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/gl-accounts/import", async (TandemDb db, CurrentUser user, HttpRequest request, bool? dryRun, CancellationToken ct) =>
                ImportResults.From(await ImportAsync(db, user, request.Body, dryRun ?? false, ct)))
            .Accepts<string>("text/csv")
            .RequireRoles(Role.Admin, Role.Controller);
}
