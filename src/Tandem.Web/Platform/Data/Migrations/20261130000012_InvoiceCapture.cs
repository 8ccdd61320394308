using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>
/// Electronic invoice capture: received files (kept as they arrived) and what was read from them; credit notes on
/// invoices; document-level charges, prepaid and payable amounts and the due date.
/// </summary>
[DbContext(typeof(TandemDb))]
[Migration("20261130000012_InvoiceCapture")]
public sealed class InvoiceCapture : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "kind", table: "invoices", maxLength: 20, nullable: false, defaultValue: "Invoice");
        migrationBuilder.AddColumn<long>(name: "charges_minor", table: "invoices", nullable: false, defaultValue: 0L);
        migrationBuilder.AddColumn<long>(name: "prepaid_minor", table: "invoices", nullable: false, defaultValue: 0L);
        migrationBuilder.AddColumn<long>(name: "payable_minor", table: "invoices", nullable: false, defaultValue: 0L);
        migrationBuilder.AddColumn<DateOnly>(name: "due_date", table: "invoices", nullable: true);
        migrationBuilder.AddColumn<string>(name: "header_exceptions", table: "invoices", maxLength: 200, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>(name: "header_explanation", table: "invoices", maxLength: 1000, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<bool>(name: "duplicate_cleared", table: "invoices", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<DateTime>(name: "credit_requested_at_utc", table: "invoices", nullable: true);
        migrationBuilder.AddColumn<bool>(name: "first_pass_matched", table: "invoices", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<string>(name: "first_exceptions", table: "invoices", maxLength: 200, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<bool>(name: "touched", table: "invoices", nullable: false, defaultValue: true);
        migrationBuilder.Sql("UPDATE invoices SET first_pass_matched = (status = 'ReadyToPay' AND resolved_by_id IS NULL)");
        migrationBuilder.AddColumn<long>(name: "over_units", table: "invoice_lines", nullable: false, defaultValue: 0L);
        migrationBuilder.AddColumn<string>(name: "coding_source", table: "invoice_lines", maxLength: 20, nullable: false, defaultValue: "orderLine");
        migrationBuilder.AddColumn<int>(name: "coding_confidence_basis_points", table: "invoice_lines", nullable: false, defaultValue: 10000);
        migrationBuilder.AddColumn<int>(name: "gl_auto_apply_basis_points", table: "purchasing_settings", nullable: false, defaultValue: 8000);
        migrationBuilder.Sql("UPDATE invoices SET payable_minor = total_minor");
        migrationBuilder.AddColumn<long>(name: "credited_units", table: "invoice_lines", nullable: false, defaultValue: 0L);
        migrationBuilder.AddColumn<long>(name: "credited_minor", table: "invoice_lines", nullable: false, defaultValue: 0L);
        if (migrationBuilder.IsSqlite())
        {
            // SQLite adds a foreign key only with a new column (ALTER TABLE … ADD COLUMN … REFERENCES).
            migrationBuilder.Sql("ALTER TABLE invoices ADD COLUMN credits_invoice_id TEXT NULL REFERENCES invoices (id) ON DELETE RESTRICT;");
            migrationBuilder.Sql("ALTER TABLE invoices ADD COLUMN possible_duplicate_of_id TEXT NULL REFERENCES invoices (id) ON DELETE RESTRICT;");
            migrationBuilder.Sql("ALTER TABLE invoice_lines ADD COLUMN gl_account_id TEXT NULL REFERENCES gl_accounts (id) ON DELETE RESTRICT;");
            migrationBuilder.Sql("ALTER TABLE invoice_lines ADD COLUMN suggested_gl_account_id TEXT NULL REFERENCES gl_accounts (id) ON DELETE RESTRICT;");
            migrationBuilder.Sql("ALTER TABLE invoice_lines ADD COLUMN cost_center_id TEXT NULL REFERENCES cost_centers (id) ON DELETE RESTRICT;");
        }
        else
        {
            migrationBuilder.AddColumn<Guid>(name: "credits_invoice_id", table: "invoices", nullable: true);
            migrationBuilder.AddForeignKey("fk_invoices_invoices_credits_invoice_id", "invoices", "credits_invoice_id", "invoices", principalColumn: "id", onDelete: ReferentialAction.Restrict);
            migrationBuilder.AddColumn<Guid>(name: "possible_duplicate_of_id", table: "invoices", nullable: true);
            migrationBuilder.AddForeignKey("fk_invoices_invoices_possible_duplicate_of_id", "invoices", "possible_duplicate_of_id", "invoices", principalColumn: "id", onDelete: ReferentialAction.Restrict);
            foreach (var (column, table) in new[] { ("gl_account_id", "gl_accounts"), ("suggested_gl_account_id", "gl_accounts"), ("cost_center_id", "cost_centers") })
            {
                migrationBuilder.AddColumn<Guid>(name: column, table: "invoice_lines", nullable: true);
                migrationBuilder.AddForeignKey($"fk_invoice_lines_{table}_{column}", "invoice_lines", column, table, principalColumn: "id", onDelete: ReferentialAction.Restrict);
            }
        }

        migrationBuilder.CreateIndex(name: "ix_invoices_credits_invoice_id", table: "invoices", column: "credits_invoice_id");
        migrationBuilder.CreateIndex(name: "ix_invoices_possible_duplicate_of_id", table: "invoices", column: "possible_duplicate_of_id");
        migrationBuilder.Sql("UPDATE invoice_lines SET gl_account_id = (SELECT o.gl_account_id FROM purchase_order_lines o WHERE o.id = invoice_lines.purchase_order_line_id)");
        migrationBuilder.CreateIndex(name: "ix_invoice_lines_gl_account_id", table: "invoice_lines", column: "gl_account_id");
        migrationBuilder.CreateIndex(name: "ix_invoice_lines_suggested_gl_account_id", table: "invoice_lines", column: "suggested_gl_account_id");
        migrationBuilder.CreateIndex(name: "ix_invoice_lines_cost_center_id", table: "invoice_lines", column: "cost_center_id");

        migrationBuilder.CreateTable(
            name: "gl_coding_rules",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                vendorId = table.Column<Guid>(name: "vendor_id", nullable: true),
                keyword = table.Column<string>(name: "keyword", maxLength: 100, nullable: false),
                glAccountId = table.Column<Guid>(name: "gl_account_id", nullable: false),
                costCenterId = table.Column<Guid>(name: "cost_center_id", nullable: true),
                priority = table.Column<int>(name: "priority", nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_gl_coding_rules", x => x.id);
                table.ForeignKey("fk_gl_coding_rules_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_gl_coding_rules_vendors_vendor_id", x => x.vendorId, "vendors", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_gl_coding_rules_gl_accounts_gl_account_id", x => x.glAccountId, "gl_accounts", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_gl_coding_rules_cost_centers_cost_center_id", x => x.costCenterId, "cost_centers", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_gl_coding_rules_company_id_vendor_id_keyword", table: "gl_coding_rules", columns: ["company_id", "vendor_id", "keyword"], unique: true);
        migrationBuilder.CreateIndex(name: "ix_gl_coding_rules_vendor_id", table: "gl_coding_rules", column: "vendor_id");
        migrationBuilder.CreateIndex(name: "ix_gl_coding_rules_gl_account_id", table: "gl_coding_rules", column: "gl_account_id");
        migrationBuilder.CreateIndex(name: "ix_gl_coding_rules_cost_center_id", table: "gl_coding_rules", column: "cost_center_id");

        migrationBuilder.CreateTable(
            name: "gl_model_counts",
            columns: table => new
            {
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                feature = table.Column<string>(name: "feature", maxLength: 100, nullable: false),
                glAccountId = table.Column<Guid>(name: "gl_account_id", nullable: false),
                count = table.Column<long>(name: "count", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_gl_model_counts", x => new { x.companyId, x.feature, x.glAccountId });
                table.ForeignKey("fk_gl_model_counts_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_gl_model_counts_gl_accounts_gl_account_id", x => x.glAccountId, "gl_accounts", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_gl_model_counts_gl_account_id", table: "gl_model_counts", column: "gl_account_id");
        migrationBuilder.CreateIndex(name: "ix_invoices_vendor_id_total_minor", table: "invoices", columns: ["vendor_id", "total_minor"]);

        migrationBuilder.CreateTable(
            name: "invoice_documents",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                fileName = table.Column<string>(name: "file_name", maxLength: 200, nullable: false),
                sizeBytes = table.Column<int>(name: "size_bytes", nullable: false),
                contentHash = table.Column<string>(name: "content_hash", maxLength: 64, nullable: false),
                channel = table.Column<string>(name: "channel", maxLength: 20, nullable: false),
                status = table.Column<string>(name: "status", maxLength: 20, nullable: false),
                reason = table.Column<string>(name: "reason", maxLength: 1000, nullable: false),
                isCreditNote = table.Column<bool>(name: "is_credit_note", nullable: false),
                number = table.Column<string>(name: "number", maxLength: 50, nullable: false),
                issueDate = table.Column<DateOnly>(name: "issue_date", nullable: false),
                currency = table.Column<string>(name: "currency", maxLength: 3, nullable: false),
                payableMinor = table.Column<long>(name: "payable_minor", nullable: false),
                sellerName = table.Column<string>(name: "seller_name", maxLength: 200, nullable: false),
                sellerTaxId = table.Column<string>(name: "seller_tax_id", maxLength: 50, nullable: true),
                orderReference = table.Column<string>(name: "order_reference", maxLength: 50, nullable: true),
                vendorId = table.Column<Guid>(name: "vendor_id", nullable: true),
                invoiceId = table.Column<Guid>(name: "invoice_id", nullable: true),
                receivedById = table.Column<Guid>(name: "received_by_id", nullable: false),
                receivedAtUtc = table.Column<DateTime>(name: "received_at_utc", nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_invoice_documents", x => x.id);
                table.ForeignKey("fk_invoice_documents_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_invoice_documents_vendors_vendor_id", x => x.vendorId, "vendors", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_invoice_documents_invoices_invoice_id", x => x.invoiceId, "invoices", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_invoice_documents_users_received_by_id", x => x.receivedById, "users", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_invoice_documents_company_id_content_hash", table: "invoice_documents", columns: ["company_id", "content_hash"], unique: true);
        migrationBuilder.CreateIndex(name: "ix_invoice_documents_company_id_status", table: "invoice_documents", columns: ["company_id", "status"]);
        migrationBuilder.CreateIndex(name: "ix_invoice_documents_vendor_id", table: "invoice_documents", column: "vendor_id");
        migrationBuilder.CreateIndex(name: "ix_invoice_documents_invoice_id", table: "invoice_documents", column: "invoice_id");
        migrationBuilder.CreateIndex(name: "ix_invoice_documents_received_by_id", table: "invoice_documents", column: "received_by_id");

        migrationBuilder.CreateTable(
            name: "invoice_document_files",
            columns: table => new
            {
                documentId = table.Column<Guid>(name: "document_id", nullable: false),
                content = table.Column<byte[]>(name: "content", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_invoice_document_files", x => x.documentId);
                table.ForeignKey("fk_invoice_document_files_invoice_documents_document_id", x => x.documentId, "invoice_documents", "id", onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "gl_model_counts");
        migrationBuilder.DropTable(name: "gl_coding_rules");
        migrationBuilder.DropColumn(name: "gl_auto_apply_basis_points", table: "purchasing_settings");
        foreach (var (column, table) in new[] { ("gl_account_id", "gl_accounts"), ("suggested_gl_account_id", "gl_accounts"), ("cost_center_id", "cost_centers") })
        {
            migrationBuilder.DropIndex(name: $"ix_invoice_lines_{column}", table: "invoice_lines");
            if (!migrationBuilder.IsSqlite())
            {
                migrationBuilder.DropForeignKey($"fk_invoice_lines_{table}_{column}", "invoice_lines");
            }

            migrationBuilder.DropColumn(name: column, table: "invoice_lines");
        }

        migrationBuilder.DropColumn(name: "coding_source", table: "invoice_lines");
        migrationBuilder.DropColumn(name: "coding_confidence_basis_points", table: "invoice_lines");
        migrationBuilder.DropTable(name: "invoice_document_files");
        migrationBuilder.DropTable(name: "invoice_documents");
        migrationBuilder.DropIndex(name: "ix_invoices_vendor_id_total_minor", table: "invoices");
        migrationBuilder.DropIndex(name: "ix_invoices_possible_duplicate_of_id", table: "invoices");
        migrationBuilder.DropIndex(name: "ix_invoices_credits_invoice_id", table: "invoices");
        if (!migrationBuilder.IsSqlite())
        {
            migrationBuilder.DropForeignKey("fk_invoices_invoices_possible_duplicate_of_id", "invoices");
            migrationBuilder.DropForeignKey("fk_invoices_invoices_credits_invoice_id", "invoices");
        }

        migrationBuilder.DropColumn(name: "possible_duplicate_of_id", table: "invoices");
        migrationBuilder.DropColumn(name: "duplicate_cleared", table: "invoices");
        migrationBuilder.DropColumn(name: "credit_requested_at_utc", table: "invoices");
        migrationBuilder.DropColumn(name: "first_pass_matched", table: "invoices");
        migrationBuilder.DropColumn(name: "first_exceptions", table: "invoices");
        migrationBuilder.DropColumn(name: "touched", table: "invoices");
        migrationBuilder.DropColumn(name: "over_units", table: "invoice_lines");
        migrationBuilder.DropColumn(name: "header_explanation", table: "invoices");
        migrationBuilder.DropColumn(name: "header_exceptions", table: "invoices");

        migrationBuilder.DropColumn(name: "credits_invoice_id", table: "invoices");
        migrationBuilder.DropColumn(name: "credited_minor", table: "invoice_lines");
        migrationBuilder.DropColumn(name: "credited_units", table: "invoice_lines");
        migrationBuilder.DropColumn(name: "due_date", table: "invoices");
        migrationBuilder.DropColumn(name: "payable_minor", table: "invoices");
        migrationBuilder.DropColumn(name: "prepaid_minor", table: "invoices");
        migrationBuilder.DropColumn(name: "charges_minor", table: "invoices");
        migrationBuilder.DropColumn(name: "kind", table: "invoices");
    }
}
