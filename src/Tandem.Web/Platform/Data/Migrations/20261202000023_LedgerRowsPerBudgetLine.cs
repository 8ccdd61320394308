using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>
/// The budget ledger keeps one row per document and budget line (ADR 0016), with how many of the document's lines it
/// comes from, instead of one row per document line: the existing rows of each document, budget line and kind are
/// merged into the first of them (amounts summed, lines counted) and the others deleted, so every sum stays the same.
/// The same SQL runs on both engines (correlated subqueries, a window function).
/// </summary>
[DbContext(typeof(TandemDb))]
[Migration("20261202000023_LedgerRowsPerBudgetLine")]
public sealed class LedgerRowsPerBudgetLine : Migration
{
    private const string SameGroup = """
        o.document_type = budget_consumptions.document_type AND o.document_id = budget_consumptions.document_id
        AND o.budget_line_id = budget_consumptions.budget_line_id AND o.kind = budget_consumptions.kind
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "lines", table: "budget_consumptions", nullable: false, defaultValue: 0);
        migrationBuilder.Sql($"""
            UPDATE budget_consumptions SET
                amount_minor = (SELECT sum(o.amount_minor) FROM budget_consumptions o WHERE {SameGroup}),
                lines = (SELECT count(DISTINCT o.line_no) FROM budget_consumptions o WHERE {SameGroup});
            """);
        migrationBuilder.Sql("""
            DELETE FROM budget_consumptions WHERE id IN (
                SELECT id FROM (
                    SELECT id, row_number() OVER (PARTITION BY document_type, document_id, budget_line_id, kind ORDER BY line_no, id) AS n
                    FROM budget_consumptions) AS numbered
                WHERE n > 1);
            """);
        migrationBuilder.Sql("ALTER TABLE budget_consumptions DROP COLUMN line_no;");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // The older schema had a row per document line; the merged rows keep their sums under line 0.
        migrationBuilder.AddColumn<int>(name: "line_no", table: "budget_consumptions", nullable: false, defaultValue: 0);
        migrationBuilder.Sql("ALTER TABLE budget_consumptions DROP COLUMN lines;");
    }
}
