using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>
/// The foundation schema: organization, users (Identity), role scopes, API tokens, audit trail (append-only by
/// trigger), document counters, idempotency records, data-protection keys. Hand-written (ADR 0006): column types
/// are left to each provider so one migration serves SQLite and PostgreSQL.
/// </summary>
[DbContext(typeof(TandemDb))]
[Migration("20261122000001_Foundation")]
public sealed partial class Foundation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateOrganization(migrationBuilder);
        CreatePeople(migrationBuilder);
        CreatePlatform(migrationBuilder);
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
