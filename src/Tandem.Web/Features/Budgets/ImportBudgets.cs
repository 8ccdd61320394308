using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Budgets;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Csv;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Budgets;

/// <summary>
/// Import a year's budget from CSV: one row per line — period and amount, dimensions by code (department, location,
/// cost_center, gl_account or gl_account_group, project), control, warn_at_percent, owner (e-mail), name. A row for a
/// period and dimensions that already have a line revises its amount (kept as an "import" adjustment). Dry run reports
/// every error by row, line and column; the real import is all-or-nothing. The figure columns of an export are ignored.
/// </summary>
public static class ImportBudgets
{
    public static readonly string[] Columns = ["period", "amount"];

    public static readonly string[] OptionalColumns =
        ["department", "location", "cost_center", "gl_account", "gl_account_group", "project", "control", "warn_at_percent", "owner", "name"];

    public static async Task<Result<ImportReport>> ImportAsync(TandemDb db, CurrentUser user, Stream csv, bool dryRun, CancellationToken ct)
    {
        // An export's figure columns are read past, so an exported file imports back as it is.
        var table = await CsvTable.ReadAsync(csv, Columns, CsvLimits.Default with { OptionalColumns = [.. OptionalColumns, .. ExportBudgets.FigureColumns] }, ct);
        if (!table.IsSuccess)
        {
            return Result<ImportReport>.Failure(table.Errors);
        }

        var refs = await BudgetRefs.LoadAsync(db, user.CompanyId, ct);
        var existing = (await db.BudgetLines.Where(b => b.CompanyId == user.CompanyId).ToListAsync(ct)).ToDictionary(KeyOf);
        var errors = new List<RowError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int created = 0, updated = 0;
        for (var i = 0; i < table.Value.Rows.Count; i++)
        {
            var row = table.Value.Rows[i];
            var v = new Validator();
            var draft = Read(v, row, refs);
            if (v.IsValid && !seen.Add(KeyOf(draft!)))
            {
                v.Add("period", "duplicate", "the same period and dimensions appear more than once in the file.");
            }

            if (!v.IsValid)
            {
                errors.AddRange(v.Errors.Select(e => new RowError(i + 1, table.Value.LineOf(i), Column(e.Field), e.Message)));
                continue;
            }

            if (existing.TryGetValue(KeyOf(draft!), out var line))
            {
                updated++;
                if (line.AmountMinor != draft!.AmountMinor)
                {
                    SaveBudgetLine.Adjust(db, user, line, "import", draft.AmountMinor, null, "CSV import");
                }

                line.Control = draft.Control;
                line.WarnAtPercent = draft.WarnAtPercent;
                line.OwnerId = draft.OwnerId ?? line.OwnerId;
                line.Name = draft.Name ?? line.Name;
            }
            else
            {
                created++;
                db.BudgetLines.Add(SaveBudgetLine.NewLine(db, user.CompanyId, draft!, refs));
            }
        }

        var report = new ImportReport(table.Value.Rows.Count, created, updated, errors, dryRun);
        if (errors.Count == 0 && !dryRun)
        {
            await db.SaveChangesAsync(ct);
            if (created >= 1000 && db.Database.IsNpgsql())
            {
                // A year's budget at once: fresh statistics, so the budget check's index seeks are planned right away.
                await db.Database.ExecuteSqlRawAsync("ANALYZE budget_lines", ct);
            }
        }

        return report;
    }

    /// <summary>The CSV header a field error belongs to: camelCase field names back to the file's column names.</summary>
    private static string Column(string? field) => field switch
    {
        null => "",
        "amount.amount" or "amount.currency" => "amount",
        "warnAtPercent" => "warn_at_percent",
        "glAccountGroup" => "gl_account_group",
        "ownerId" => "owner",
        _ => field,
    };

    private static BudgetDraft? Read(Validator v, IReadOnlyDictionary<string, string> row, BudgetRefs refs)
    {
        var period = refs.Period(v, row["period"]);

        Guid? Code(string column, BudgetRefs.Dimension dimension)
        {
            var code = row.Optional(column);
            if (code.Length == 0)
            {
                return null;
            }

            var id = dimension.ByCode(code);
            if (id is null)
            {
                v.Add(column, "not_found", $"{column} {code} is not an active code of this company.");
            }

            return id;
        }

        var department = Code("department", refs.Departments);
        var location = Code("location", refs.Locations);
        var costCenter = Code("cost_center", refs.CostCenters);
        var account = Code("gl_account", refs.GlAccounts);
        var project = Code("project", refs.Projects);
        var group = SaveBudgetLine.Group(v, row.Optional("gl_account_group"), account is not null);
        var warn = v.WholeNumber(row.Optional("warn_at_percent") is { Length: > 0 } w ? w : "90", "warnAtPercent");
        var control = row.Optional("control");
        var (amount, mode, warnAt) = refs.Terms(v, new MoneyDto(row["amount"], refs.Currency.Code), control.Length == 0 ? null : control, warn);
        Guid? owner = null;
        if (row.Optional("owner") is { Length: > 0 } email)
        {
            owner = refs.People.TryGetValue(email.ToLowerInvariant(), out var id) ? id : null;
            if (owner is null)
            {
                v.Add("owner", "not_found", $"owner {email} is not an active user of this company.");
            }
        }

        var name = v.Optional(row.Optional("name"), "name", 300);
        return v.IsValid ? new BudgetDraft(period!.Value, department, location, costCenter, account, group, project, amount, mode, warnAt, owner, name) : null;
    }

    private static string KeyOf(BudgetLine b) =>
        $"{b.PeriodStart:yyyy-MM-dd}/{b.PeriodEnd:yyyy-MM-dd}/{b.DepartmentId}/{b.LocationId}/{b.CostCenterId}/{b.GlAccountId}/{b.GlAccountPrefix}/{b.ProjectId}";

    private static string KeyOf(BudgetDraft d) =>
        $"{d.Period.Start:yyyy-MM-dd}/{d.Period.End:yyyy-MM-dd}/{d.DepartmentId}/{d.LocationId}/{d.CostCenterId}/{d.GlAccountId}/{d.GlAccountPrefix}/{d.ProjectId}";

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/budgets/import", async (TandemDb db, CurrentUser user, HttpRequest request, bool? dryRun, CancellationToken ct) =>
                ImportResults.From(await ImportAsync(db, user, request.Body, dryRun ?? false, ct)))
            .Accepts<string>("text/csv")
            .RequireRoles(SaveBudgetLine.Managers);
}
