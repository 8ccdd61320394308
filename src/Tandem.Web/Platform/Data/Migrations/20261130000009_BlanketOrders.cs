using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>Vendor agreements (blanket orders) with agreed prices; purchase orders released under them, and overrun approval.</summary>
[DbContext(typeof(TandemDb))]
[Migration("20261130000009_BlanketOrders")]
public sealed class BlanketOrders : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "blanket_orders",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                number = table.Column<string>(name: "number", maxLength: 30, nullable: false),
                vendorId = table.Column<Guid>(name: "vendor_id", nullable: false),
                currency = table.Column<string>(name: "currency", maxLength: 3, nullable: false),
                limitMinor = table.Column<long>(name: "limit_minor", nullable: false),
                validFrom = table.Column<DateOnly>(name: "valid_from", nullable: false),
                validTo = table.Column<DateOnly>(name: "valid_to", nullable: false),
                overLimit = table.Column<string>(name: "over_limit", maxLength: 10, nullable: false),
                status = table.Column<string>(name: "status", maxLength: 10, nullable: false),
                notes = table.Column<string>(name: "notes", maxLength: 4000, nullable: true),
                createdById = table.Column<Guid>(name: "created_by_id", nullable: false),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_blanket_orders", x => x.id);
                table.ForeignKey("fk_blanket_orders_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_blanket_orders_vendors_vendor_id", x => x.vendorId, "vendors", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_blanket_orders_users_created_by_id", x => x.createdById, "users", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateTable(
            name: "blanket_order_lines",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                blanketOrderId = table.Column<Guid>(name: "blanket_order_id", nullable: false),
                itemId = table.Column<Guid>(name: "item_id", nullable: true),
                description = table.Column<string>(name: "description", maxLength: 1000, nullable: false),
                unit = table.Column<string>(name: "unit", maxLength: 20, nullable: false),
                unitPriceMicros = table.Column<long>(name: "unit_price_micros", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_blanket_order_lines", x => x.id);
                table.ForeignKey("fk_blanket_order_lines_blanket_orders_blanket_order_id", x => x.blanketOrderId, "blanket_orders", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_blanket_order_lines_items_item_id", x => x.itemId, "items", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.AddColumn<bool>(name: "overrun_pending", table: "purchase_orders", nullable: false, defaultValue: false);
        if (migrationBuilder.IsSqlite())
        {
            // SQLite adds a foreign key only with a new column (ALTER TABLE … ADD COLUMN … REFERENCES).
            migrationBuilder.Sql("ALTER TABLE purchase_orders ADD COLUMN blanket_order_id TEXT NULL REFERENCES blanket_orders (id) ON DELETE RESTRICT;");
            migrationBuilder.Sql("ALTER TABLE purchase_orders ADD COLUMN overrun_approved_by_id TEXT NULL REFERENCES users (id) ON DELETE RESTRICT;");
        }
        else
        {
            migrationBuilder.AddColumn<Guid>(name: "blanket_order_id", table: "purchase_orders", nullable: true);
            migrationBuilder.AddColumn<Guid>(name: "overrun_approved_by_id", table: "purchase_orders", nullable: true);
            migrationBuilder.AddForeignKey("fk_purchase_orders_blanket_orders_blanket_order_id", "purchase_orders", "blanket_order_id", "blanket_orders", principalColumn: "id", onDelete: ReferentialAction.Restrict);
            migrationBuilder.AddForeignKey("fk_purchase_orders_users_overrun_approved_by_id", "purchase_orders", "overrun_approved_by_id", "users", principalColumn: "id", onDelete: ReferentialAction.Restrict);
        }

        migrationBuilder.CreateIndex(name: "ix_blanket_orders_company_id_number", table: "blanket_orders", columns: ["company_id", "number"], unique: true);
        migrationBuilder.CreateIndex(name: "ix_blanket_orders_vendor_id_status", table: "blanket_orders", columns: ["vendor_id", "status"]);
        migrationBuilder.CreateIndex(name: "ix_blanket_orders_created_by_id", table: "blanket_orders", column: "created_by_id");
        migrationBuilder.CreateIndex(name: "ix_blanket_order_lines_blanket_order_id", table: "blanket_order_lines", column: "blanket_order_id");
        migrationBuilder.CreateIndex(name: "ix_blanket_order_lines_item_id", table: "blanket_order_lines", column: "item_id");
        migrationBuilder.CreateIndex(name: "ix_purchase_orders_blanket_order_id", table: "purchase_orders", column: "blanket_order_id");
        migrationBuilder.CreateIndex(name: "ix_purchase_orders_overrun_approved_by_id", table: "purchase_orders", column: "overrun_approved_by_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "ix_purchase_orders_overrun_approved_by_id", table: "purchase_orders");
        migrationBuilder.DropIndex(name: "ix_purchase_orders_blanket_order_id", table: "purchase_orders");
        if (!migrationBuilder.IsSqlite())
        {
            migrationBuilder.DropForeignKey("fk_purchase_orders_users_overrun_approved_by_id", "purchase_orders");
            migrationBuilder.DropForeignKey("fk_purchase_orders_blanket_orders_blanket_order_id", "purchase_orders");
        }

        migrationBuilder.DropColumn(name: "overrun_approved_by_id", table: "purchase_orders");
        migrationBuilder.DropColumn(name: "overrun_pending", table: "purchase_orders");
        migrationBuilder.DropColumn(name: "blanket_order_id", table: "purchase_orders");
        migrationBuilder.DropTable(name: "blanket_order_lines");
        migrationBuilder.DropTable(name: "blanket_orders");
    }
}
