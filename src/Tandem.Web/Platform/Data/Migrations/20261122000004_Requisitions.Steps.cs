using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

public sealed partial class Requisitions
{
    /// <summary>Approval steps and their approvers.</summary>
    private static void CreateApprovalStepTables(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "approval_steps",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                requisitionId = table.Column<Guid>(name: "requisition_id", nullable: false),
                round = table.Column<int>(name: "round", nullable: false),
                sequence = table.Column<int>(name: "sequence", nullable: false),
                level = table.Column<int>(name: "level", nullable: false),
                mode = table.Column<string>(name: "mode", maxLength: 10, nullable: false),
                ruleName = table.Column<string>(name: "rule_name", maxLength: 200, nullable: false),
                explanation = table.Column<string>(name: "explanation", maxLength: 2000, nullable: false),
                status = table.Column<string>(name: "status", maxLength: 10, nullable: false),
                dueBusinessDays = table.Column<int>(name: "due_business_days", nullable: false),
                activatedAtUtc = table.Column<DateTime>(name: "activated_at_utc", nullable: true),
                dueAtUtc = table.Column<DateTime>(name: "due_at_utc", nullable: true),
                escalatesAtUtc = table.Column<DateTime>(name: "escalates_at_utc", nullable: true),
                remindedAtUtc = table.Column<DateTime>(name: "reminded_at_utc", nullable: true),
                escalatedAtUtc = table.Column<DateTime>(name: "escalated_at_utc", nullable: true),
                completedAtUtc = table.Column<DateTime>(name: "completed_at_utc", nullable: true),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_approval_steps", x => x.id);
                table.ForeignKey(
                    name: "fk_approval_steps_requisitions_requisition_id",
                    column: x => x.requisitionId,
                    principalTable: "requisitions",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "approval_assignments",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                stepId = table.Column<Guid>(name: "step_id", nullable: false),
                userId = table.Column<Guid>(name: "user_id", nullable: false),
                source = table.Column<string>(name: "source", maxLength: 20, nullable: false),
                decision = table.Column<string>(name: "decision", maxLength: 20, nullable: true),
                decidedAtUtc = table.Column<DateTime>(name: "decided_at_utc", nullable: true),
                decidedById = table.Column<Guid>(name: "decided_by_id", nullable: true),
                comment = table.Column<string>(name: "comment", maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_approval_assignments", x => x.id);
                table.ForeignKey(
                    name: "fk_approval_assignments_approval_steps_step_id",
                    column: x => x.stepId,
                    principalTable: "approval_steps",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "fk_approval_assignments_users_decided_by_id",
                    column: x => x.decidedById,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_approval_assignments_users_user_id",
                    column: x => x.userId,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(
            name: "ix_approval_assignments_decided_by_id",
            table: "approval_assignments",
            column: "decided_by_id");

        migrationBuilder.CreateIndex(
            name: "ix_approval_assignments_step_id",
            table: "approval_assignments",
            column: "step_id");

        migrationBuilder.CreateIndex(
            name: "ix_approval_assignments_user_id_step_id",
            table: "approval_assignments",
            columns: new[] { "user_id", "step_id" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_approval_steps_company_id_status_due_at_utc",
            table: "approval_steps",
            columns: new[] { "company_id", "status", "due_at_utc" });

        migrationBuilder.CreateIndex(
            name: "ix_approval_steps_requisition_id_round_sequence",
            table: "approval_steps",
            columns: new[] { "requisition_id", "round", "sequence" },
            unique: true);
    }
}
