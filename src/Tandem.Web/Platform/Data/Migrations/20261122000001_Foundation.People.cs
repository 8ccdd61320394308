using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Tandem.Web.Platform.Data.Migrations;

public sealed partial class Foundation
{
    /// <summary>Users (ASP.NET Core Identity columns plus Tandem's), their scoped roles and API tokens; departments reference their manager.</summary>
    private static void CreatePeople(MigrationBuilder b)
    {
        b.CreateTable(
            name: "users",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                displayName = table.Column<string>(name: "display_name", maxLength: 200, nullable: false),
                managerId = table.Column<Guid>(name: "manager_id", nullable: true),
                approvalLimitMinor = table.Column<long>(name: "approval_limit_minor", nullable: true),
                approvalLimitCurrency = table.Column<string>(name: "approval_limit_currency", maxLength: 3, nullable: true),
                isActive = table.Column<bool>(name: "is_active", nullable: false),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
                userName = table.Column<string>(name: "user_name", maxLength: 256, nullable: true),
                normalizedUserName = table.Column<string>(name: "normalized_user_name", maxLength: 256, nullable: true),
                email = table.Column<string>(name: "email", maxLength: 256, nullable: true),
                normalizedEmail = table.Column<string>(name: "normalized_email", maxLength: 256, nullable: true),
                emailConfirmed = table.Column<bool>(name: "email_confirmed", nullable: false),
                passwordHash = table.Column<string>(name: "password_hash", nullable: true),
                securityStamp = table.Column<string>(name: "security_stamp", nullable: true),
                concurrencyStamp = table.Column<string>(name: "concurrency_stamp", nullable: true),
                phoneNumber = table.Column<string>(name: "phone_number", nullable: true),
                phoneNumberConfirmed = table.Column<bool>(name: "phone_number_confirmed", nullable: false),
                twoFactorEnabled = table.Column<bool>(name: "two_factor_enabled", nullable: false),
                lockoutEnd = table.Column<DateTimeOffset>(name: "lockout_end", nullable: true),
                lockoutEnabled = table.Column<bool>(name: "lockout_enabled", nullable: false),
                accessFailedCount = table.Column<int>(name: "access_failed_count", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_users", x => x.id);
                table.ForeignKey(
                    name: "fk_users_companies_company_id",
                    column: x => x.companyId,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_users_users_manager_id",
                    column: x => x.managerId,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        b.CreateIndex(
            name: "ix_users_company_id",
            table: "users",
            column: "company_id");

        b.CreateIndex(
            name: "ix_users_manager_id",
            table: "users",
            column: "manager_id");

        b.CreateIndex(
            name: "ix_users_normalized_email",
            table: "users",
            column: "normalized_email");

        b.CreateIndex(
            name: "ix_users_normalized_user_name",
            table: "users",
            column: "normalized_user_name",
            unique: true);

        b.CreateTable(
            name: "user_claims",
            columns: table => new
            {
                id = table.Column<int>(name: "id", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                userId = table.Column<Guid>(name: "user_id", nullable: false),
                claimType = table.Column<string>(name: "claim_type", nullable: true),
                claimValue = table.Column<string>(name: "claim_value", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_user_claims", x => x.id);
                table.ForeignKey(
                    name: "fk_user_claims_users_user_id",
                    column: x => x.userId,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        b.CreateIndex(
            name: "ix_user_claims_user_id",
            table: "user_claims",
            column: "user_id");

        b.CreateTable(
            name: "user_logins",
            columns: table => new
            {
                loginProvider = table.Column<string>(name: "login_provider", nullable: false),
                providerKey = table.Column<string>(name: "provider_key", nullable: false),
                providerDisplayName = table.Column<string>(name: "provider_display_name", nullable: true),
                userId = table.Column<Guid>(name: "user_id", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_user_logins", x => new { x.loginProvider, x.providerKey });
                table.ForeignKey(
                    name: "fk_user_logins_users_user_id",
                    column: x => x.userId,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        b.CreateIndex(
            name: "ix_user_logins_user_id",
            table: "user_logins",
            column: "user_id");

        b.CreateTable(
            name: "user_tokens",
            columns: table => new
            {
                userId = table.Column<Guid>(name: "user_id", nullable: false),
                loginProvider = table.Column<string>(name: "login_provider", nullable: false),
                name = table.Column<string>(name: "name", nullable: false),
                value = table.Column<string>(name: "value", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_user_tokens", x => new { x.userId, x.loginProvider, x.name });
                table.ForeignKey(
                    name: "fk_user_tokens_users_user_id",
                    column: x => x.userId,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        b.CreateTable(
            name: "departments",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                code = table.Column<string>(name: "code", maxLength: 20, nullable: false),
                name = table.Column<string>(name: "name", maxLength: 200, nullable: false),
                managerId = table.Column<Guid>(name: "manager_id", nullable: true),
                isActive = table.Column<bool>(name: "is_active", nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_departments", x => x.id);
                table.ForeignKey(
                    name: "fk_departments_companies_company_id",
                    column: x => x.companyId,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_departments_users_manager_id",
                    column: x => x.managerId,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.SetNull);
            });

        b.CreateIndex(
            name: "ix_departments_company_id_code",
            table: "departments",
            columns: new[] { "company_id", "code" },
            unique: true);

        b.CreateIndex(
            name: "ix_departments_manager_id",
            table: "departments",
            column: "manager_id");

        b.CreateTable(
            name: "cost_centers",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                code = table.Column<string>(name: "code", maxLength: 20, nullable: false),
                name = table.Column<string>(name: "name", maxLength: 200, nullable: false),
                departmentId = table.Column<Guid>(name: "department_id", nullable: true),
                isActive = table.Column<bool>(name: "is_active", nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_cost_centers", x => x.id);
                table.ForeignKey(
                    name: "fk_cost_centers_companies_company_id",
                    column: x => x.companyId,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_cost_centers_departments_department_id",
                    column: x => x.departmentId,
                    principalTable: "departments",
                    principalColumn: "id",
                    onDelete: ReferentialAction.SetNull);
            });

        b.CreateIndex(
            name: "ix_cost_centers_company_id_code",
            table: "cost_centers",
            columns: new[] { "company_id", "code" },
            unique: true);

        b.CreateIndex(
            name: "ix_cost_centers_department_id",
            table: "cost_centers",
            column: "department_id");

        b.CreateTable(
            name: "role_assignments",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                userId = table.Column<Guid>(name: "user_id", nullable: false),
                role = table.Column<string>(name: "role", maxLength: 32, nullable: false),
                departmentId = table.Column<Guid>(name: "department_id", nullable: true),
                locationId = table.Column<Guid>(name: "location_id", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_role_assignments", x => x.id);
                table.ForeignKey(
                    name: "fk_role_assignments_departments_department_id",
                    column: x => x.departmentId,
                    principalTable: "departments",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "fk_role_assignments_locations_location_id",
                    column: x => x.locationId,
                    principalTable: "locations",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "fk_role_assignments_users_user_id",
                    column: x => x.userId,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        b.CreateIndex(
            name: "ix_role_assignments_department_id",
            table: "role_assignments",
            column: "department_id");

        b.CreateIndex(
            name: "ix_role_assignments_location_id",
            table: "role_assignments",
            column: "location_id");

        b.CreateIndex(
            name: "ix_role_assignments_user_id",
            table: "role_assignments",
            column: "user_id");

        b.CreateTable(
            name: "api_tokens",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                userId = table.Column<Guid>(name: "user_id", nullable: false),
                name = table.Column<string>(name: "name", maxLength: 100, nullable: false),
                prefix = table.Column<string>(name: "prefix", maxLength: 16, nullable: false),
                tokenHash = table.Column<string>(name: "token_hash", maxLength: 64, nullable: false),
                roles = table.Column<string>(name: "roles", maxLength: 200, nullable: false),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
                expiresAtUtc = table.Column<DateTime>(name: "expires_at_utc", nullable: true),
                revokedAtUtc = table.Column<DateTime>(name: "revoked_at_utc", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_api_tokens", x => x.id);
                table.ForeignKey(
                    name: "fk_api_tokens_users_user_id",
                    column: x => x.userId,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        b.CreateIndex(
            name: "ix_api_tokens_token_hash",
            table: "api_tokens",
            column: "token_hash",
            unique: true);

        b.CreateIndex(
            name: "ix_api_tokens_user_id",
            table: "api_tokens",
            column: "user_id");
    }
}
