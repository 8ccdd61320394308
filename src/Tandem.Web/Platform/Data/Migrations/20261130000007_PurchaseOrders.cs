using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>Purchase orders (lines with their carried-over cost splits), purchasing settings, goods receipts and returns to vendors; e-mail attachments.</summary>
[DbContext(typeof(TandemDb))]
[Migration("20261130000007_PurchaseOrders")]
public sealed class PurchaseOrders : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<Guid>(name: "purchase_order_line_id", table: "requisition_lines", nullable: true);
        migrationBuilder.AddColumn<string>(name: "attachment_name", table: "outbox_emails", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<string>(name: "attachment_content_type", table: "outbox_emails", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<byte[]>(name: "attachment", table: "outbox_emails", nullable: true);

        migrationBuilder.CreateTable(
            name: "purchase_orders",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                number = table.Column<string>(name: "number", maxLength: 30, nullable: false),
                vendorId = table.Column<Guid>(name: "vendor_id", nullable: false),
                currency = table.Column<string>(name: "currency", maxLength: 3, nullable: false),
                rateUnits = table.Column<long>(name: "rate_units", nullable: false),
                status = table.Column<string>(name: "status", maxLength: 20, nullable: false),
                buyerId = table.Column<Guid>(name: "buyer_id", nullable: false),
                shipToLocationId = table.Column<Guid>(name: "ship_to_location_id", nullable: true),
                billToLocationId = table.Column<Guid>(name: "bill_to_location_id", nullable: true),
                paymentNetDays = table.Column<int>(name: "payment_net_days", nullable: false),
                paymentDiscountBasisPoints = table.Column<int>(name: "payment_discount_basis_points", nullable: false),
                paymentDiscountDays = table.Column<int>(name: "payment_discount_days", nullable: false),
                incoterms = table.Column<string>(name: "incoterms", maxLength: 3, nullable: true),
                notes = table.Column<string>(name: "notes", maxLength: 4000, nullable: true),
                subtotalMinor = table.Column<long>(name: "subtotal_minor", nullable: false),
                taxMinor = table.Column<long>(name: "tax_minor", nullable: false),
                totalMinor = table.Column<long>(name: "total_minor", nullable: false),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
                issuedAtUtc = table.Column<DateTime>(name: "issued_at_utc", nullable: true),
                issuedOn = table.Column<DateOnly>(name: "issued_on", nullable: true),
                acknowledgedAtUtc = table.Column<DateTime>(name: "acknowledged_at_utc", nullable: true),
                acknowledgedBy = table.Column<string>(name: "acknowledged_by", maxLength: 200, nullable: true),
                closedAtUtc = table.Column<DateTime>(name: "closed_at_utc", nullable: true),
                statusReason = table.Column<string>(name: "status_reason", maxLength: 2000, nullable: true),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_purchase_orders", x => x.id);
                table.ForeignKey("fk_purchase_orders_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_purchase_orders_vendors_vendor_id", x => x.vendorId, "vendors", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_purchase_orders_users_buyer_id", x => x.buyerId, "users", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_purchase_orders_locations_ship_to_location_id", x => x.shipToLocationId, "locations", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_purchase_orders_locations_bill_to_location_id", x => x.billToLocationId, "locations", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "purchase_order_lines",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                purchaseOrderId = table.Column<Guid>(name: "purchase_order_id", nullable: false),
                lineNo = table.Column<int>(name: "line_no", nullable: false),
                requisitionId = table.Column<Guid>(name: "requisition_id", nullable: true),
                requisitionLineId = table.Column<Guid>(name: "requisition_line_id", nullable: true),
                itemId = table.Column<Guid>(name: "item_id", nullable: true),
                offerId = table.Column<Guid>(name: "offer_id", nullable: true),
                description = table.Column<string>(name: "description", maxLength: 1000, nullable: false),
                categoryId = table.Column<Guid>(name: "category_id", nullable: true),
                quantityUnits = table.Column<long>(name: "quantity_units", nullable: false),
                unit = table.Column<string>(name: "unit", maxLength: 20, nullable: false),
                unitPriceMicros = table.Column<long>(name: "unit_price_micros", nullable: false),
                amountMinor = table.Column<long>(name: "amount_minor", nullable: false),
                taxRateBasisPoints = table.Column<int>(name: "tax_rate_basis_points", nullable: false),
                taxMinor = table.Column<long>(name: "tax_minor", nullable: false),
                needBy = table.Column<DateOnly>(name: "need_by", nullable: true),
                glAccountId = table.Column<Guid>(name: "gl_account_id", nullable: true),
                receiveBy = table.Column<string>(name: "receive_by", maxLength: 10, nullable: false),
                receivedNet = table.Column<long>(name: "received_net", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_purchase_order_lines", x => x.id);
                table.ForeignKey("fk_purchase_order_lines_purchase_orders_purchase_order_id", x => x.purchaseOrderId, "purchase_orders", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_purchase_order_lines_requisitions_requisition_id", x => x.requisitionId, "requisitions", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_purchase_order_lines_requisition_lines_requisition_line_id", x => x.requisitionLineId, "requisition_lines", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_purchase_order_lines_items_item_id", x => x.itemId, "items", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_purchase_order_lines_offers_offer_id", x => x.offerId, "offers", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_purchase_order_lines_categories_category_id", x => x.categoryId, "categories", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_purchase_order_lines_gl_accounts_gl_account_id", x => x.glAccountId, "gl_accounts", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "purchase_order_splits",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                purchaseOrderLineId = table.Column<Guid>(name: "purchase_order_line_id", nullable: false),
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
                table.PrimaryKey("pk_purchase_order_splits", x => x.id);
                table.ForeignKey("fk_purchase_order_splits_lines", x => x.purchaseOrderLineId, "purchase_order_lines", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_purchase_order_splits_departments_department_id", x => x.departmentId, "departments", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_purchase_order_splits_locations_location_id", x => x.locationId, "locations", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_purchase_order_splits_cost_centers_cost_center_id", x => x.costCenterId, "cost_centers", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_purchase_order_splits_gl_accounts_gl_account_id", x => x.glAccountId, "gl_accounts", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_purchase_order_splits_projects_project_id", x => x.projectId, "projects", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "purchasing_settings",
            columns: table => new
            {
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                overReceiptBasisPoints = table.Column<int>(name: "over_receipt_basis_points", nullable: false),
                autoOrderCatalog = table.Column<bool>(name: "auto_order_catalog", nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_purchasing_settings", x => x.companyId);
                table.ForeignKey("fk_purchasing_settings_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "receipts",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                number = table.Column<string>(name: "number", maxLength: 30, nullable: false),
                purchaseOrderId = table.Column<Guid>(name: "purchase_order_id", nullable: false),
                receivedOn = table.Column<DateOnly>(name: "received_on", nullable: false),
                receiverId = table.Column<Guid>(name: "receiver_id", nullable: false),
                deliveryNote = table.Column<string>(name: "delivery_note", maxLength: 100, nullable: true),
                notes = table.Column<string>(name: "notes", maxLength: 2000, nullable: true),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_receipts", x => x.id);
                table.ForeignKey("fk_receipts_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_receipts_purchase_orders_purchase_order_id", x => x.purchaseOrderId, "purchase_orders", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_receipts_users_receiver_id", x => x.receiverId, "users", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "receipt_lines",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                receiptId = table.Column<Guid>(name: "receipt_id", nullable: false),
                purchaseOrderLineId = table.Column<Guid>(name: "purchase_order_line_id", nullable: false),
                accepted = table.Column<long>(name: "accepted", nullable: false),
                rejected = table.Column<long>(name: "rejected", nullable: false),
                rejectReason = table.Column<string>(name: "reject_reason", maxLength: 500, nullable: true),
                returned = table.Column<long>(name: "returned", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_receipt_lines", x => x.id);
                table.ForeignKey("fk_receipt_lines_receipts_receipt_id", x => x.receiptId, "receipts", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_receipt_lines_purchase_order_lines_purchase_order_line_id", x => x.purchaseOrderLineId, "purchase_order_lines", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "vendor_returns",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                number = table.Column<string>(name: "number", maxLength: 30, nullable: false),
                receiptLineId = table.Column<Guid>(name: "receipt_line_id", nullable: false),
                purchaseOrderId = table.Column<Guid>(name: "purchase_order_id", nullable: false),
                quantity = table.Column<long>(name: "quantity", nullable: false),
                reason = table.Column<string>(name: "reason", maxLength: 500, nullable: false),
                returnedOn = table.Column<DateOnly>(name: "returned_on", nullable: false),
                byId = table.Column<Guid>(name: "by_id", nullable: false),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_vendor_returns", x => x.id);
                table.ForeignKey("fk_vendor_returns_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_vendor_returns_receipt_lines_receipt_line_id", x => x.receiptLineId, "receipt_lines", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_vendor_returns_purchase_orders_purchase_order_id", x => x.purchaseOrderId, "purchase_orders", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_vendor_returns_users_by_id", x => x.byId, "users", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(name: "ix_purchase_orders_company_id_number", table: "purchase_orders", columns: ["company_id", "number"], unique: true);
        Index(migrationBuilder, "purchase_orders", "company_id", "status");
        Index(migrationBuilder, "purchase_orders", "vendor_id", "status");
        Index(migrationBuilder, "purchase_orders", "buyer_id");
        Index(migrationBuilder, "purchase_orders", "ship_to_location_id");
        Index(migrationBuilder, "purchase_orders", "bill_to_location_id");
        migrationBuilder.CreateIndex(name: "ix_purchase_order_lines_purchase_order_id_line_no", table: "purchase_order_lines", columns: ["purchase_order_id", "line_no"], unique: true);
        Index(migrationBuilder, "purchase_order_lines", "requisition_line_id");
        Index(migrationBuilder, "purchase_order_lines", "requisition_id");
        Index(migrationBuilder, "purchase_order_lines", "item_id");
        Index(migrationBuilder, "purchase_order_lines", "offer_id");
        Index(migrationBuilder, "purchase_order_lines", "category_id");
        Index(migrationBuilder, "purchase_order_lines", "gl_account_id");
        Index(migrationBuilder, "purchase_order_splits", "purchase_order_line_id", "position");
        Index(migrationBuilder, "purchase_order_splits", "department_id");
        Index(migrationBuilder, "purchase_order_splits", "location_id");
        Index(migrationBuilder, "purchase_order_splits", "cost_center_id");
        Index(migrationBuilder, "purchase_order_splits", "gl_account_id");
        Index(migrationBuilder, "purchase_order_splits", "project_id");
        migrationBuilder.CreateIndex(name: "ix_receipts_company_id_number", table: "receipts", columns: ["company_id", "number"], unique: true);
        Index(migrationBuilder, "receipts", "purchase_order_id", "received_on");
        Index(migrationBuilder, "receipts", "receiver_id");
        Index(migrationBuilder, "receipt_lines", "receipt_id");
        Index(migrationBuilder, "receipt_lines", "purchase_order_line_id");
        migrationBuilder.CreateIndex(name: "ix_vendor_returns_company_id_number", table: "vendor_returns", columns: ["company_id", "number"], unique: true);
        Index(migrationBuilder, "vendor_returns", "receipt_line_id");
        Index(migrationBuilder, "vendor_returns", "purchase_order_id");
        Index(migrationBuilder, "vendor_returns", "by_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "vendor_returns");
        migrationBuilder.DropTable(name: "receipt_lines");
        migrationBuilder.DropTable(name: "receipts");
        migrationBuilder.DropTable(name: "purchasing_settings");
        migrationBuilder.DropTable(name: "purchase_order_splits");
        migrationBuilder.DropTable(name: "purchase_order_lines");
        migrationBuilder.DropTable(name: "purchase_orders");
        migrationBuilder.DropColumn(name: "purchase_order_line_id", table: "requisition_lines");
        migrationBuilder.DropColumn(name: "attachment_name", table: "outbox_emails");
        migrationBuilder.DropColumn(name: "attachment_content_type", table: "outbox_emails");
        migrationBuilder.DropColumn(name: "attachment", table: "outbox_emails");
    }

    private static void Index(MigrationBuilder b, string table, params string[] columns) =>
        b.CreateIndex(name: $"ix_{table}_{string.Join('_', columns)}", table: table, columns: columns);
}
