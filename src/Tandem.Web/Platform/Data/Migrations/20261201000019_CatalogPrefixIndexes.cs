using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>
/// SQLite catalog search: FTS5 keeps prefix indexes for prefixes of 2 to 6 characters (was 2 and 3), so a typed word of
/// up to six letters reads one index entry instead of merging every word that starts with it — `paper*` had to merge
/// "paperline", a vendor name on 82 % of the items, before it could meet the other word (docs/performance.md). The
/// index is rebuilt from the rows it indexes; the triggers that keep it current name it and need no change.
/// PostgreSQL's tsvector index is not affected.
/// </summary>
[DbContext(typeof(TandemDb))]
[Migration("20261201000019_CatalogPrefixIndexes")]
public sealed class CatalogPrefixIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => Recreate(migrationBuilder, "2 3 4 5 6");

    protected override void Down(MigrationBuilder migrationBuilder) => Recreate(migrationBuilder, "2 3");

    private static void Recreate(MigrationBuilder migrationBuilder, string prefixes)
    {
        if (!migrationBuilder.IsSqlite())
        {
            return;
        }

        migrationBuilder.Sql("DROP TABLE catalog_fts;");
        migrationBuilder.Sql($"""
            CREATE VIRTUAL TABLE catalog_fts USING fts5(sku, name, description, category, vendors,
                content='catalog_search', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='{prefixes}');
            """);
        migrationBuilder.Sql("INSERT INTO catalog_fts(catalog_fts) VALUES ('rebuild');");
    }
}
