using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>Change orders: revisions of purchase orders, the order's revision and approved baseline, the change request's link.</summary>
[DbContext(typeof(TandemDb))]
[Migration("20261130000008_ChangeOrders")]
public sealed class ChangeOrders : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "revision", table: "purchase_orders", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<long>(name: "approved_subtotal_minor", table: "purchase_orders", nullable: false, defaultValue: 0L);
        migrationBuilder.Sql("UPDATE purchase_orders SET approved_subtotal_minor = subtotal_minor");
        migrationBuilder.AddColumn<Guid>(name: "change_of_revision_id", table: "requisitions", nullable: true);
        migrationBuilder.CreateTable(
            name: "purchase_order_revisions",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                purchaseOrderId = table.Column<Guid>(name: "purchase_order_id", nullable: false),
                number = table.Column<int>(name: "number", nullable: false),
                status = table.Column<string>(name: "status", maxLength: 20, nullable: false),
                reason = table.Column<string>(name: "reason", maxLength: 2000, nullable: false),
                diff = table.Column<string>(name: "diff", maxLength: 20000, nullable: false),
                subtotalBeforeMinor = table.Column<long>(name: "subtotal_before_minor", nullable: false),
                subtotalAfterMinor = table.Column<long>(name: "subtotal_after_minor", nullable: false),
                changeJson = table.Column<string>(name: "change_json", maxLength: 200000, nullable: false),
                approvalRequisitionId = table.Column<Guid>(name: "approval_requisition_id", nullable: true),
                byId = table.Column<Guid>(name: "by_id", nullable: false),
                atUtc = table.Column<DateTime>(name: "at_utc", nullable: false),
                decidedAtUtc = table.Column<DateTime>(name: "decided_at_utc", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_purchase_order_revisions", x => x.id);
                table.ForeignKey("fk_purchase_order_revisions_purchase_orders_purchase_order_id", x => x.purchaseOrderId, "purchase_orders", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_purchase_order_revisions_approval_requisition", x => x.approvalRequisitionId, "requisitions", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_purchase_order_revisions_users_by_id", x => x.byId, "users", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_purchase_order_revisions_purchase_order_id_number", table: "purchase_order_revisions", columns: ["purchase_order_id", "number"], unique: true);
        migrationBuilder.CreateIndex(name: "ix_purchase_order_revisions_approval_requisition_id", table: "purchase_order_revisions", column: "approval_requisition_id");
        migrationBuilder.CreateIndex(name: "ix_purchase_order_revisions_by_id", table: "purchase_order_revisions", column: "by_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "purchase_order_revisions");
        migrationBuilder.DropColumn(name: "change_of_revision_id", table: "requisitions");
        migrationBuilder.DropColumn(name: "approved_subtotal_minor", table: "purchase_orders");
        migrationBuilder.DropColumn(name: "revision", table: "purchase_orders");
    }
}
