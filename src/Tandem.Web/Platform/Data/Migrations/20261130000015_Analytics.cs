using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>
/// Spend analytics: one fact per charged document line split (ADR 0021), the review-pack settings and recipients, and
/// the savings buyers record by hand. Existing documents get their facts from the spend backfill job on the first run
/// after the upgrade (it computes them as the application does, which SQL alone cannot).
/// </summary>
[DbContext(typeof(TandemDb))]
[Migration("20261130000015_Analytics")]
public sealed class Analytics : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "spend_facts",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                kind = table.Column<string>(name: "kind", maxLength: 15, nullable: false),
                documentType = table.Column<string>(name: "document_type", maxLength: 30, nullable: false),
                documentId = table.Column<Guid>(name: "document_id", nullable: false),
                documentNumber = table.Column<string>(name: "document_number", maxLength: 30, nullable: false),
                lineNo = table.Column<int>(name: "line_no", nullable: false),
                splitNo = table.Column<int>(name: "split_no", nullable: false),
                day = table.Column<DateOnly>(name: "day", nullable: false),
                departmentId = table.Column<Guid>(name: "department_id", nullable: false),
                locationId = table.Column<Guid>(name: "location_id", nullable: true),
                costCenterId = table.Column<Guid>(name: "cost_center_id", nullable: true),
                glAccountId = table.Column<Guid>(name: "gl_account_id", nullable: true),
                projectId = table.Column<Guid>(name: "project_id", nullable: true),
                vendorId = table.Column<Guid>(name: "vendor_id", nullable: true),
                categoryId = table.Column<Guid>(name: "category_id", nullable: true),
                onPurchaseOrder = table.Column<bool>(name: "on_purchase_order", nullable: false),
                catalog = table.Column<bool>(name: "catalog", nullable: false),
                preferred = table.Column<bool>(name: "preferred", nullable: false),
                amountMinor = table.Column<long>(name: "amount_minor", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_spend_facts", x => x.id);
                table.ForeignKey("fk_spend_facts_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_spend_facts_company_id_kind_day", table: "spend_facts", columns: ["company_id", "kind", "day"]);
        migrationBuilder.CreateIndex(name: "ix_spend_facts_document_id_line_no_split_no", table: "spend_facts", columns: ["document_id", "line_no", "split_no"], unique: true);

        migrationBuilder.CreateTable(
            name: "spend_rollups",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                kind = table.Column<string>(name: "kind", maxLength: 15, nullable: false),
                day = table.Column<DateOnly>(name: "day", nullable: false),
                departmentId = table.Column<Guid>(name: "department_id", nullable: false),
                locationId = table.Column<Guid>(name: "location_id", nullable: true),
                costCenterId = table.Column<Guid>(name: "cost_center_id", nullable: true),
                glAccountId = table.Column<Guid>(name: "gl_account_id", nullable: true),
                projectId = table.Column<Guid>(name: "project_id", nullable: true),
                vendorId = table.Column<Guid>(name: "vendor_id", nullable: true),
                categoryId = table.Column<Guid>(name: "category_id", nullable: true),
                onPurchaseOrder = table.Column<bool>(name: "on_purchase_order", nullable: false),
                catalog = table.Column<bool>(name: "catalog", nullable: false),
                preferred = table.Column<bool>(name: "preferred", nullable: false),
                amountMinor = table.Column<long>(name: "amount_minor", nullable: false),
                facts = table.Column<int>(name: "facts", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_spend_rollups", x => x.id);
                table.ForeignKey("fk_spend_rollups_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_spend_rollups_company_id_day_kind", table: "spend_rollups", columns: ["company_id", "day", "kind"]);

        migrationBuilder.CreateTable(
            name: "spend_dirty_months",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                month = table.Column<DateOnly>(name: "month", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_spend_dirty_months", x => x.id);
                table.ForeignKey("fk_spend_dirty_months_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_spend_dirty_months_company_id_month", table: "spend_dirty_months", columns: ["company_id", "month"]);

        migrationBuilder.CreateTable(
            name: "analytics_settings",
            columns: table => new
            {
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                reviewThresholdMinor = table.Column<long>(name: "review_threshold_minor", nullable: false),
                reviewWeekday = table.Column<string>(name: "review_weekday", maxLength: 10, nullable: false),
                reviewWeeksAhead = table.Column<int>(name: "review_weeks_ahead", nullable: false),
                reviewExceptionDays = table.Column<int>(name: "review_exception_days", nullable: false),
                reviewSentOn = table.Column<DateOnly>(name: "review_sent_on", nullable: true),
                factsBuiltAtUtc = table.Column<DateTime>(name: "facts_built_at_utc", nullable: true),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_analytics_settings", x => x.companyId);
                table.ForeignKey("fk_analytics_settings_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "review_recipients",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                userId = table.Column<Guid>(name: "user_id", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_review_recipients", x => x.id);
                table.ForeignKey("fk_review_recipients_analytics_settings_company_id", x => x.companyId, "analytics_settings", "company_id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_review_recipients_users_user_id", x => x.userId, "users", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_review_recipients_company_id_user_id", table: "review_recipients", columns: ["company_id", "user_id"], unique: true);
        migrationBuilder.CreateIndex(name: "ix_review_recipients_user_id", table: "review_recipients", column: "user_id");

        migrationBuilder.CreateTable(
            name: "savings_records",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                kind = table.Column<string>(name: "kind", maxLength: 30, nullable: false),
                recordedOn = table.Column<DateOnly>(name: "recorded_on", nullable: false),
                amountMinor = table.Column<long>(name: "amount_minor", nullable: false),
                reason = table.Column<string>(name: "reason", maxLength: 2000, nullable: false),
                vendorId = table.Column<Guid>(name: "vendor_id", nullable: true),
                categoryId = table.Column<Guid>(name: "category_id", nullable: true),
                reference = table.Column<string>(name: "reference", maxLength: 60, nullable: true),
                recordedById = table.Column<Guid>(name: "recorded_by_id", nullable: false),
                recordedAtUtc = table.Column<DateTime>(name: "recorded_at_utc", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_savings_records", x => x.id);
                table.ForeignKey("fk_savings_records_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_savings_records_users_recorded_by_id", x => x.recordedById, "users", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_savings_records_vendors_vendor_id", x => x.vendorId, "vendors", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_savings_records_categories_category_id", x => x.categoryId, "categories", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_savings_records_company_id_recorded_on", table: "savings_records", columns: ["company_id", "recorded_on"]);
        migrationBuilder.CreateIndex(name: "ix_savings_records_recorded_by_id", table: "savings_records", column: "recorded_by_id");
        migrationBuilder.CreateIndex(name: "ix_savings_records_vendor_id", table: "savings_records", column: "vendor_id");
        migrationBuilder.CreateIndex(name: "ix_savings_records_category_id", table: "savings_records", column: "category_id");

        // The KPI windows read invoices, orders, approval steps and receipts by date.
        foreach (var (table, column) in KpiIndexes)
        {
            migrationBuilder.CreateIndex(name: $"ix_{table}_company_id_{column}", table: table, columns: ["company_id", column]);
        }
    }

    private static readonly (string Table, string Column)[] KpiIndexes =
    [
        ("invoices", "created_at_utc"), ("invoices", "ready_at_utc"), ("invoices", "paid_on"), ("invoices", "discount_date"), ("invoices", "invoice_date"),
        ("purchase_orders", "issued_at_utc"), ("purchase_orders", "issued_on"), ("approval_steps", "completed_at_utc"), ("receipts", "received_on"),
    ];

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var (table, column) in KpiIndexes)
        {
            migrationBuilder.DropIndex(name: $"ix_{table}_company_id_{column}", table: table);
        }

        migrationBuilder.DropTable(name: "savings_records");
        migrationBuilder.DropTable(name: "review_recipients");
        migrationBuilder.DropTable(name: "analytics_settings");
        migrationBuilder.DropTable(name: "spend_dirty_months");
        migrationBuilder.DropTable(name: "spend_rollups");
        migrationBuilder.DropTable(name: "spend_facts");
    }
}
