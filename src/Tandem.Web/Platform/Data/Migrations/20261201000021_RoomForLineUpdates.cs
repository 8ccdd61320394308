using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>
/// PostgreSQL: invoice lines and order lines are rewritten often (every match and re-match; every receipt and invoice)
/// in columns no index covers. Pages kept 20 % free let PostgreSQL update them in place ("HOT" updates: no new entry in
/// each of the tables' indexes). Applies to pages written from now on. SQLite updates rows in place anyway.
/// </summary>
[DbContext(typeof(TandemDb))]
[Migration("20261201000021_RoomForLineUpdates")]
public sealed class RoomForLineUpdates : Migration
{
    private static readonly string[] Tables = ["invoice_lines", "purchase_order_lines"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (!migrationBuilder.IsSqlite())
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"ALTER TABLE {table} SET (fillfactor = 80);");
            }
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (!migrationBuilder.IsSqlite())
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"ALTER TABLE {table} RESET (fillfactor);");
            }
        }
    }
}
