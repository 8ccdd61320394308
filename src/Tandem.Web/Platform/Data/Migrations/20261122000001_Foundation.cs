using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>
/// The foundation schema: organization, users (Identity), role scopes, API tokens, audit trail (append-only by
/// trigger), document counters, idempotency records, data-protection keys. Hand-written (ADR 0006): column types
/// are left to each provider so one migration serves SQLite and PostgreSQL.
/// </summary>
[DbContext(typeof(TandemDb))]
[Migration("20261122000001_Foundation")]
public sealed class Foundation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "audit_entries",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                occurredAtUtc = table.Column<DateTime>(name: "occurred_at_utc", nullable: false),
                actorUserId = table.Column<Guid>(name: "actor_user_id", nullable: true),
                actorTokenId = table.Column<Guid>(name: "actor_token_id", nullable: true),
                actorName = table.Column<string>(name: "actor_name", maxLength: 200, nullable: false),
                entityType = table.Column<string>(name: "entity_type", maxLength: 64, nullable: false),
                entityId = table.Column<string>(name: "entity_id", maxLength: 64, nullable: false),
                action = table.Column<string>(name: "action", maxLength: 32, nullable: false),
                beforeJson = table.Column<string>(name: "before_json", nullable: true),
                afterJson = table.Column<string>(name: "after_json", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_audit_entries", x => x.id);
            });

        migrationBuilder.CreateTable(
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

        migrationBuilder.CreateTable(
            name: "data_protection_keys",
            columns: table => new
            {
                id = table.Column<int>(name: "id", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                friendlyName = table.Column<string>(name: "friendly_name", nullable: true),
                xml = table.Column<string>(name: "xml", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_data_protection_keys", x => x.id);
            });

        migrationBuilder.CreateTable(
            name: "document_counters",
            columns: table => new
            {
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                prefix = table.Column<string>(name: "prefix", maxLength: 10, nullable: false),
                year = table.Column<int>(name: "year", nullable: false),
                lastValue = table.Column<long>(name: "last_value", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_document_counters", x => new { x.companyId, x.prefix, x.year });
            });

        migrationBuilder.CreateTable(
            name: "idempotency_records",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                owner = table.Column<string>(name: "owner", maxLength: 64, nullable: false),
                key = table.Column<string>(name: "key", maxLength: 200, nullable: false),
                requestHash = table.Column<string>(name: "request_hash", maxLength: 64, nullable: false),
                statusCode = table.Column<int>(name: "status_code", nullable: true),
                contentType = table.Column<string>(name: "content_type", maxLength: 200, nullable: true),
                location = table.Column<string>(name: "location", maxLength: 500, nullable: true),
                eTag = table.Column<string>(name: "e_tag", maxLength: 100, nullable: true),
                body = table.Column<byte[]>(name: "body", nullable: true),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_idempotency_records", x => x.id);
            });

        migrationBuilder.CreateTable(
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

        migrationBuilder.CreateTable(
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

        migrationBuilder.CreateTable(
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

        migrationBuilder.CreateTable(
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

        migrationBuilder.CreateTable(
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

        migrationBuilder.CreateTable(
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

        migrationBuilder.CreateTable(
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

        migrationBuilder.CreateTable(
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

        migrationBuilder.CreateTable(
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

        migrationBuilder.CreateTable(
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

        migrationBuilder.CreateTable(
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

        migrationBuilder.CreateIndex(
            name: "ix_api_tokens_token_hash",
            table: "api_tokens",
            column: "token_hash",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_api_tokens_user_id",
            table: "api_tokens",
            column: "user_id");

        migrationBuilder.CreateIndex(
            name: "ix_audit_entries_occurred_at_utc",
            table: "audit_entries",
            column: "occurred_at_utc");

        migrationBuilder.CreateIndex(
            name: "ix_audit_entries_entity_type_entity_id_occurred_at_utc",
            table: "audit_entries",
            columns: new[] { "entity_type", "entity_id", "occurred_at_utc" });

        migrationBuilder.CreateIndex(
            name: "ix_companies_code",
            table: "companies",
            column: "code",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_cost_centers_company_id_code",
            table: "cost_centers",
            columns: new[] { "company_id", "code" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_cost_centers_department_id",
            table: "cost_centers",
            column: "department_id");

        migrationBuilder.CreateIndex(
            name: "ix_departments_company_id_code",
            table: "departments",
            columns: new[] { "company_id", "code" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_departments_manager_id",
            table: "departments",
            column: "manager_id");

        migrationBuilder.CreateIndex(
            name: "ix_gl_accounts_company_id_code",
            table: "gl_accounts",
            columns: new[] { "company_id", "code" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_idempotency_records_created_at_utc",
            table: "idempotency_records",
            column: "created_at_utc");

        migrationBuilder.CreateIndex(
            name: "ix_idempotency_records_owner_key",
            table: "idempotency_records",
            columns: new[] { "owner", "key" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_locations_company_id_code",
            table: "locations",
            columns: new[] { "company_id", "code" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_projects_company_id_code",
            table: "projects",
            columns: new[] { "company_id", "code" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_role_assignments_department_id",
            table: "role_assignments",
            column: "department_id");

        migrationBuilder.CreateIndex(
            name: "ix_role_assignments_location_id",
            table: "role_assignments",
            column: "location_id");

        migrationBuilder.CreateIndex(
            name: "ix_role_assignments_user_id",
            table: "role_assignments",
            column: "user_id");

        migrationBuilder.CreateIndex(
            name: "ix_user_claims_user_id",
            table: "user_claims",
            column: "user_id");

        migrationBuilder.CreateIndex(
            name: "ix_user_logins_user_id",
            table: "user_logins",
            column: "user_id");

        migrationBuilder.CreateIndex(
            name: "ix_users_company_id",
            table: "users",
            column: "company_id");

        migrationBuilder.CreateIndex(
            name: "ix_users_manager_id",
            table: "users",
            column: "manager_id");

        migrationBuilder.CreateIndex(
            name: "ix_users_normalized_email",
            table: "users",
            column: "normalized_email");

        migrationBuilder.CreateIndex(
            name: "ix_users_normalized_user_name",
            table: "users",
            column: "normalized_user_name",
            unique: true);

        AuditTriggers.Create(migrationBuilder);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        AuditTriggers.Drop(migrationBuilder);
        migrationBuilder.DropTable(name: "role_assignments");
        migrationBuilder.DropTable(name: "cost_centers");
        migrationBuilder.DropTable(name: "user_tokens");
        migrationBuilder.DropTable(name: "user_logins");
        migrationBuilder.DropTable(name: "user_claims");
        migrationBuilder.DropTable(name: "departments");
        migrationBuilder.DropTable(name: "api_tokens");
        migrationBuilder.DropTable(name: "users");
        migrationBuilder.DropTable(name: "projects");
        migrationBuilder.DropTable(name: "locations");
        migrationBuilder.DropTable(name: "gl_accounts");
        migrationBuilder.DropTable(name: "idempotency_records");
        migrationBuilder.DropTable(name: "document_counters");
        migrationBuilder.DropTable(name: "data_protection_keys");
        migrationBuilder.DropTable(name: "companies");
        migrationBuilder.DropTable(name: "audit_entries");
    }
}
