using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>
/// Two KPI questions answered from an index alone (no row reads): invoices received in a window counted by outcome,
/// and spend facts of a window summed by channel. Each replaces the narrower index it starts with.
/// </summary>
[DbContext(typeof(TandemDb))]
[Migration("20261201000016_KpiCoveringIndexes")]
public sealed class KpiCoveringIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex(name: "ix_invoices_received", table: "invoices",
            columns: ["company_id", "created_at_utc", "kind", "first_pass_matched", "touched", "status", "first_exceptions"]);
        migrationBuilder.DropIndex(name: "ix_invoices_company_id_created_at_utc", table: "invoices");
        migrationBuilder.CreateIndex(name: "ix_spend_facts_window", table: "spend_facts",
            columns: ["company_id", "kind", "day", "amount_minor", "on_purchase_order", "catalog", "preferred"]);
        migrationBuilder.DropIndex(name: "ix_spend_facts_company_id_kind_day", table: "spend_facts");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex(name: "ix_spend_facts_company_id_kind_day", table: "spend_facts", columns: ["company_id", "kind", "day"]);
        migrationBuilder.DropIndex(name: "ix_spend_facts_window", table: "spend_facts");
        migrationBuilder.CreateIndex(name: "ix_invoices_company_id_created_at_utc", table: "invoices", columns: ["company_id", "created_at_utc"]);
        migrationBuilder.DropIndex(name: "ix_invoices_received", table: "invoices");
    }
}
