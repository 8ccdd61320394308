using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>
/// Requisitions (lines, cost splits), the approval engine (policy versions as JSON documents, steps with their
/// approvers, delegations), in-app notifications, and exchange rates into the company currency.
/// </summary>
[DbContext(typeof(TandemDb))]
[Migration("20261122000004_Requisitions")]
public sealed class Requisitions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "exchange_rates",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                currency = table.Column<string>(name: "currency", maxLength: 3, nullable: false),
                validFrom = table.Column<DateOnly>(name: "valid_from", nullable: false),
                rateUnits = table.Column<long>(name: "rate_units", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_exchange_rates", x => x.id);
                table.ForeignKey(
                    name: "fk_exchange_rates_companies_company_id",
                    column: x => x.companyId,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "approval_policy_versions",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                number = table.Column<int>(name: "number", nullable: false),
                document = table.Column<string>(name: "document", maxLength: 1000000, nullable: false),
                createdById = table.Column<Guid>(name: "created_by_id", nullable: true),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_approval_policy_versions", x => x.id);
                table.ForeignKey(
                    name: "fk_approval_policy_versions_companies_company_id",
                    column: x => x.companyId,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_approval_policy_versions_users_created_by_id",
                    column: x => x.createdById,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "delegations",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                fromUserId = table.Column<Guid>(name: "from_user_id", nullable: false),
                toUserId = table.Column<Guid>(name: "to_user_id", nullable: false),
                startsOn = table.Column<DateOnly>(name: "starts_on", nullable: false),
                endsOn = table.Column<DateOnly>(name: "ends_on", nullable: false),
                reason = table.Column<string>(name: "reason", maxLength: 500, nullable: true),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
                revokedAtUtc = table.Column<DateTime>(name: "revoked_at_utc", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_delegations", x => x.id);
                table.ForeignKey(
                    name: "fk_delegations_companies_company_id",
                    column: x => x.companyId,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_delegations_users_from_user_id",
                    column: x => x.fromUserId,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_delegations_users_to_user_id",
                    column: x => x.toUserId,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "notifications",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                userId = table.Column<Guid>(name: "user_id", nullable: false),
                text = table.Column<string>(name: "text", maxLength: 500, nullable: false),
                link = table.Column<string>(name: "link", maxLength: 300, nullable: true),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
                readAtUtc = table.Column<DateTime>(name: "read_at_utc", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_notifications", x => x.id);
                table.ForeignKey(
                    name: "fk_notifications_users_user_id",
                    column: x => x.userId,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "requisitions",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                number = table.Column<string>(name: "number", maxLength: 30, nullable: false),
                title = table.Column<string>(name: "title", maxLength: 200, nullable: false),
                justification = table.Column<string>(name: "justification", maxLength: 4000, nullable: true),
                requesterId = table.Column<Guid>(name: "requester_id", nullable: false),
                onBehalfOfId = table.Column<Guid>(name: "on_behalf_of_id", nullable: true),
                shipToLocationId = table.Column<Guid>(name: "ship_to_location_id", nullable: true),
                currency = table.Column<string>(name: "currency", maxLength: 3, nullable: false),
                status = table.Column<string>(name: "status", maxLength: 20, nullable: false),
                totalMinor = table.Column<long>(name: "total_minor", nullable: false),
                companyTotalMinor = table.Column<long>(name: "company_total_minor", nullable: true),
                approvedTotalMinor = table.Column<long>(name: "approved_total_minor", nullable: true),
                flags = table.Column<string>(name: "flags", maxLength: 400, nullable: false),
                policyVersionId = table.Column<Guid>(name: "policy_version_id", nullable: true),
                round = table.Column<int>(name: "round", nullable: false),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
                submittedAtUtc = table.Column<DateTime>(name: "submitted_at_utc", nullable: true),
                decidedAtUtc = table.Column<DateTime>(name: "decided_at_utc", nullable: true),
                statusReason = table.Column<string>(name: "status_reason", maxLength: 2000, nullable: true),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_requisitions", x => x.id);
                table.ForeignKey(
                    name: "fk_requisitions_approval_policy_versions_policy_version_id",
                    column: x => x.policyVersionId,
                    principalTable: "approval_policy_versions",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_requisitions_companies_company_id",
                    column: x => x.companyId,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_requisitions_locations_ship_to_location_id",
                    column: x => x.shipToLocationId,
                    principalTable: "locations",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_requisitions_users_on_behalf_of_id",
                    column: x => x.onBehalfOfId,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_requisitions_users_requester_id",
                    column: x => x.requesterId,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "approval_steps",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                requisitionId = table.Column<Guid>(name: "requisition_id", nullable: false),
                round = table.Column<int>(name: "round", nullable: false),
                sequence = table.Column<int>(name: "sequence", nullable: false),
                level = table.Column<int>(name: "level", nullable: false),
                mode = table.Column<string>(name: "mode", maxLength: 10, nullable: false),
                ruleName = table.Column<string>(name: "rule_name", maxLength: 200, nullable: false),
                explanation = table.Column<string>(name: "explanation", maxLength: 2000, nullable: false),
                status = table.Column<string>(name: "status", maxLength: 10, nullable: false),
                dueBusinessDays = table.Column<int>(name: "due_business_days", nullable: false),
                activatedAtUtc = table.Column<DateTime>(name: "activated_at_utc", nullable: true),
                dueAtUtc = table.Column<DateTime>(name: "due_at_utc", nullable: true),
                escalatesAtUtc = table.Column<DateTime>(name: "escalates_at_utc", nullable: true),
                remindedAtUtc = table.Column<DateTime>(name: "reminded_at_utc", nullable: true),
                escalatedAtUtc = table.Column<DateTime>(name: "escalated_at_utc", nullable: true),
                completedAtUtc = table.Column<DateTime>(name: "completed_at_utc", nullable: true),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_approval_steps", x => x.id);
                table.ForeignKey(
                    name: "fk_approval_steps_requisitions_requisition_id",
                    column: x => x.requisitionId,
                    principalTable: "requisitions",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "requisition_lines",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                requisitionId = table.Column<Guid>(name: "requisition_id", nullable: false),
                lineNo = table.Column<int>(name: "line_no", nullable: false),
                itemId = table.Column<Guid>(name: "item_id", nullable: true),
                offerId = table.Column<Guid>(name: "offer_id", nullable: true),
                description = table.Column<string>(name: "description", maxLength: 1000, nullable: false),
                categoryId = table.Column<Guid>(name: "category_id", nullable: true),
                vendorId = table.Column<Guid>(name: "vendor_id", nullable: true),
                quantityUnits = table.Column<long>(name: "quantity_units", nullable: false),
                unit = table.Column<string>(name: "unit", maxLength: 20, nullable: false),
                unitPriceMicros = table.Column<long>(name: "unit_price_micros", nullable: false),
                amountMinor = table.Column<long>(name: "amount_minor", nullable: false),
                needBy = table.Column<DateOnly>(name: "need_by", nullable: true),
                glAccountId = table.Column<Guid>(name: "gl_account_id", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_requisition_lines", x => x.id);
                table.ForeignKey(
                    name: "fk_requisition_lines_categories_category_id",
                    column: x => x.categoryId,
                    principalTable: "categories",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_requisition_lines_gl_accounts_gl_account_id",
                    column: x => x.glAccountId,
                    principalTable: "gl_accounts",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_requisition_lines_items_item_id",
                    column: x => x.itemId,
                    principalTable: "items",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_requisition_lines_offers_offer_id",
                    column: x => x.offerId,
                    principalTable: "offers",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_requisition_lines_requisitions_requisition_id",
                    column: x => x.requisitionId,
                    principalTable: "requisitions",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "fk_requisition_lines_vendors_vendor_id",
                    column: x => x.vendorId,
                    principalTable: "vendors",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "approval_assignments",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                stepId = table.Column<Guid>(name: "step_id", nullable: false),
                userId = table.Column<Guid>(name: "user_id", nullable: false),
                source = table.Column<string>(name: "source", maxLength: 20, nullable: false),
                decision = table.Column<string>(name: "decision", maxLength: 20, nullable: true),
                decidedAtUtc = table.Column<DateTime>(name: "decided_at_utc", nullable: true),
                decidedById = table.Column<Guid>(name: "decided_by_id", nullable: true),
                comment = table.Column<string>(name: "comment", maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_approval_assignments", x => x.id);
                table.ForeignKey(
                    name: "fk_approval_assignments_approval_steps_step_id",
                    column: x => x.stepId,
                    principalTable: "approval_steps",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "fk_approval_assignments_users_decided_by_id",
                    column: x => x.decidedById,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_approval_assignments_users_user_id",
                    column: x => x.userId,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "requisition_splits",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                requisitionId = table.Column<Guid>(name: "requisition_id", nullable: false),
                lineId = table.Column<Guid>(name: "line_id", nullable: true),
                position = table.Column<int>(name: "position", nullable: false),
                departmentId = table.Column<Guid>(name: "department_id", nullable: false),
                locationId = table.Column<Guid>(name: "location_id", nullable: true),
                costCenterId = table.Column<Guid>(name: "cost_center_id", nullable: true),
                glAccountId = table.Column<Guid>(name: "gl_account_id", nullable: true),
                projectId = table.Column<Guid>(name: "project_id", nullable: true),
                percentUnits = table.Column<long>(name: "percent_units", nullable: true),
                amountMinor = table.Column<long>(name: "amount_minor", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_requisition_splits", x => x.id);
                table.ForeignKey(
                    name: "fk_requisition_splits_cost_centers_cost_center_id",
                    column: x => x.costCenterId,
                    principalTable: "cost_centers",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_requisition_splits_departments_department_id",
                    column: x => x.departmentId,
                    principalTable: "departments",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_requisition_splits_gl_accounts_gl_account_id",
                    column: x => x.glAccountId,
                    principalTable: "gl_accounts",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_requisition_splits_locations_location_id",
                    column: x => x.locationId,
                    principalTable: "locations",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_requisition_splits_projects_project_id",
                    column: x => x.projectId,
                    principalTable: "projects",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_requisition_splits_requisition_lines_line_id",
                    column: x => x.lineId,
                    principalTable: "requisition_lines",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "fk_requisition_splits_requisitions_requisition_id",
                    column: x => x.requisitionId,
                    principalTable: "requisitions",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "ix_approval_assignments_decided_by_id",
            table: "approval_assignments",
            column: "decided_by_id");

        migrationBuilder.CreateIndex(
            name: "ix_approval_assignments_step_id",
            table: "approval_assignments",
            column: "step_id");

        migrationBuilder.CreateIndex(
            name: "ix_approval_assignments_user_id_step_id",
            table: "approval_assignments",
            columns: new[] { "user_id", "step_id" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_approval_policy_versions_company_id_number",
            table: "approval_policy_versions",
            columns: new[] { "company_id", "number" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_approval_policy_versions_created_by_id",
            table: "approval_policy_versions",
            column: "created_by_id");

        migrationBuilder.CreateIndex(
            name: "ix_approval_steps_company_id_status_due_at_utc",
            table: "approval_steps",
            columns: new[] { "company_id", "status", "due_at_utc" });

        migrationBuilder.CreateIndex(
            name: "ix_approval_steps_requisition_id_round_sequence",
            table: "approval_steps",
            columns: new[] { "requisition_id", "round", "sequence" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_delegations_company_id_from_user_id_starts_on",
            table: "delegations",
            columns: new[] { "company_id", "from_user_id", "starts_on" });

        migrationBuilder.CreateIndex(
            name: "ix_delegations_company_id_to_user_id_starts_on",
            table: "delegations",
            columns: new[] { "company_id", "to_user_id", "starts_on" });

        migrationBuilder.CreateIndex(
            name: "ix_delegations_from_user_id",
            table: "delegations",
            column: "from_user_id");

        migrationBuilder.CreateIndex(
            name: "ix_delegations_to_user_id",
            table: "delegations",
            column: "to_user_id");

        migrationBuilder.CreateIndex(
            name: "ix_exchange_rates_company_id_currency_valid_from",
            table: "exchange_rates",
            columns: new[] { "company_id", "currency", "valid_from" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_notifications_user_id_read_at_utc_created_at_utc",
            table: "notifications",
            columns: new[] { "user_id", "read_at_utc", "created_at_utc" });

        migrationBuilder.CreateIndex(
            name: "ix_requisition_lines_category_id",
            table: "requisition_lines",
            column: "category_id");

        migrationBuilder.CreateIndex(
            name: "ix_requisition_lines_gl_account_id",
            table: "requisition_lines",
            column: "gl_account_id");

        migrationBuilder.CreateIndex(
            name: "ix_requisition_lines_item_id",
            table: "requisition_lines",
            column: "item_id");

        migrationBuilder.CreateIndex(
            name: "ix_requisition_lines_offer_id",
            table: "requisition_lines",
            column: "offer_id");

        migrationBuilder.CreateIndex(
            name: "ix_requisition_lines_requisition_id_line_no",
            table: "requisition_lines",
            columns: new[] { "requisition_id", "line_no" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_requisition_lines_vendor_id",
            table: "requisition_lines",
            column: "vendor_id");

        migrationBuilder.CreateIndex(
            name: "ix_requisition_splits_cost_center_id",
            table: "requisition_splits",
            column: "cost_center_id");

        migrationBuilder.CreateIndex(
            name: "ix_requisition_splits_department_id",
            table: "requisition_splits",
            column: "department_id");

        migrationBuilder.CreateIndex(
            name: "ix_requisition_splits_gl_account_id",
            table: "requisition_splits",
            column: "gl_account_id");

        migrationBuilder.CreateIndex(
            name: "ix_requisition_splits_line_id",
            table: "requisition_splits",
            column: "line_id");

        migrationBuilder.CreateIndex(
            name: "ix_requisition_splits_location_id",
            table: "requisition_splits",
            column: "location_id");

        migrationBuilder.CreateIndex(
            name: "ix_requisition_splits_project_id",
            table: "requisition_splits",
            column: "project_id");

        migrationBuilder.CreateIndex(
            name: "ix_requisition_splits_requisition_id_line_id_position",
            table: "requisition_splits",
            columns: new[] { "requisition_id", "line_id", "position" });

        migrationBuilder.CreateIndex(
            name: "ix_requisitions_company_id_number",
            table: "requisitions",
            columns: new[] { "company_id", "number" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_requisitions_company_id_requester_id_status",
            table: "requisitions",
            columns: new[] { "company_id", "requester_id", "status" });

        migrationBuilder.CreateIndex(
            name: "ix_requisitions_company_id_status",
            table: "requisitions",
            columns: new[] { "company_id", "status" });

        migrationBuilder.CreateIndex(
            name: "ix_requisitions_on_behalf_of_id",
            table: "requisitions",
            column: "on_behalf_of_id");

        migrationBuilder.CreateIndex(
            name: "ix_requisitions_policy_version_id",
            table: "requisitions",
            column: "policy_version_id");

        migrationBuilder.CreateIndex(
            name: "ix_requisitions_requester_id",
            table: "requisitions",
            column: "requester_id");

        migrationBuilder.CreateIndex(
            name: "ix_requisitions_ship_to_location_id",
            table: "requisitions",
            column: "ship_to_location_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "requisition_splits");
        migrationBuilder.DropTable(name: "approval_assignments");
        migrationBuilder.DropTable(name: "requisition_lines");
        migrationBuilder.DropTable(name: "approval_steps");
        migrationBuilder.DropTable(name: "requisitions");
        migrationBuilder.DropTable(name: "notifications");
        migrationBuilder.DropTable(name: "delegations");
        migrationBuilder.DropTable(name: "approval_policy_versions");
        migrationBuilder.DropTable(name: "exchange_rates");
    }
}
