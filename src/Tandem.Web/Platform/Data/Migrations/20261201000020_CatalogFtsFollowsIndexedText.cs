using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>
/// SQLite catalog search: the FTS5 index follows an updated search row only when text it indexes changed (SKU, name,
/// description, category, vendors). A change of tags alone — an item curated into a catalog, activated, its catalog
/// switched off — no longer deletes and re-inserts the row's every term and prefix (docs/performance.md).
/// PostgreSQL's generated tsvector is not affected.
/// </summary>
[DbContext(typeof(TandemDb))]
[Migration("20261201000020_CatalogFtsFollowsIndexedText")]
public sealed class CatalogFtsFollowsIndexedText : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => Recreate(migrationBuilder, " OF sku, name, description, category, vendors");

    protected override void Down(MigrationBuilder migrationBuilder) => Recreate(migrationBuilder, "");

    private static void Recreate(MigrationBuilder migrationBuilder, string columns)
    {
        if (!migrationBuilder.IsSqlite())
        {
            return;
        }

        migrationBuilder.Sql("DROP TRIGGER catalog_search_au;");
        migrationBuilder.Sql($"""
            CREATE TRIGGER catalog_search_au AFTER UPDATE{columns} ON catalog_search BEGIN
                INSERT INTO catalog_fts(catalog_fts, rowid, sku, name, description, category, vendors) VALUES ('delete', old.id, old.sku, old.name, old.description, old.category, old.vendors);
                INSERT INTO catalog_fts(rowid, sku, name, description, category, vendors) VALUES (new.id, new.sku, new.name, new.description, new.category, new.vendors);
            END;
            """);
    }
}
