using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Tandem.Web.Platform.Data.Migrations;

public sealed partial class VendorsCatalog
{
    /// <summary>The category tree, items, curated catalogs with their audiences, and the rows the full-text engines index.</summary>
    private static void CreateCatalog(MigrationBuilder b)
    {
        b.CreateTable(
            name: "categories",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                code = table.Column<string>(name: "code", maxLength: 20, nullable: false),
                name = table.Column<string>(name: "name", maxLength: 200, nullable: false),
                parentId = table.Column<Guid>(name: "parent_id", nullable: true),
                defaultGlAccountId = table.Column<Guid>(name: "default_gl_account_id", nullable: true),
                isActive = table.Column<bool>(name: "is_active", nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_categories", x => x.id);
                table.ForeignKey(
                    name: "fk_categories_categories_parent_id",
                    column: x => x.parentId,
                    principalTable: "categories",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_categories_companies_company_id",
                    column: x => x.companyId,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_categories_gl_accounts_default_gl_account_id",
                    column: x => x.defaultGlAccountId,
                    principalTable: "gl_accounts",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        b.CreateTable(
            name: "items",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                sku = table.Column<string>(name: "sku", maxLength: 40, nullable: false),
                name = table.Column<string>(name: "name", maxLength: 200, nullable: false),
                description = table.Column<string>(name: "description", maxLength: 2000, nullable: true),
                unit = table.Column<string>(name: "unit", maxLength: 10, nullable: false),
                categoryId = table.Column<Guid>(name: "category_id", nullable: false),
                attributesJson = table.Column<string>(name: "attributes_json", maxLength: 4000, nullable: true),
                imageUrl = table.Column<string>(name: "image_url", maxLength: 500, nullable: true),
                isActive = table.Column<bool>(name: "is_active", nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_items", x => x.id);
                table.ForeignKey(
                    name: "fk_items_categories_category_id",
                    column: x => x.categoryId,
                    principalTable: "categories",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_items_companies_company_id",
                    column: x => x.companyId,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        b.CreateTable(
            name: "catalogs",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                code = table.Column<string>(name: "code", maxLength: 20, nullable: false),
                name = table.Column<string>(name: "name", maxLength: 200, nullable: false),
                description = table.Column<string>(name: "description", maxLength: 2000, nullable: true),
                isActive = table.Column<bool>(name: "is_active", nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_catalogs", x => x.id);
                table.ForeignKey(
                    name: "fk_catalogs_companies_company_id",
                    column: x => x.companyId,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        b.CreateTable(
            name: "catalog_audiences",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                catalogId = table.Column<Guid>(name: "catalog_id", nullable: false),
                kind = table.Column<string>(name: "kind", maxLength: 20, nullable: false),
                departmentId = table.Column<Guid>(name: "department_id", nullable: true),
                locationId = table.Column<Guid>(name: "location_id", nullable: true),
                role = table.Column<string>(name: "role", maxLength: 20, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_catalog_audiences", x => x.id);
                table.ForeignKey(
                    name: "fk_catalog_audiences_catalogs_catalog_id",
                    column: x => x.catalogId,
                    principalTable: "catalogs",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "fk_catalog_audiences_departments_department_id",
                    column: x => x.departmentId,
                    principalTable: "departments",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "fk_catalog_audiences_locations_location_id",
                    column: x => x.locationId,
                    principalTable: "locations",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        b.CreateTable(
            name: "catalog_items",
            columns: table => new
            {
                catalogId = table.Column<Guid>(name: "catalog_id", nullable: false),
                itemId = table.Column<Guid>(name: "item_id", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_catalog_items", x => new { x.catalogId, x.itemId });
                table.ForeignKey(
                    name: "fk_catalog_items_catalogs_catalog_id",
                    column: x => x.catalogId,
                    principalTable: "catalogs",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "fk_catalog_items_items_item_id",
                    column: x => x.itemId,
                    principalTable: "items",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        b.CreateTable(
            name: "catalog_search",
            columns: table => new
            {
                id = table.Column<long>(name: "id", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                itemId = table.Column<Guid>(name: "item_id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                sku = table.Column<string>(name: "sku", maxLength: 40, nullable: false),
                name = table.Column<string>(name: "name", maxLength: 200, nullable: false),
                description = table.Column<string>(name: "description", maxLength: 2000, nullable: false),
                category = table.Column<string>(name: "category", maxLength: 1000, nullable: false),
                vendors = table.Column<string>(name: "vendors", maxLength: 4000, nullable: false),
                tags = table.Column<string>(name: "tags", maxLength: 8000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_catalog_search", x => x.id);
                table.ForeignKey(
                    name: "fk_catalog_search_items_item_id",
                    column: x => x.itemId,
                    principalTable: "items",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        b.CreateIndex(
            name: "ix_catalog_audiences_catalog_id",
            table: "catalog_audiences",
            column: "catalog_id");

        b.CreateIndex(
            name: "ix_catalog_audiences_department_id",
            table: "catalog_audiences",
            column: "department_id");

        b.CreateIndex(
            name: "ix_catalog_audiences_location_id",
            table: "catalog_audiences",
            column: "location_id");

        b.CreateIndex(
            name: "ix_catalog_items_item_id",
            table: "catalog_items",
            column: "item_id");

        b.CreateIndex(
            name: "ix_catalog_search_company_id",
            table: "catalog_search",
            column: "company_id");

        b.CreateIndex(
            name: "ix_catalog_search_item_id",
            table: "catalog_search",
            column: "item_id",
            unique: true);

        b.CreateIndex(
            name: "ix_catalogs_company_id_code",
            table: "catalogs",
            columns: new[] { "company_id", "code" },
            unique: true);

        b.CreateIndex(
            name: "ix_categories_company_id_code",
            table: "categories",
            columns: new[] { "company_id", "code" },
            unique: true);

        b.CreateIndex(
            name: "ix_categories_default_gl_account_id",
            table: "categories",
            column: "default_gl_account_id");

        b.CreateIndex(
            name: "ix_categories_parent_id",
            table: "categories",
            column: "parent_id");

        b.CreateIndex(
            name: "ix_items_category_id",
            table: "items",
            column: "category_id");

        b.CreateIndex(
            name: "ix_items_company_id_category_id",
            table: "items",
            columns: new[] { "company_id", "category_id" });

        b.CreateIndex(
            name: "ix_items_company_id_sku",
            table: "items",
            columns: new[] { "company_id", "sku" },
            unique: true);
    }
}
