using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>Invoice match tolerances: the company default and overrides per vendor and category.</summary>
[DbContext(typeof(TandemDb))]
[Migration("20261130000011_MatchTolerances")]
public sealed class MatchTolerances : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "match_tolerances",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                vendorId = table.Column<Guid>(name: "vendor_id", nullable: true),
                categoryId = table.Column<Guid>(name: "category_id", nullable: true),
                priceBasisPoints = table.Column<int>(name: "price_basis_points", nullable: true),
                priceAbsoluteMicros = table.Column<long>(name: "price_absolute_micros", nullable: true),
                priceCombination = table.Column<string>(name: "price_combination", maxLength: 10, nullable: false),
                quantityBasisPoints = table.Column<int>(name: "quantity_basis_points", nullable: true),
                amountBasisPoints = table.Column<int>(name: "amount_basis_points", nullable: true),
                amountAbsoluteMinor = table.Column<long>(name: "amount_absolute_minor", nullable: true),
                amountCombination = table.Column<string>(name: "amount_combination", maxLength: 10, nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_match_tolerances", x => x.id);
                table.ForeignKey("fk_match_tolerances_companies_company_id", x => x.companyId, "companies", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_match_tolerances_vendors_vendor_id", x => x.vendorId, "vendors", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_match_tolerances_categories_category_id", x => x.categoryId, "categories", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_match_tolerances_company_id_vendor_id_category_id", table: "match_tolerances", columns: ["company_id", "vendor_id", "category_id"], unique: true);
        migrationBuilder.CreateIndex(name: "ix_match_tolerances_vendor_id", table: "match_tolerances", column: "vendor_id");
        migrationBuilder.CreateIndex(name: "ix_match_tolerances_category_id", table: "match_tolerances", column: "category_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "match_tolerances");
}
