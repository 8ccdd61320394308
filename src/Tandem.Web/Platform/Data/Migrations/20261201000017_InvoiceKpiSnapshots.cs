using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tandem.Domain.Money;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>
/// The invoice KPIs read invoices alone: each invoice keeps its order's exchange rate and, once ready to pay, its price
/// variance (billed quantities at the order prices, and what those lines bill). Existing invoices are filled in from
/// their orders and lines with the same rounding as <c>LineAmount</c> (half away from zero, per line). Three KPI
/// windows (ready, paid, invoiced) get indexes that cover what they read.
/// </summary>
[DbContext(typeof(TandemDb))]
[Migration("20261201000017_InvoiceKpiSnapshots")]
public sealed class InvoiceKpiSnapshots : Migration
{
    private static readonly (string Name, string Narrow, string[] Columns)[] Windows =
    [
        ("ix_invoices_ready", "ix_invoices_company_id_ready_at_utc",
            ["company_id", "ready_at_utc", "kind", "created_at_utc", "currency", "rate_units", "variance_basis_minor", "variance_billed_minor"]),
        ("ix_invoices_paid", "ix_invoices_company_id_paid_on",
            ["company_id", "paid_on", "kind", "status", "ready_at_utc", "paid_at_utc", "due_date", "payable_minor", "currency", "rate_units"]),
        ("ix_invoices_invoiced", "ix_invoices_company_id_invoice_date",
            ["company_id", "invoice_date", "kind", "ready_at_utc", "payable_minor", "currency", "rate_units"]),
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<long>(name: "rate_units", table: "invoices", nullable: false, defaultValue: 0L);
        migrationBuilder.AddColumn<long>(name: "variance_basis_minor", table: "invoices", nullable: false, defaultValue: 0L);
        migrationBuilder.AddColumn<long>(name: "variance_billed_minor", table: "invoices", nullable: false, defaultValue: 0L);
        foreach (var sql in Backfill(migrationBuilder.IsSqlite()))
        {
            migrationBuilder.Sql(sql);
        }

        foreach (var (name, narrow, columns) in Windows)
        {
            migrationBuilder.CreateIndex(name: name, table: "invoices", columns: columns);
            migrationBuilder.DropIndex(name: narrow, table: "invoices");
        }
    }

    /// <summary>Fills in existing invoices (public for the test that compares it with what matching records).</summary>
    public static IEnumerable<string> Backfill(bool sqlite)
    {
        yield return "UPDATE invoices SET rate_units = (SELECT p.rate_units FROM purchase_orders p WHERE p.id = invoices.purchase_order_id)";

        // quantity (10^4) × unit price (10^6) / divisor = minor units; the divisor depends on the currency's minor digits.
        var divisor = "CASE invoices.currency "
            + string.Concat(Currency.AllCodes.Select(Currency.Of).Where(c => c.MinorDigits != 2).Select(c => $"WHEN '{c.Code}' THEN {Quantity.Scale * UnitPrice.Scale / c.MinorPerMajor} "))
            + $"ELSE {Quantity.Scale * UnitPrice.Scale / 100} END";
        var atOrderPrice = sqlite
            ? $"(l.quantity_units * o.unit_price_micros + CASE WHEN l.quantity_units * o.unit_price_micros < 0 THEN -1 ELSE 1 END * ({divisor}) / 2) / ({divisor})"
            : $"CAST(ROUND(CAST(l.quantity_units AS numeric) * o.unit_price_micros / ({divisor})) AS bigint)"; // numeric ROUND: half away from zero
        const string Priced = "FROM invoice_lines l JOIN purchase_order_lines o ON o.id = l.purchase_order_line_id WHERE l.invoice_id = invoices.id AND o.receive_by = 'Quantity'";
        yield return $"""
            UPDATE invoices SET
                variance_basis_minor = COALESCE((SELECT SUM({atOrderPrice}) {Priced}), 0),
                variance_billed_minor = COALESCE((SELECT SUM(l.amount_minor) {Priced}), 0)
            WHERE status = 'ReadyToPay' AND kind = 'Invoice'
            """;
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var (name, narrow, columns) in Windows)
        {
            migrationBuilder.CreateIndex(name: narrow, table: "invoices", columns: columns[..2]);
            migrationBuilder.DropIndex(name: name, table: "invoices");
        }

        migrationBuilder.DropColumn(name: "variance_billed_minor", table: "invoices");
        migrationBuilder.DropColumn(name: "variance_basis_minor", table: "invoices");
        migrationBuilder.DropColumn(name: "rate_units", table: "invoices");
    }
}
