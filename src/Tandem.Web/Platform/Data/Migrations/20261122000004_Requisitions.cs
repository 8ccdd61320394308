using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>
/// Requisitions (lines, cost splits), the approval engine (policy versions as JSON documents, steps with their
/// approvers, delegations), in-app notifications, and exchange rates into the company currency.
/// </summary>
[DbContext(typeof(TandemDb))]
[Migration("20261122000004_Requisitions")]
public sealed partial class Requisitions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Order matters: requisitions point at policy versions; approval steps point at requisitions.
        CreatePolicyAndPeopleTables(migrationBuilder);
        CreateRequisitionTables(migrationBuilder);
        CreateApprovalStepTables(migrationBuilder);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "requisition_splits");
        migrationBuilder.DropTable(name: "approval_assignments");
        migrationBuilder.DropTable(name: "requisition_lines");
        migrationBuilder.DropTable(name: "approval_steps");
        migrationBuilder.DropTable(name: "requisitions");
        migrationBuilder.DropTable(name: "notifications");
        migrationBuilder.DropTable(name: "delegations");
        migrationBuilder.DropTable(name: "approval_policy_versions");
        migrationBuilder.DropTable(name: "exchange_rates");
    }
}
