using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>Budget lines, the consumption ledger documents write (ADR 0016), adjustments (revisions, reallocations) and spending limits.</summary>
[DbContext(typeof(TandemDb))]
[Migration("20261130000006_Budgets")]
public sealed class Budgets : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "budget_lines",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                name = table.Column<string>(name: "name", maxLength: 300, nullable: false),
                periodKind = table.Column<string>(name: "period_kind", maxLength: 10, nullable: false),
                periodStart = table.Column<DateOnly>(name: "period_start", nullable: false),
                periodEnd = table.Column<DateOnly>(name: "period_end", nullable: false),
                departmentId = table.Column<Guid>(name: "department_id", nullable: true),
                locationId = table.Column<Guid>(name: "location_id", nullable: true),
                costCenterId = table.Column<Guid>(name: "cost_center_id", nullable: true),
                glAccountId = table.Column<Guid>(name: "gl_account_id", nullable: true),
                glAccountPrefix = table.Column<string>(name: "gl_account_prefix", maxLength: 20, nullable: true),
                projectId = table.Column<Guid>(name: "project_id", nullable: true),
                currency = table.Column<string>(name: "currency", maxLength: 3, nullable: false),
                amountMinor = table.Column<long>(name: "amount_minor", nullable: false),
                control = table.Column<string>(name: "control", maxLength: 10, nullable: false),
                warnAtPercent = table.Column<int>(name: "warn_at_percent", nullable: false),
                ownerId = table.Column<Guid>(name: "owner_id", nullable: true),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_budget_lines", x => x.id);
                table.ForeignKey("fk_budget_lines_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_budget_lines_departments_department_id", x => x.departmentId, "departments", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_budget_lines_locations_location_id", x => x.locationId, "locations", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_budget_lines_cost_centers_cost_center_id", x => x.costCenterId, "cost_centers", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_budget_lines_gl_accounts_gl_account_id", x => x.glAccountId, "gl_accounts", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_budget_lines_projects_project_id", x => x.projectId, "projects", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_budget_lines_users_owner_id", x => x.ownerId, "users", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "budget_consumptions",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                budgetLineId = table.Column<Guid>(name: "budget_line_id", nullable: false),
                documentType = table.Column<string>(name: "document_type", maxLength: 30, nullable: false),
                documentId = table.Column<Guid>(name: "document_id", nullable: false),
                documentNumber = table.Column<string>(name: "document_number", maxLength: 30, nullable: false),
                lineNo = table.Column<int>(name: "line_no", nullable: false),
                kind = table.Column<string>(name: "kind", maxLength: 15, nullable: false),
                amountMinor = table.Column<long>(name: "amount_minor", nullable: false),
                recordedAtUtc = table.Column<DateTime>(name: "recorded_at_utc", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_budget_consumptions", x => x.id);
                table.ForeignKey("fk_budget_consumptions_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_budget_consumptions_budget_lines_budget_line_id", x => x.budgetLineId, "budget_lines", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "budget_adjustments",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                budgetLineId = table.Column<Guid>(name: "budget_line_id", nullable: false),
                kind = table.Column<string>(name: "kind", maxLength: 20, nullable: false),
                beforeMinor = table.Column<long>(name: "before_minor", nullable: false),
                afterMinor = table.Column<long>(name: "after_minor", nullable: false),
                counterpartId = table.Column<Guid>(name: "counterpart_id", nullable: true),
                reason = table.Column<string>(name: "reason", maxLength: 1000, nullable: false),
                byId = table.Column<Guid>(name: "by_id", nullable: true),
                atUtc = table.Column<DateTime>(name: "at_utc", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_budget_adjustments", x => x.id);
                table.ForeignKey("fk_budget_adjustments_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_budget_adjustments_budget_lines_budget_line_id", x => x.budgetLineId, "budget_lines", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_budget_adjustments_budget_lines_counterpart_id", x => x.counterpartId, "budget_lines", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_budget_adjustments_users_by_id", x => x.byId, "users", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "spending_limits",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                userId = table.Column<Guid>(name: "user_id", nullable: true),
                role = table.Column<string>(name: "role", maxLength: 20, nullable: true),
                perDocumentMinor = table.Column<long>(name: "per_document_minor", nullable: true),
                perMonthMinor = table.Column<long>(name: "per_month_minor", nullable: true),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_spending_limits", x => x.id);
                table.ForeignKey("fk_spending_limits_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_spending_limits_users_user_id", x => x.userId, "users", "id", onDelete: ReferentialAction.Restrict);
            });

        Index(migrationBuilder, "budget_lines", "company_id", "period_start", "period_end");
        // Named: the default name passes PostgreSQL's 63-character limit. The budget check seeks it (BudgetLedger.LinesAsync).
        migrationBuilder.CreateIndex(name: "ix_budget_lines_dimensions", table: "budget_lines", columns: ["company_id", "department_id", "gl_account_id", "period_start"]);
        Index(migrationBuilder, "budget_lines", "department_id");
        Index(migrationBuilder, "budget_lines", "location_id");
        Index(migrationBuilder, "budget_lines", "cost_center_id");
        Index(migrationBuilder, "budget_lines", "gl_account_id");
        Index(migrationBuilder, "budget_lines", "project_id");
        Index(migrationBuilder, "budget_lines", "owner_id");
        Index(migrationBuilder, "budget_consumptions", "budget_line_id", "kind", "amount_minor");
        Index(migrationBuilder, "budget_consumptions", "document_type", "document_id");
        Index(migrationBuilder, "budget_consumptions", "company_id");
        Index(migrationBuilder, "budget_adjustments", "budget_line_id", "at_utc");
        Index(migrationBuilder, "budget_adjustments", "company_id");
        Index(migrationBuilder, "budget_adjustments", "counterpart_id");
        Index(migrationBuilder, "budget_adjustments", "by_id");
        Index(migrationBuilder, "spending_limits", "company_id", "user_id");
        Index(migrationBuilder, "spending_limits", "company_id", "role");
        Index(migrationBuilder, "spending_limits", "user_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "spending_limits");
        migrationBuilder.DropTable(name: "budget_adjustments");
        migrationBuilder.DropTable(name: "budget_consumptions");
        migrationBuilder.DropTable(name: "budget_lines");
    }

    private static void Index(MigrationBuilder b, string table, params string[] columns) =>
        b.CreateIndex(name: $"ix_{table}_{string.Join('_', columns)}", table: table, columns: columns);
}
