using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>
/// Vendors and the curated catalog, plus scheduled-job leases and the e-mail outbox. The full-text index over
/// catalog_search is each engine's own (ADR 0012): an external-content FTS5 table kept in step by triggers on SQLite,
/// a stored generated tsvector column with a GIN index on PostgreSQL. Neither is part of the EF model.
/// </summary>
[DbContext(typeof(TandemDb))]
[Migration("20261122000003_VendorsCatalog")]
public sealed partial class VendorsCatalog : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateCatalog(migrationBuilder);
        CreateVendors(migrationBuilder);
        CreateOnboarding(migrationBuilder);
        CreatePlatform(migrationBuilder);
        if (AuditTriggers.IsPostgres(migrationBuilder))
        {
            migrationBuilder.Sql("""
                ALTER TABLE catalog_search ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple', sku), 'A') || setweight(to_tsvector('simple', name), 'A') ||
                    setweight(to_tsvector('simple', category), 'B') || setweight(to_tsvector('simple', vendors), 'B') ||
                    setweight(to_tsvector('simple', description), 'C')) STORED;
                """);
            migrationBuilder.Sql("CREATE INDEX ix_catalog_search_tsv ON catalog_search USING GIN (tsv);");
        }
        else
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE catalog_fts USING fts5(sku, name, description, category, vendors,
                    content='catalog_search', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER catalog_search_ai AFTER INSERT ON catalog_search BEGIN
                    INSERT INTO catalog_fts(rowid, sku, name, description, category, vendors) VALUES (new.id, new.sku, new.name, new.description, new.category, new.vendors);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER catalog_search_ad AFTER DELETE ON catalog_search BEGIN
                    INSERT INTO catalog_fts(catalog_fts, rowid, sku, name, description, category, vendors) VALUES ('delete', old.id, old.sku, old.name, old.description, old.category, old.vendors);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER catalog_search_au AFTER UPDATE ON catalog_search BEGIN
                    INSERT INTO catalog_fts(catalog_fts, rowid, sku, name, description, category, vendors) VALUES ('delete', old.id, old.sku, old.name, old.description, old.category, old.vendors);
                    INSERT INTO catalog_fts(rowid, sku, name, description, category, vendors) VALUES (new.id, new.sku, new.name, new.description, new.category, new.vendors);
                END;
                """);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (!AuditTriggers.IsPostgres(migrationBuilder))
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS catalog_fts;");
        }

        foreach (var table in new[]
        {
            "vendor_document_files", "offers", "catalog_search", "catalog_items", "vendor_sign_offs", "vendor_documents", "vendor_contacts",
            "vendor_categories", "vendor_bank_changes", "vendor_addresses", "preferred_vendors", "catalog_audiences", "items", "vendors",
            "categories", "vendor_document_types", "catalogs", "outbox_emails", "job_leases",
        })
        {
            migrationBuilder.DropTable(name: table);
        }
    }
}
