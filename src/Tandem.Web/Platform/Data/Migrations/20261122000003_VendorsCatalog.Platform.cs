using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

public sealed partial class VendorsCatalog
{
    /// <summary>Scheduled-job leases and the e-mail outbox.</summary>
    private static void CreatePlatform(MigrationBuilder b)
    {
        b.CreateTable(
            name: "job_leases",
            columns: table => new
            {
                name = table.Column<string>(name: "name", maxLength: 100, nullable: false),
                holder = table.Column<string>(name: "holder", maxLength: 100, nullable: false),
                leasedUntilUtc = table.Column<DateTime>(name: "leased_until_utc", nullable: false),
                lastStartedAtUtc = table.Column<DateTime>(name: "last_started_at_utc", nullable: true),
                lastFinishedAtUtc = table.Column<DateTime>(name: "last_finished_at_utc", nullable: true),
                lastError = table.Column<string>(name: "last_error", maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_job_leases", x => x.name);
            });

        b.CreateTable(
            name: "outbox_emails",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: true),
                to = table.Column<string>(name: "to", maxLength: 254, nullable: false),
                subject = table.Column<string>(name: "subject", maxLength: 300, nullable: false),
                body = table.Column<string>(name: "body", maxLength: 20000, nullable: false),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
                sentAtUtc = table.Column<DateTime>(name: "sent_at_utc", nullable: true),
                attempts = table.Column<int>(name: "attempts", nullable: false),
                lastError = table.Column<string>(name: "last_error", maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_outbox_emails", x => x.id);
            });

        b.CreateIndex(
            name: "ix_outbox_emails_sent_at_utc_created_at_utc",
            table: "outbox_emails",
            columns: new[] { "sent_at_utc", "created_at_utc" });
    }
}
