using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

public sealed partial class Requisitions
{
    /// <summary>Approval policy versions, delegations, notifications and exchange rates.</summary>
    private static void CreatePolicyAndPeopleTables(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "exchange_rates",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                currency = table.Column<string>(name: "currency", maxLength: 3, nullable: false),
                validFrom = table.Column<DateOnly>(name: "valid_from", nullable: false),
                rateUnits = table.Column<long>(name: "rate_units", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_exchange_rates", x => x.id);
                table.ForeignKey(
                    name: "fk_exchange_rates_companies_company_id",
                    column: x => x.companyId,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "approval_policy_versions",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                number = table.Column<int>(name: "number", nullable: false),
                document = table.Column<string>(name: "document", maxLength: 1000000, nullable: false),
                createdById = table.Column<Guid>(name: "created_by_id", nullable: true),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_approval_policy_versions", x => x.id);
                table.ForeignKey(
                    name: "fk_approval_policy_versions_companies_company_id",
                    column: x => x.companyId,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_approval_policy_versions_users_created_by_id",
                    column: x => x.createdById,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "delegations",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                fromUserId = table.Column<Guid>(name: "from_user_id", nullable: false),
                toUserId = table.Column<Guid>(name: "to_user_id", nullable: false),
                startsOn = table.Column<DateOnly>(name: "starts_on", nullable: false),
                endsOn = table.Column<DateOnly>(name: "ends_on", nullable: false),
                reason = table.Column<string>(name: "reason", maxLength: 500, nullable: true),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
                revokedAtUtc = table.Column<DateTime>(name: "revoked_at_utc", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_delegations", x => x.id);
                table.ForeignKey(
                    name: "fk_delegations_companies_company_id",
                    column: x => x.companyId,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_delegations_users_from_user_id",
                    column: x => x.fromUserId,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_delegations_users_to_user_id",
                    column: x => x.toUserId,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "notifications",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                userId = table.Column<Guid>(name: "user_id", nullable: false),
                text = table.Column<string>(name: "text", maxLength: 500, nullable: false),
                link = table.Column<string>(name: "link", maxLength: 300, nullable: true),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
                readAtUtc = table.Column<DateTime>(name: "read_at_utc", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_notifications", x => x.id);
                table.ForeignKey(
                    name: "fk_notifications_users_user_id",
                    column: x => x.userId,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "ix_approval_policy_versions_company_id_number",
            table: "approval_policy_versions",
            columns: new[] { "company_id", "number" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_approval_policy_versions_created_by_id",
            table: "approval_policy_versions",
            column: "created_by_id");

        migrationBuilder.CreateIndex(
            name: "ix_delegations_company_id_from_user_id_starts_on",
            table: "delegations",
            columns: new[] { "company_id", "from_user_id", "starts_on" });

        migrationBuilder.CreateIndex(
            name: "ix_delegations_company_id_to_user_id_starts_on",
            table: "delegations",
            columns: new[] { "company_id", "to_user_id", "starts_on" });

        migrationBuilder.CreateIndex(
            name: "ix_delegations_from_user_id",
            table: "delegations",
            column: "from_user_id");

        migrationBuilder.CreateIndex(
            name: "ix_delegations_to_user_id",
            table: "delegations",
            column: "to_user_id");

        migrationBuilder.CreateIndex(
            name: "ix_exchange_rates_company_id_currency_valid_from",
            table: "exchange_rates",
            columns: new[] { "company_id", "currency", "valid_from" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_notifications_user_id_read_at_utc_created_at_utc",
            table: "notifications",
            columns: new[] { "user_id", "read_at_utc", "created_at_utc" });
    }
}
