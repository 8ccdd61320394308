using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>
/// Audit entries record the company whose data changed, so each company reads only its own trail. Existing entries
/// are back-filled from the acting user's company (the append-only triggers are lifted for that one statement).
/// </summary>
[DbContext(typeof(TandemDb))]
[Migration("20261122000002_AuditCompany")]
public sealed class AuditCompany : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<Guid>(name: "company_id", table: "audit_entries", nullable: true);
        AuditTriggers.Drop(migrationBuilder);
        migrationBuilder.Sql("""
            UPDATE audit_entries SET company_id = (SELECT u.company_id FROM users u WHERE u.id = audit_entries.actor_user_id)
            WHERE company_id IS NULL AND actor_user_id IS NOT NULL;
            """);
        AuditTriggers.Create(migrationBuilder);
        migrationBuilder.DropIndex(name: "ix_audit_entries_occurred_at_utc", table: "audit_entries");
        migrationBuilder.CreateIndex(
            name: "ix_audit_entries_company_id_occurred_at_utc",
            table: "audit_entries",
            columns: ["company_id", "occurred_at_utc"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "ix_audit_entries_company_id_occurred_at_utc", table: "audit_entries");
        migrationBuilder.CreateIndex(name: "ix_audit_entries_occurred_at_utc", table: "audit_entries", column: "occurred_at_utc");
        migrationBuilder.DropColumn(name: "company_id", table: "audit_entries");
    }
}
