using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>
/// Payments: end-of-month terms on vendors and orders; each invoice's terms, due date, discount and payment; the
/// company's bank accounts and payment settings; payment runs, their payments, items (one per invoice, ever) and files.
/// Existing invoices take their order's terms, with dates and discounts computed as the application does.
/// </summary>
[DbContext(typeof(TandemDb))]
[Migration("20261130000013_Payments")]
public sealed class Payments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(name: "payment_end_of_month", table: "vendors", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<bool>(name: "payment_end_of_month", table: "purchase_orders", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<int>(name: "payment_net_days", table: "invoices", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<int>(name: "payment_discount_basis_points", table: "invoices", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<int>(name: "payment_discount_days", table: "invoices", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<bool>(name: "payment_end_of_month", table: "invoices", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<DateOnly>(name: "discount_date", table: "invoices", nullable: true);
        migrationBuilder.AddColumn<long>(name: "discount_minor", table: "invoices", nullable: false, defaultValue: 0L);
        migrationBuilder.AddColumn<int>(name: "discount_annualized_basis_points", table: "invoices", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<DateOnly>(name: "paid_on", table: "invoices", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "paid_at_utc", table: "invoices", nullable: true);
        migrationBuilder.AddColumn<long>(name: "paid_minor", table: "invoices", nullable: false, defaultValue: 0L);
        migrationBuilder.AddColumn<long>(name: "discount_taken_minor", table: "invoices", nullable: false, defaultValue: 0L);
        migrationBuilder.CreateIndex(name: "ix_invoices_company_id_status_due_date", table: "invoices", columns: ["company_id", "status", "due_date"]);
        BackfillInvoiceTerms(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "bank_accounts",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                name = table.Column<string>(name: "name", maxLength: 100, nullable: false),
                currency = table.Column<string>(name: "currency", maxLength: 3, nullable: false),
                accountHolder = table.Column<string>(name: "account_holder", maxLength: 200, nullable: false),
                iban = table.Column<string>(name: "iban", maxLength: 34, nullable: true),
                bic = table.Column<string>(name: "bic", maxLength: 11, nullable: true),
                accountNumber = table.Column<string>(name: "account_number", maxLength: 17, nullable: true),
                routingNumber = table.Column<string>(name: "routing_number", maxLength: 9, nullable: true),
                masked = table.Column<string>(name: "masked", maxLength: 60, nullable: false),
                fileFormat = table.Column<string>(name: "file_format", maxLength: 30, nullable: false),
                active = table.Column<bool>(name: "active", nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_bank_accounts", x => x.id);
                table.ForeignKey("fk_bank_accounts_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_bank_accounts_company_id_name", table: "bank_accounts", columns: ["company_id", "name"], unique: true);

        migrationBuilder.CreateTable(
            name: "payment_settings",
            columns: table => new
            {
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                costOfCapitalBasisPoints = table.Column<int>(name: "cost_of_capital_basis_points", nullable: false),
                weekendRule = table.Column<string>(name: "weekend_rule", maxLength: 30, nullable: false),
                secondApprovalMinor = table.Column<long>(name: "second_approval_minor", nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_payment_settings", x => x.companyId);
                table.ForeignKey("fk_payment_settings_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "payment_runs",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                number = table.Column<string>(name: "number", maxLength: 30, nullable: false),
                status = table.Column<string>(name: "status", maxLength: 20, nullable: false),
                payDate = table.Column<DateOnly>(name: "pay_date", nullable: false),
                dueBy = table.Column<DateOnly>(name: "due_by", nullable: false),
                bankAccountId = table.Column<Guid>(name: "bank_account_id", nullable: false),
                costOfCapitalBasisPoints = table.Column<int>(name: "cost_of_capital_basis_points", nullable: false),
                paymentCount = table.Column<int>(name: "payment_count", nullable: false),
                invoiceCount = table.Column<int>(name: "invoice_count", nullable: false),
                totalCompanyMinor = table.Column<long>(name: "total_company_minor", nullable: false),
                discountCompanyMinor = table.Column<long>(name: "discount_company_minor", nullable: false),
                needsSecondApproval = table.Column<bool>(name: "needs_second_approval", nullable: false),
                preparedById = table.Column<Guid>(name: "prepared_by_id", nullable: false),
                preparedAtUtc = table.Column<DateTime>(name: "prepared_at_utc", nullable: false),
                submittedAtUtc = table.Column<DateTime>(name: "submitted_at_utc", nullable: true),
                firstApprovedById = table.Column<Guid>(name: "first_approved_by_id", nullable: true),
                firstApprovedAtUtc = table.Column<DateTime>(name: "first_approved_at_utc", nullable: true),
                approvedById = table.Column<Guid>(name: "approved_by_id", nullable: true),
                approvedAtUtc = table.Column<DateTime>(name: "approved_at_utc", nullable: true),
                confirmedById = table.Column<Guid>(name: "confirmed_by_id", nullable: true),
                confirmedAtUtc = table.Column<DateTime>(name: "confirmed_at_utc", nullable: true),
                executedAtUtc = table.Column<DateTime>(name: "executed_at_utc", nullable: true),
                note = table.Column<string>(name: "note", maxLength: 2000, nullable: true),
                exclusions = table.Column<string>(name: "exclusions", maxLength: 200_000, nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_payment_runs", x => x.id);
                table.ForeignKey("fk_payment_runs_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_payment_runs_bank_accounts_bank_account_id", x => x.bankAccountId, "bank_accounts", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_payment_runs_users_prepared_by_id", x => x.preparedById, "users", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_payment_runs_users_first_approved_by_id", x => x.firstApprovedById, "users", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_payment_runs_users_approved_by_id", x => x.approvedById, "users", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_payment_runs_users_confirmed_by_id", x => x.confirmedById, "users", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_payment_runs_company_id_number", table: "payment_runs", columns: ["company_id", "number"], unique: true);
        migrationBuilder.CreateIndex(name: "ix_payment_runs_company_id_status", table: "payment_runs", columns: ["company_id", "status"]);
        migrationBuilder.CreateIndex(name: "ix_payment_runs_bank_account_id", table: "payment_runs", column: "bank_account_id");
        migrationBuilder.CreateIndex(name: "ix_payment_runs_prepared_by_id", table: "payment_runs", column: "prepared_by_id");
        migrationBuilder.CreateIndex(name: "ix_payment_runs_first_approved_by_id", table: "payment_runs", column: "first_approved_by_id");
        migrationBuilder.CreateIndex(name: "ix_payment_runs_approved_by_id", table: "payment_runs", column: "approved_by_id");
        migrationBuilder.CreateIndex(name: "ix_payment_runs_confirmed_by_id", table: "payment_runs", column: "confirmed_by_id");

        migrationBuilder.CreateTable(
            name: "payments",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                paymentRunId = table.Column<Guid>(name: "payment_run_id", nullable: false),
                vendorId = table.Column<Guid>(name: "vendor_id", nullable: false),
                currency = table.Column<string>(name: "currency", maxLength: 3, nullable: false),
                amountMinor = table.Column<long>(name: "amount_minor", nullable: false),
                discountMinor = table.Column<long>(name: "discount_minor", nullable: false),
                endToEndId = table.Column<string>(name: "end_to_end_id", maxLength: 35, nullable: false),
                status = table.Column<string>(name: "status", maxLength: 20, nullable: false),
                settledAtUtc = table.Column<DateTime>(name: "settled_at_utc", nullable: true),
                rejectionReason = table.Column<string>(name: "rejection_reason", maxLength: 500, nullable: true),
                invoiceNumbers = table.Column<string>(name: "invoice_numbers", maxLength: 4000, nullable: false),
                payeeName = table.Column<string>(name: "payee_name", maxLength: 200, nullable: false),
                iban = table.Column<string>(name: "iban", maxLength: 34, nullable: true),
                bic = table.Column<string>(name: "bic", maxLength: 11, nullable: true),
                accountNumber = table.Column<string>(name: "account_number", maxLength: 17, nullable: true),
                routingNumber = table.Column<string>(name: "routing_number", maxLength: 9, nullable: true),
                bankMasked = table.Column<string>(name: "bank_masked", maxLength: 60, nullable: true),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_payments", x => x.id);
                table.ForeignKey("fk_payments_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_payments_payment_runs_payment_run_id", x => x.paymentRunId, "payment_runs", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_payments_vendors_vendor_id", x => x.vendorId, "vendors", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_payments_company_id_end_to_end_id", table: "payments", columns: ["company_id", "end_to_end_id"], unique: true);
        migrationBuilder.CreateIndex(name: "ix_payments_payment_run_id_status", table: "payments", columns: ["payment_run_id", "status"]);
        migrationBuilder.CreateIndex(name: "ix_payments_vendor_id", table: "payments", column: "vendor_id");

        migrationBuilder.CreateTable(
            name: "payment_run_items",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                paymentRunId = table.Column<Guid>(name: "payment_run_id", nullable: false),
                paymentId = table.Column<Guid>(name: "payment_id", nullable: false),
                invoiceId = table.Column<Guid>(name: "invoice_id", nullable: false),
                reason = table.Column<string>(name: "reason", maxLength: 20, nullable: false),
                payableMinor = table.Column<long>(name: "payable_minor", nullable: false),
                discountMinor = table.Column<long>(name: "discount_minor", nullable: false),
                paidMinor = table.Column<long>(name: "paid_minor", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_payment_run_items", x => x.id);
                table.ForeignKey("fk_payment_run_items_payment_runs_payment_run_id", x => x.paymentRunId, "payment_runs", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_payment_run_items_payments_payment_id", x => x.paymentId, "payments", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_payment_run_items_invoices_invoice_id", x => x.invoiceId, "invoices", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_payment_run_items_invoice_id", table: "payment_run_items", column: "invoice_id", unique: true);
        migrationBuilder.CreateIndex(name: "ix_payment_run_items_payment_run_id", table: "payment_run_items", column: "payment_run_id");
        migrationBuilder.CreateIndex(name: "ix_payment_run_items_payment_id", table: "payment_run_items", column: "payment_id");

        migrationBuilder.CreateTable(
            name: "payment_run_files",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                paymentRunId = table.Column<Guid>(name: "payment_run_id", nullable: false),
                format = table.Column<string>(name: "format", maxLength: 30, nullable: false),
                fileName = table.Column<string>(name: "file_name", maxLength: 100, nullable: false),
                contentType = table.Column<string>(name: "content_type", maxLength: 100, nullable: false),
                messageId = table.Column<string>(name: "message_id", maxLength: 35, nullable: false),
                content = table.Column<byte[]>(name: "content", nullable: false),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_payment_run_files", x => x.id);
                table.ForeignKey("fk_payment_run_files_payment_runs_payment_run_id", x => x.paymentRunId, "payment_runs", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "ix_payment_run_files_payment_run_id_format", table: "payment_run_files", columns: ["payment_run_id", "format"], unique: true);
    }

    /// <summary>Existing invoices are paid under their order's terms: due and discount dates, discount and its yearly value.</summary>
    private static void BackfillInvoiceTerms(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            UPDATE invoices SET
              payment_net_days = (SELECT p.payment_net_days FROM purchase_orders p WHERE p.id = invoices.purchase_order_id),
              payment_discount_basis_points = (SELECT p.payment_discount_basis_points FROM purchase_orders p WHERE p.id = invoices.purchase_order_id),
              payment_discount_days = (SELECT p.payment_discount_days FROM purchase_orders p WHERE p.id = invoices.purchase_order_id)
            """);
        var (due, discountDate) = migrationBuilder.IsSqlite()
            ? ("date(invoice_date, '+' || payment_net_days || ' days')", "date(invoice_date, '+' || payment_discount_days || ' days')")
            : ("invoice_date + payment_net_days", "invoice_date + payment_discount_days");
        migrationBuilder.Sql($"UPDATE invoices SET due_date = {due}");
        migrationBuilder.Sql($"""
            UPDATE invoices SET discount_date = {discountDate},
              discount_minor = CAST(ROUND(payable_minor * payment_discount_basis_points / 10000.0) AS BIGINT),
              discount_annualized_basis_points = CAST(ROUND(payment_discount_basis_points * 1.0 / (10000 - payment_discount_basis_points)
                * 365.0 / (payment_net_days - payment_discount_days) * 10000) AS INTEGER)
            WHERE payment_discount_basis_points > 0 AND payment_net_days > payment_discount_days AND payable_minor > 0
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "payment_run_files");
        migrationBuilder.DropTable(name: "payment_run_items");
        migrationBuilder.DropTable(name: "payments");
        migrationBuilder.DropTable(name: "payment_runs");
        migrationBuilder.DropTable(name: "payment_settings");
        migrationBuilder.DropTable(name: "bank_accounts");
        migrationBuilder.DropIndex(name: "ix_invoices_company_id_status_due_date", table: "invoices");
        foreach (var column in new[]
        {
            "payment_net_days", "payment_discount_basis_points", "payment_discount_days", "payment_end_of_month", "discount_date", "discount_minor",
            "discount_annualized_basis_points", "paid_on", "paid_at_utc", "paid_minor", "discount_taken_minor",
        })
        {
            migrationBuilder.DropColumn(name: column, table: "invoices");
        }

        migrationBuilder.DropColumn(name: "payment_end_of_month", table: "purchase_orders");
        migrationBuilder.DropColumn(name: "payment_end_of_month", table: "vendors");
    }
}
