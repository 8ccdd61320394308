using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>
/// Comment threads on documents (mentions, attachments with their bytes kept apart) and signed webhooks (subscriptions,
/// the event outbox, the delivery log).
/// </summary>
[DbContext(typeof(TandemDb))]
[Migration("20261122000005_Collaboration")]
public sealed class Collaboration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "webhook_events",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                type = table.Column<string>(name: "type", maxLength: 60, nullable: false),
                payload = table.Column<string>(name: "payload", nullable: false),
                occurredAtUtc = table.Column<DateTime>(name: "occurred_at_utc", nullable: false),
                fannedOut = table.Column<bool>(name: "fanned_out", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_webhook_events", x => x.id);
                table.ForeignKey(
                    name: "fk_webhook_events_companies_company_id",
                    column: x => x.companyId,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "webhook_subscriptions",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                url = table.Column<string>(name: "url", maxLength: 2000, nullable: false),
                description = table.Column<string>(name: "description", maxLength: 200, nullable: true),
                events = table.Column<string>(name: "events", maxLength: 1000, nullable: false),
                secret = table.Column<string>(name: "secret", maxLength: 100, nullable: false),
                isActive = table.Column<bool>(name: "is_active", nullable: false),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_webhook_subscriptions", x => x.id);
                table.ForeignKey(
                    name: "fk_webhook_subscriptions_companies_company_id",
                    column: x => x.companyId,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "comments",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                documentType = table.Column<string>(name: "document_type", maxLength: 40, nullable: false),
                documentId = table.Column<Guid>(name: "document_id", nullable: false),
                authorId = table.Column<Guid>(name: "author_id", nullable: false),
                body = table.Column<string>(name: "body", maxLength: 4000, nullable: false),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_comments", x => x.id);
                table.ForeignKey(
                    name: "fk_comments_companies_company_id",
                    column: x => x.companyId,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_comments_users_author_id",
                    column: x => x.authorId,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "webhook_deliveries",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                subscriptionId = table.Column<Guid>(name: "subscription_id", nullable: false),
                eventId = table.Column<Guid>(name: "event_id", nullable: false),
                eventType = table.Column<string>(name: "event_type", maxLength: 60, nullable: false),
                status = table.Column<string>(name: "status", maxLength: 20, nullable: false),
                attempts = table.Column<int>(name: "attempts", nullable: false),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
                nextAttemptAtUtc = table.Column<DateTime>(name: "next_attempt_at_utc", nullable: true),
                lastAttemptAtUtc = table.Column<DateTime>(name: "last_attempt_at_utc", nullable: true),
                lastStatusCode = table.Column<int>(name: "last_status_code", nullable: true),
                lastError = table.Column<string>(name: "last_error", maxLength: 1000, nullable: true),
                lastDurationMs = table.Column<int>(name: "last_duration_ms", nullable: true),
                deliveredAtUtc = table.Column<DateTime>(name: "delivered_at_utc", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_webhook_deliveries", x => x.id);
                table.ForeignKey(
                    name: "fk_webhook_deliveries_webhook_events_event_id",
                    column: x => x.eventId,
                    principalTable: "webhook_events",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_webhook_deliveries_webhook_subscriptions_subscription_id",
                    column: x => x.subscriptionId,
                    principalTable: "webhook_subscriptions",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "comment_attachments",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                commentId = table.Column<Guid>(name: "comment_id", nullable: false),
                fileName = table.Column<string>(name: "file_name", maxLength: 200, nullable: false),
                contentType = table.Column<string>(name: "content_type", maxLength: 100, nullable: false),
                sizeBytes = table.Column<long>(name: "size_bytes", nullable: false),
                sha256 = table.Column<string>(name: "sha256", maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_comment_attachments", x => x.id);
                table.ForeignKey(
                    name: "fk_comment_attachments_comments_comment_id",
                    column: x => x.commentId,
                    principalTable: "comments",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "comment_mentions",
            columns: table => new
            {
                commentId = table.Column<Guid>(name: "comment_id", nullable: false),
                userId = table.Column<Guid>(name: "user_id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                documentId = table.Column<Guid>(name: "document_id", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_comment_mentions", x => new { x.commentId, x.userId });
                table.ForeignKey(
                    name: "fk_comment_mentions_comments_comment_id",
                    column: x => x.commentId,
                    principalTable: "comments",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "fk_comment_mentions_users_user_id",
                    column: x => x.userId,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "comment_attachment_files",
            columns: table => new
            {
                attachmentId = table.Column<Guid>(name: "attachment_id", nullable: false),
                content = table.Column<byte[]>(name: "content", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_comment_attachment_files", x => x.attachmentId);
                table.ForeignKey(
                    name: "fk_comment_attachment_files_comment_attachments_attachment_id",
                    column: x => x.attachmentId,
                    principalTable: "comment_attachments",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "ix_comment_attachments_comment_id",
            table: "comment_attachments",
            column: "comment_id");

        migrationBuilder.CreateIndex(
            name: "ix_comment_mentions_user_id_document_id",
            table: "comment_mentions",
            columns: new[] { "user_id", "document_id" });

        migrationBuilder.CreateIndex(
            name: "ix_comments_author_id",
            table: "comments",
            column: "author_id");

        migrationBuilder.CreateIndex(
            name: "ix_comments_company_id_document_type_document_id_created_at_utc",
            table: "comments",
            columns: new[] { "company_id", "document_type", "document_id", "created_at_utc" });

        migrationBuilder.CreateIndex(
            name: "ix_webhook_deliveries_event_id",
            table: "webhook_deliveries",
            column: "event_id");

        migrationBuilder.CreateIndex(
            name: "ix_webhook_deliveries_status_next_attempt_at_utc",
            table: "webhook_deliveries",
            columns: new[] { "status", "next_attempt_at_utc" });

        migrationBuilder.CreateIndex(
            name: "ix_webhook_deliveries_subscription_id_created_at_utc",
            table: "webhook_deliveries",
            columns: new[] { "subscription_id", "created_at_utc" });

        migrationBuilder.CreateIndex(
            name: "ix_webhook_events_company_id",
            table: "webhook_events",
            column: "company_id");

        migrationBuilder.CreateIndex(
            name: "ix_webhook_events_fanned_out_occurred_at_utc",
            table: "webhook_events",
            columns: new[] { "fanned_out", "occurred_at_utc" });

        migrationBuilder.CreateIndex(
            name: "ix_webhook_subscriptions_company_id_is_active",
            table: "webhook_subscriptions",
            columns: new[] { "company_id", "is_active" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "comment_attachment_files");
        migrationBuilder.DropTable(name: "comment_mentions");
        migrationBuilder.DropTable(name: "comment_attachments");
        migrationBuilder.DropTable(name: "webhook_deliveries");
        migrationBuilder.DropTable(name: "comments");
        migrationBuilder.DropTable(name: "webhook_subscriptions");
        migrationBuilder.DropTable(name: "webhook_events");
    }
}
