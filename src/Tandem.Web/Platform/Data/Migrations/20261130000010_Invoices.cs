using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>Vendor invoices against purchase orders, their lines and match results; the invoiced quantity of each order line.</summary>
[DbContext(typeof(TandemDb))]
[Migration("20261130000010_Invoices")]
public sealed class Invoices : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<long>(name: "invoiced_units", table: "purchase_order_lines", nullable: false, defaultValue: 0L);
        migrationBuilder.CreateTable(
            name: "invoices",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                vendorId = table.Column<Guid>(name: "vendor_id", nullable: false),
                number = table.Column<string>(name: "number", maxLength: 50, nullable: false),
                numberKey = table.Column<string>(name: "number_key", maxLength: 50, nullable: false),
                invoiceDate = table.Column<DateOnly>(name: "invoice_date", nullable: false),
                purchaseOrderId = table.Column<Guid>(name: "purchase_order_id", nullable: false),
                currency = table.Column<string>(name: "currency", maxLength: 3, nullable: false),
                status = table.Column<string>(name: "status", maxLength: 20, nullable: false),
                subtotalMinor = table.Column<long>(name: "subtotal_minor", nullable: false),
                taxMinor = table.Column<long>(name: "tax_minor", nullable: false),
                totalMinor = table.Column<long>(name: "total_minor", nullable: false),
                createdById = table.Column<Guid>(name: "created_by_id", nullable: false),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
                readyAtUtc = table.Column<DateTime>(name: "ready_at_utc", nullable: true),
                resolutionReason = table.Column<string>(name: "resolution_reason", maxLength: 2000, nullable: true),
                resolvedById = table.Column<Guid>(name: "resolved_by_id", nullable: true),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_invoices", x => x.id);
                table.ForeignKey("fk_invoices_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_invoices_vendors_vendor_id", x => x.vendorId, "vendors", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_invoices_purchase_orders_purchase_order_id", x => x.purchaseOrderId, "purchase_orders", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_invoices_users_created_by_id", x => x.createdById, "users", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_invoices_users_resolved_by_id", x => x.resolvedById, "users", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateTable(
            name: "invoice_lines",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                invoiceId = table.Column<Guid>(name: "invoice_id", nullable: false),
                lineNo = table.Column<int>(name: "line_no", nullable: false),
                purchaseOrderLineId = table.Column<Guid>(name: "purchase_order_line_id", nullable: false),
                description = table.Column<string>(name: "description", maxLength: 1000, nullable: false),
                quantityUnits = table.Column<long>(name: "quantity_units", nullable: false),
                unitPriceMicros = table.Column<long>(name: "unit_price_micros", nullable: false),
                amountMinor = table.Column<long>(name: "amount_minor", nullable: false),
                matchStatus = table.Column<string>(name: "match_status", maxLength: 20, nullable: false),
                exceptions = table.Column<string>(name: "exceptions", maxLength: 200, nullable: false),
                varianceMinor = table.Column<long>(name: "variance_minor", nullable: false),
                explanation = table.Column<string>(name: "explanation", maxLength: 1000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_invoice_lines", x => x.id);
                table.ForeignKey("fk_invoice_lines_invoices_invoice_id", x => x.invoiceId, "invoices", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_invoice_lines_purchase_order_lines_purchase_order_line_id", x => x.purchaseOrderLineId, "purchase_order_lines", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_invoices_company_id_vendor_id_number_key", table: "invoices", columns: ["company_id", "vendor_id", "number_key"], unique: true);
        migrationBuilder.CreateIndex(name: "ix_invoices_purchase_order_id_status", table: "invoices", columns: ["purchase_order_id", "status"]);
        migrationBuilder.CreateIndex(name: "ix_invoices_vendor_id", table: "invoices", column: "vendor_id");
        migrationBuilder.CreateIndex(name: "ix_invoices_created_by_id", table: "invoices", column: "created_by_id");
        migrationBuilder.CreateIndex(name: "ix_invoices_resolved_by_id", table: "invoices", column: "resolved_by_id");
        migrationBuilder.CreateIndex(name: "ix_invoice_lines_invoice_id_line_no", table: "invoice_lines", columns: ["invoice_id", "line_no"], unique: true);
        migrationBuilder.CreateIndex(name: "ix_invoice_lines_purchase_order_line_id", table: "invoice_lines", column: "purchase_order_line_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "invoice_lines");
        migrationBuilder.DropTable(name: "invoices");
        migrationBuilder.DropColumn(name: "invoiced_units", table: "purchase_order_lines");
    }
}
