using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>
/// Invoices without a purchase order: an invoice's order and its lines' order lines become optional; a non-PO invoice
/// names its department and is approved through a policy of its own, with approval steps that belong to an invoice
/// instead of a requisition. Policy versions get a kind (requisition or invoice), numbered per kind.
/// </summary>
[DbContext(typeof(TandemDb))]
[Migration("20261201000018_NonPoInvoices")]
public sealed class NonPoInvoices : Migration
{
    private static readonly (string Table, string Column)[] Optional =
    [
        ("invoices", "purchase_order_id"),
        ("invoice_lines", "purchase_order_line_id"),
        ("approval_steps", "requisition_id"),
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var (table, column) in Optional)
        {
            SetNullable(migrationBuilder, table, column, nullable: true);
        }

        migrationBuilder.AddColumn<int>(name: "approval_round", table: "invoices", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<DateTime>(name: "approved_at_utc", table: "invoices", nullable: true);
        migrationBuilder.AddColumn<string>(name: "approval_note", table: "invoices", maxLength: 1000, nullable: true);
        migrationBuilder.AddColumn<string>(name: "kind", table: "approval_policy_versions", maxLength: 20, nullable: false, defaultValue: "Requisition");
        if (migrationBuilder.IsSqlite())
        {
            // SQLite adds a foreign key only with a new column (ALTER TABLE … ADD COLUMN … REFERENCES).
            migrationBuilder.Sql("ALTER TABLE invoices ADD COLUMN department_id TEXT NULL REFERENCES departments (id) ON DELETE RESTRICT;");
            migrationBuilder.Sql("ALTER TABLE invoices ADD COLUMN policy_version_id TEXT NULL REFERENCES approval_policy_versions (id) ON DELETE RESTRICT;");
            migrationBuilder.Sql("ALTER TABLE approval_steps ADD COLUMN invoice_id TEXT NULL REFERENCES invoices (id) ON DELETE CASCADE;");
        }
        else
        {
            migrationBuilder.AddColumn<Guid>(name: "department_id", table: "invoices", nullable: true);
            migrationBuilder.AddForeignKey("fk_invoices_departments_department_id", "invoices", "department_id", "departments", principalColumn: "id", onDelete: ReferentialAction.Restrict);
            migrationBuilder.AddColumn<Guid>(name: "policy_version_id", table: "invoices", nullable: true);
            migrationBuilder.AddForeignKey("fk_invoices_approval_policy_versions_policy_version_id", "invoices", "policy_version_id", "approval_policy_versions", principalColumn: "id", onDelete: ReferentialAction.Restrict);
            migrationBuilder.AddColumn<Guid>(name: "invoice_id", table: "approval_steps", nullable: true);
            migrationBuilder.AddForeignKey("fk_approval_steps_invoices_invoice_id", "approval_steps", "invoice_id", "invoices", principalColumn: "id", onDelete: ReferentialAction.Cascade);
        }

        migrationBuilder.CreateIndex(name: "ix_invoices_department_id", table: "invoices", column: "department_id");
        migrationBuilder.CreateIndex(name: "ix_invoices_policy_version_id", table: "invoices", column: "policy_version_id");
        migrationBuilder.CreateIndex(name: "ix_approval_steps_invoice_id_round_sequence", table: "approval_steps", columns: ["invoice_id", "round", "sequence"], unique: true);
        migrationBuilder.DropIndex(name: "ix_approval_policy_versions_company_id_number", table: "approval_policy_versions");
        migrationBuilder.CreateIndex(name: "ix_approval_policy_versions_company_id_kind_number", table: "approval_policy_versions", columns: ["company_id", "kind", "number"], unique: true);
    }

    /// <summary>
    /// Makes a (Guid) column nullable, or not null again. PostgreSQL alters the constraint; SQLite cannot alter a column,
    /// and a table rebuild would copy the largest tables, so the column's declaration gains or loses its NOT NULL in the
    /// stored schema — the change SQLite's ALTER TABLE documentation allows this way because no stored row changes (Down
    /// first removes the rows it would not allow) — and the schema is reloaded.
    /// </summary>
    private static void SetNullable(MigrationBuilder migrationBuilder, string table, string column, bool nullable)
    {
        if (!migrationBuilder.IsSqlite())
        {
            migrationBuilder.AlterColumn<Guid>(name: column, table: table, nullable: nullable, oldClrType: typeof(Guid), oldNullable: !nullable);
            return;
        }

        var (from, to) = nullable ? ("NOT NULL", "NULL") : ("NULL", "NOT NULL");
        migrationBuilder.Sql("PRAGMA writable_schema = ON;");
        migrationBuilder.Sql($"""UPDATE sqlite_master SET sql = replace(sql, '"{column}" TEXT {from}', '"{column}" TEXT {to}') WHERE type = 'table' AND name = '{table}';""");
        migrationBuilder.Sql("PRAGMA writable_schema = RESET;");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // The older schema has no place for non-PO invoices or their approvals: they go with it.
        migrationBuilder.Sql("DELETE FROM approval_steps WHERE invoice_id IS NOT NULL;");
        migrationBuilder.Sql("DELETE FROM invoice_lines WHERE purchase_order_line_id IS NULL;");
        migrationBuilder.Sql("DELETE FROM invoices WHERE purchase_order_id IS NULL;");
        migrationBuilder.DropIndex(name: "ix_approval_policy_versions_company_id_kind_number", table: "approval_policy_versions");
        migrationBuilder.Sql("DELETE FROM approval_policy_versions WHERE kind <> 'Requisition';");
        migrationBuilder.CreateIndex(name: "ix_approval_policy_versions_company_id_number", table: "approval_policy_versions", columns: ["company_id", "number"], unique: true);
        migrationBuilder.DropIndex(name: "ix_approval_steps_invoice_id_round_sequence", table: "approval_steps");
        migrationBuilder.DropIndex(name: "ix_invoices_policy_version_id", table: "invoices");
        migrationBuilder.DropIndex(name: "ix_invoices_department_id", table: "invoices");
        if (!migrationBuilder.IsSqlite())
        {
            migrationBuilder.DropForeignKey("fk_approval_steps_invoices_invoice_id", "approval_steps");
            migrationBuilder.DropForeignKey("fk_invoices_approval_policy_versions_policy_version_id", "invoices");
            migrationBuilder.DropForeignKey("fk_invoices_departments_department_id", "invoices");
        }

        migrationBuilder.DropColumn(name: "invoice_id", table: "approval_steps");
        migrationBuilder.DropColumn(name: "policy_version_id", table: "invoices");
        migrationBuilder.DropColumn(name: "department_id", table: "invoices");
        migrationBuilder.DropColumn(name: "kind", table: "approval_policy_versions");
        migrationBuilder.DropColumn(name: "approval_note", table: "invoices");
        migrationBuilder.DropColumn(name: "approved_at_utc", table: "invoices");
        migrationBuilder.DropColumn(name: "approval_round", table: "invoices");
        foreach (var (table, column) in Optional)
        {
            SetNullable(migrationBuilder, table, column, nullable: false);
        }
    }
}
