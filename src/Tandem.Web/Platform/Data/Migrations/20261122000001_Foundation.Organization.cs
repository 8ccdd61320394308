using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

public sealed partial class Foundation
{
    /// <summary>Companies and their master data: departments, locations, cost centers, projects, GL accounts.</summary>
    private static void CreateOrganization(MigrationBuilder b)
    {
        b.CreateTable(
            name: "companies",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                code = table.Column<string>(name: "code", maxLength: 20, nullable: false),
                name = table.Column<string>(name: "name", maxLength: 200, nullable: false),
                baseCurrency = table.Column<string>(name: "base_currency", maxLength: 3, nullable: false),
                timeZone = table.Column<string>(name: "time_zone", maxLength: 64, nullable: false),
                fiscalYearStartMonth = table.Column<int>(name: "fiscal_year_start_month", nullable: false),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_companies", x => x.id);
            });

        b.CreateIndex(
            name: "ix_companies_code",
            table: "companies",
            column: "code",
            unique: true);

        b.CreateTable(
            name: "locations",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                code = table.Column<string>(name: "code", maxLength: 20, nullable: false),
                name = table.Column<string>(name: "name", maxLength: 200, nullable: false),
                addressLine = table.Column<string>(name: "address_line", maxLength: 200, nullable: true),
                city = table.Column<string>(name: "city", maxLength: 100, nullable: true),
                postalCode = table.Column<string>(name: "postal_code", maxLength: 20, nullable: true),
                country = table.Column<string>(name: "country", maxLength: 2, nullable: false),
                isActive = table.Column<bool>(name: "is_active", nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_locations", x => x.id);
                table.ForeignKey(
                    name: "fk_locations_companies_company_id",
                    column: x => x.companyId,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        b.CreateIndex(
            name: "ix_locations_company_id_code",
            table: "locations",
            columns: new[] { "company_id", "code" },
            unique: true);

        b.CreateTable(
            name: "projects",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                code = table.Column<string>(name: "code", maxLength: 20, nullable: false),
                name = table.Column<string>(name: "name", maxLength: 200, nullable: false),
                startsOn = table.Column<DateOnly>(name: "starts_on", nullable: true),
                endsOn = table.Column<DateOnly>(name: "ends_on", nullable: true),
                isActive = table.Column<bool>(name: "is_active", nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_projects", x => x.id);
                table.ForeignKey(
                    name: "fk_projects_companies_company_id",
                    column: x => x.companyId,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        b.CreateIndex(
            name: "ix_projects_company_id_code",
            table: "projects",
            columns: new[] { "company_id", "code" },
            unique: true);

        b.CreateTable(
            name: "gl_accounts",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                code = table.Column<string>(name: "code", maxLength: 20, nullable: false),
                name = table.Column<string>(name: "name", maxLength: 200, nullable: false),
                type = table.Column<string>(name: "type", maxLength: 20, nullable: false),
                isActive = table.Column<bool>(name: "is_active", nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_gl_accounts", x => x.id);
                table.ForeignKey(
                    name: "fk_gl_accounts_companies_company_id",
                    column: x => x.companyId,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        b.CreateIndex(
            name: "ix_gl_accounts_company_id_code",
            table: "gl_accounts",
            columns: new[] { "company_id", "code" },
            unique: true);
    }
}
