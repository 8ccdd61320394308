using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Tandem.Web.Platform.Data.Migrations;

public sealed partial class Foundation
{
    /// <summary>Audit trail, document counters, idempotency records, data-protection keys.</summary>
    private static void CreatePlatform(MigrationBuilder b)
    {
        b.CreateTable(
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

        b.CreateIndex(
            name: "ix_audit_entries_occurred_at_utc",
            table: "audit_entries",
            column: "occurred_at_utc");

        b.CreateIndex(
            name: "ix_audit_entries_entity_type_entity_id_occurred_at_utc",
            table: "audit_entries",
            columns: new[] { "entity_type", "entity_id", "occurred_at_utc" });

        b.CreateTable(
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

        b.CreateTable(
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

        b.CreateIndex(
            name: "ix_idempotency_records_created_at_utc",
            table: "idempotency_records",
            column: "created_at_utc");

        b.CreateIndex(
            name: "ix_idempotency_records_owner_key",
            table: "idempotency_records",
            columns: new[] { "owner", "key" },
            unique: true);

        b.CreateTable(
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
    }
}
