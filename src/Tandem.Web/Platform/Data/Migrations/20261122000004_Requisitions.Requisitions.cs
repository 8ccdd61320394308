using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

public sealed partial class Requisitions
{
    /// <summary>Requisitions with their lines and cost splits.</summary>
    private static void CreateRequisitionTables(MigrationBuilder migrationBuilder)
    {
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
}
