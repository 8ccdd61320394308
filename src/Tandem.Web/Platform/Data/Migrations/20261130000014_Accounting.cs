using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>
/// Accounting: journal entries and lines (one entry per source), journal exports, accounting periods, the payables
/// accounts; consolidated billing: billing groups, bills and their items (one bill per invoice, ever).
/// </summary>
[DbContext(typeof(TandemDb))]
[Migration("20261130000014_Accounting")]
public sealed class Accounting : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "journal_exports",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                number = table.Column<string>(name: "number", maxLength: 30, nullable: false),
                upTo = table.Column<DateOnly>(name: "up_to", nullable: false),
                entryCount = table.Column<int>(name: "entry_count", nullable: false),
                createdById = table.Column<Guid>(name: "created_by_id", nullable: false),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_journal_exports", x => x.id);
                table.ForeignKey("fk_journal_exports_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_journal_exports_users_created_by_id", x => x.createdById, "users", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_journal_exports_company_id_number", table: "journal_exports", columns: ["company_id", "number"], unique: true);
        migrationBuilder.CreateIndex(name: "ix_journal_exports_created_by_id", table: "journal_exports", column: "created_by_id");

        migrationBuilder.CreateTable(
            name: "journal_entries",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                entryDate = table.Column<DateOnly>(name: "entry_date", nullable: false),
                currency = table.Column<string>(name: "currency", maxLength: 3, nullable: false),
                sourceKind = table.Column<string>(name: "source_kind", maxLength: 20, nullable: false),
                sourceId = table.Column<Guid>(name: "source_id", nullable: false),
                sourceNumber = table.Column<string>(name: "source_number", maxLength: 50, nullable: false),
                memo = table.Column<string>(name: "memo", maxLength: 300, nullable: false),
                exportId = table.Column<Guid>(name: "export_id", nullable: true),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_journal_entries", x => x.id);
                table.ForeignKey("fk_journal_entries_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_journal_entries_journal_exports_export_id", x => x.exportId, "journal_exports", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_journal_entries_company_id_source_kind_source_id", table: "journal_entries", columns: ["company_id", "source_kind", "source_id"], unique: true);
        migrationBuilder.CreateIndex(name: "ix_journal_entries_company_id_export_id_entry_date", table: "journal_entries", columns: ["company_id", "export_id", "entry_date"]);
        migrationBuilder.CreateIndex(name: "ix_journal_entries_export_id", table: "journal_entries", column: "export_id");

        migrationBuilder.CreateTable(
            name: "journal_lines",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                entryId = table.Column<Guid>(name: "entry_id", nullable: false),
                lineNo = table.Column<int>(name: "line_no", nullable: false),
                glAccountId = table.Column<Guid>(name: "gl_account_id", nullable: false),
                departmentId = table.Column<Guid>(name: "department_id", nullable: true),
                costCenterId = table.Column<Guid>(name: "cost_center_id", nullable: true),
                projectId = table.Column<Guid>(name: "project_id", nullable: true),
                debitMinor = table.Column<long>(name: "debit_minor", nullable: false),
                creditMinor = table.Column<long>(name: "credit_minor", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_journal_lines", x => x.id);
                table.ForeignKey("fk_journal_lines_journal_entries_entry_id", x => x.entryId, "journal_entries", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_journal_lines_gl_accounts_gl_account_id", x => x.glAccountId, "gl_accounts", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_journal_lines_departments_department_id", x => x.departmentId, "departments", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_journal_lines_cost_centers_cost_center_id", x => x.costCenterId, "cost_centers", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_journal_lines_projects_project_id", x => x.projectId, "projects", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_journal_lines_entry_id_line_no", table: "journal_lines", columns: ["entry_id", "line_no"], unique: true);
        foreach (var column in new[] { "gl_account_id", "department_id", "cost_center_id", "project_id" })
        {
            migrationBuilder.CreateIndex(name: $"ix_journal_lines_{column}", table: "journal_lines", column: column);
        }

        migrationBuilder.CreateTable(
            name: "accounting_periods",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                period = table.Column<string>(name: "period", maxLength: 7, nullable: false),
                status = table.Column<string>(name: "status", maxLength: 10, nullable: false),
                closedById = table.Column<Guid>(name: "closed_by_id", nullable: true),
                closedAtUtc = table.Column<DateTime>(name: "closed_at_utc", nullable: true),
                reopenReason = table.Column<string>(name: "reopen_reason", maxLength: 500, nullable: true),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_accounting_periods", x => x.id);
                table.ForeignKey("fk_accounting_periods_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_accounting_periods_users_closed_by_id", x => x.closedById, "users", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_accounting_periods_company_id_period", table: "accounting_periods", columns: ["company_id", "period"], unique: true);
        migrationBuilder.CreateIndex(name: "ix_accounting_periods_closed_by_id", table: "accounting_periods", column: "closed_by_id");

        migrationBuilder.CreateTable(
            name: "accounting_settings",
            columns: table => new
            {
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                payablesAccountId = table.Column<Guid>(name: "payables_account_id", nullable: true),
                taxAccountId = table.Column<Guid>(name: "tax_account_id", nullable: true),
                cashAccountId = table.Column<Guid>(name: "cash_account_id", nullable: true),
                discountsAccountId = table.Column<Guid>(name: "discounts_account_id", nullable: true),
                accrualsAccountId = table.Column<Guid>(name: "accruals_account_id", nullable: true),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_accounting_settings", x => x.companyId);
                table.ForeignKey("fk_accounting_settings_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_accounting_settings_gl_accounts_payables_account_id", x => x.payablesAccountId, "gl_accounts", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_accounting_settings_gl_accounts_tax_account_id", x => x.taxAccountId, "gl_accounts", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_accounting_settings_gl_accounts_cash_account_id", x => x.cashAccountId, "gl_accounts", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_accounting_settings_gl_accounts_discounts_account_id", x => x.discountsAccountId, "gl_accounts", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_accounting_settings_gl_accounts_accruals_account_id", x => x.accrualsAccountId, "gl_accounts", "id", onDelete: ReferentialAction.Restrict);
            });
        foreach (var column in new[] { "payables_account_id", "tax_account_id", "cash_account_id", "discounts_account_id", "accruals_account_id" })
        {
            migrationBuilder.CreateIndex(name: $"ix_accounting_settings_{column}", table: "accounting_settings", column: column);
        }

        Billing(migrationBuilder);
    }

    private static void Billing(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "billing_groups",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                name = table.Column<string>(name: "name", maxLength: 100, nullable: false),
                scope = table.Column<string>(name: "scope", maxLength: 20, nullable: false),
                scopeId = table.Column<Guid>(name: "scope_id", nullable: true),
                cycle = table.Column<string>(name: "cycle", maxLength: 10, nullable: false),
                ownerId = table.Column<Guid>(name: "owner_id", nullable: false),
                active = table.Column<bool>(name: "active", nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_billing_groups", x => x.id);
                table.ForeignKey("fk_billing_groups_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_billing_groups_users_owner_id", x => x.ownerId, "users", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_billing_groups_company_id_name", table: "billing_groups", columns: ["company_id", "name"], unique: true);
        migrationBuilder.CreateIndex(name: "ix_billing_groups_owner_id", table: "billing_groups", column: "owner_id");

        migrationBuilder.CreateTable(
            name: "consolidated_bills",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                groupId = table.Column<Guid>(name: "group_id", nullable: false),
                number = table.Column<string>(name: "number", maxLength: 30, nullable: false),
                periodFrom = table.Column<DateOnly>(name: "period_from", nullable: false),
                periodTo = table.Column<DateOnly>(name: "period_to", nullable: false),
                status = table.Column<string>(name: "status", maxLength: 10, nullable: false),
                invoiceCount = table.Column<int>(name: "invoice_count", nullable: false),
                netMinor = table.Column<long>(name: "net_minor", nullable: false),
                taxMinor = table.Column<long>(name: "tax_minor", nullable: false),
                contentHash = table.Column<string>(name: "content_hash", maxLength: 64, nullable: false),
                builtAtUtc = table.Column<DateTime>(name: "built_at_utc", nullable: false),
                approvedById = table.Column<Guid>(name: "approved_by_id", nullable: true),
                approvedAtUtc = table.Column<DateTime>(name: "approved_at_utc", nullable: true),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_consolidated_bills", x => x.id);
                table.ForeignKey("fk_consolidated_bills_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_consolidated_bills_billing_groups_group_id", x => x.groupId, "billing_groups", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_consolidated_bills_users_approved_by_id", x => x.approvedById, "users", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_consolidated_bills_company_id_number", table: "consolidated_bills", columns: ["company_id", "number"], unique: true);
        migrationBuilder.CreateIndex(name: "ix_consolidated_bills_group_id_period_from", table: "consolidated_bills", columns: ["group_id", "period_from"], unique: true);
        migrationBuilder.CreateIndex(name: "ix_consolidated_bills_approved_by_id", table: "consolidated_bills", column: "approved_by_id");

        migrationBuilder.CreateTable(
            name: "consolidated_bill_items",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                billId = table.Column<Guid>(name: "bill_id", nullable: false),
                invoiceId = table.Column<Guid>(name: "invoice_id", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_consolidated_bill_items", x => x.id);
                table.ForeignKey("fk_consolidated_bill_items_consolidated_bills_bill_id", x => x.billId, "consolidated_bills", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_consolidated_bill_items_invoices_invoice_id", x => x.invoiceId, "invoices", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_consolidated_bill_items_invoice_id", table: "consolidated_bill_items", column: "invoice_id", unique: true);
        migrationBuilder.CreateIndex(name: "ix_consolidated_bill_items_bill_id", table: "consolidated_bill_items", column: "bill_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "consolidated_bill_items");
        migrationBuilder.DropTable(name: "consolidated_bills");
        migrationBuilder.DropTable(name: "billing_groups");
        migrationBuilder.DropTable(name: "accounting_settings");
        migrationBuilder.DropTable(name: "accounting_periods");
        migrationBuilder.DropTable(name: "journal_lines");
        migrationBuilder.DropTable(name: "journal_entries");
        migrationBuilder.DropTable(name: "journal_exports");
    }
}
