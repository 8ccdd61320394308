using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>
/// PostgreSQL catalog search matches and ranks in a narrow table of its own, catalog_search_match (the row's id, item,
/// company, name, category path, tags and tsvector), kept in step with catalog_search by statement-level triggers, as
/// FTS5's table is on SQLite (ADR 0012). Ranking a broad query visits every matching row: without the SKU, description
/// and vendor names beside them the rows take fewer pages, and the broad benchmark query runs a fifth faster
/// (docs/performance.md). catalog_search loses its generated tsvector and GIN index. Existing rows are copied over.
/// </summary>
[DbContext(typeof(TandemDb))]
[Migration("20261202000022_CatalogSearchMatch")]
public sealed class CatalogSearchMatch : Migration
{
    /// <summary>The weighted tsvector of a catalog_search row (<paramref name="row"/> is its alias with a dot, or empty).</summary>
    private static string Vector(string row) => $"""
        setweight(to_tsvector('simple', {row}sku), 'A') || setweight(to_tsvector('simple', {row}name), 'A') ||
        setweight(to_tsvector('simple', {row}category), 'B') || setweight(to_tsvector('simple', {row}vendors), 'B') ||
        setweight(to_tsvector('simple', {row}description), 'C')
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            return;
        }

        migrationBuilder.Sql("""
            CREATE TABLE catalog_search_match (
                id bigint PRIMARY KEY,
                item_id uuid NOT NULL,
                company_id uuid NOT NULL,
                name character varying(200) NOT NULL,
                category character varying(1000) NOT NULL,
                tags character varying(8000) NOT NULL,
                tsv tsvector NOT NULL);
            """);
        migrationBuilder.Sql($"""
            CREATE FUNCTION catalog_search_match_write() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO catalog_search_match (id, item_id, company_id, name, category, tags, tsv)
                SELECT n.id, n.item_id, n.company_id, n.name, n.category, n.tags, {Vector("n.")}
                FROM new_rows n
                ON CONFLICT (id) DO UPDATE SET item_id = excluded.item_id, company_id = excluded.company_id, name = excluded.name,
                    category = excluded.category, tags = excluded.tags, tsv = excluded.tsv;
                RETURN NULL;
            END $$;
            """);
        migrationBuilder.Sql("""
            CREATE FUNCTION catalog_search_match_delete() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM catalog_search_match m USING old_rows o WHERE m.id = o.id;
                RETURN NULL;
            END $$;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER catalog_search_match_ai AFTER INSERT ON catalog_search
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalog_search_match_write();
            CREATE TRIGGER catalog_search_match_au AFTER UPDATE ON catalog_search
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalog_search_match_write();
            CREATE TRIGGER catalog_search_match_ad AFTER DELETE ON catalog_search
                REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION catalog_search_match_delete();
            """);
        migrationBuilder.Sql($"""
            INSERT INTO catalog_search_match (id, item_id, company_id, name, category, tags, tsv)
            SELECT n.id, n.item_id, n.company_id, n.name, n.category, n.tags, {Vector("n.")} FROM catalog_search n;
            """);
        migrationBuilder.Sql("CREATE INDEX ix_catalog_search_match_tsv ON catalog_search_match USING GIN (tsv);");
        migrationBuilder.Sql("DROP INDEX ix_catalog_search_tsv;");
        migrationBuilder.Sql("ALTER TABLE catalog_search DROP COLUMN tsv;");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            return;
        }

        migrationBuilder.Sql("""
            DROP TRIGGER catalog_search_match_ai ON catalog_search;
            DROP TRIGGER catalog_search_match_au ON catalog_search;
            DROP TRIGGER catalog_search_match_ad ON catalog_search;
            DROP FUNCTION catalog_search_match_write();
            DROP FUNCTION catalog_search_match_delete();
            DROP TABLE catalog_search_match;
            """);
        migrationBuilder.Sql($"ALTER TABLE catalog_search ADD COLUMN tsv tsvector GENERATED ALWAYS AS ({Vector("")}) STORED;");
        migrationBuilder.Sql("CREATE INDEX ix_catalog_search_tsv ON catalog_search USING GIN (tsv);");
    }
}
