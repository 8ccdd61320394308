using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>
/// Invoice lines and order lines no longer index their references to GL accounts, cost centers and categories (ADR
/// 0029): rows the product never deletes, which no query looks up lines by. The foreign keys stay.
/// </summary>
[DbContext(typeof(TandemDb))]
[Migration("20261202000024_UnindexedMasterReferences")]
public sealed class UnindexedMasterReferences : Migration
{
    private static readonly (string Table, string Column)[] References =
    [
        ("invoice_lines", "gl_account_id"),
        ("invoice_lines", "suggested_gl_account_id"),
        ("invoice_lines", "cost_center_id"),
        ("purchase_order_lines", "category_id"),
        ("purchase_order_lines", "gl_account_id"),
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var (table, column) in References)
        {
            migrationBuilder.DropIndex(name: $"ix_{table}_{column}", table: table);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var (table, column) in References)
        {
            migrationBuilder.CreateIndex(name: $"ix_{table}_{column}", table: table, column: column);
        }
    }
}
