using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>
/// The audit trail is indexed by entity id and time instead of entity type, entity id and time. A document's history
/// (its page's trail: the document and its lines, of several types) asks for entity ids without a type, which the old
/// index, led by the type, could not serve: PostgreSQL walked the company's whole trail backwards instead (178 ms to find
/// the 50 newest of 101 invoice lines' entries among 264,000, 0.4 ms with this index). The key is shorter too, so
/// writing 99,000 entries took 0.83–1.04 s against 1.16–1.24 s in psql. A filter by type alone uses the company's index.
/// </summary>
[DbContext(typeof(TandemDb))]
[Migration("20261203000026_AuditTrailByEntity")]
public sealed class AuditTrailByEntity : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "ix_audit_entries_entity_type_entity_id_occurred_at_utc", table: "audit_entries");
        migrationBuilder.CreateIndex(name: "ix_audit_entries_entity_id_occurred_at_utc", table: "audit_entries", columns: ["entity_id", "occurred_at_utc"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "ix_audit_entries_entity_id_occurred_at_utc", table: "audit_entries");
        migrationBuilder.CreateIndex(name: "ix_audit_entries_entity_type_entity_id_occurred_at_utc", table: "audit_entries", columns: ["entity_type", "entity_id", "occurred_at_utc"]);
    }
}
