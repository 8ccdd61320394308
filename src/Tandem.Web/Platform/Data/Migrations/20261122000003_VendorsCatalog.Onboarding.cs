using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

public sealed partial class VendorsCatalog
{
    /// <summary>The onboarding checklist (document types, documents and their files) and bank-detail change requests.</summary>
    private static void CreateOnboarding(MigrationBuilder b)
    {
        b.CreateTable(
            name: "vendor_document_types",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                code = table.Column<string>(name: "code", maxLength: 20, nullable: false),
                name = table.Column<string>(name: "name", maxLength: 200, nullable: false),
                isRequired = table.Column<bool>(name: "is_required", nullable: false),
                requiresExpiry = table.Column<bool>(name: "requires_expiry", nullable: false),
                isActive = table.Column<bool>(name: "is_active", nullable: false),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_vendor_document_types", x => x.id);
                table.ForeignKey(
                    name: "fk_vendor_document_types_companies_company_id",
                    column: x => x.companyId,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        b.CreateTable(
            name: "vendor_documents",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                vendorId = table.Column<Guid>(name: "vendor_id", nullable: false),
                documentTypeId = table.Column<Guid>(name: "document_type_id", nullable: false),
                fileName = table.Column<string>(name: "file_name", maxLength: 255, nullable: false),
                contentType = table.Column<string>(name: "content_type", maxLength: 100, nullable: false),
                sizeBytes = table.Column<long>(name: "size_bytes", nullable: false),
                sha256 = table.Column<string>(name: "sha256", maxLength: 64, nullable: false),
                expiresOn = table.Column<DateOnly>(name: "expires_on", nullable: true),
                uploadedById = table.Column<Guid>(name: "uploaded_by_id", nullable: false),
                uploadedAtUtc = table.Column<DateTime>(name: "uploaded_at_utc", nullable: false),
                review = table.Column<string>(name: "review", maxLength: 20, nullable: false),
                reviewedById = table.Column<Guid>(name: "reviewed_by_id", nullable: true),
                reviewedAtUtc = table.Column<DateTime>(name: "reviewed_at_utc", nullable: true),
                reviewNote = table.Column<string>(name: "review_note", maxLength: 500, nullable: true),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_vendor_documents", x => x.id);
                table.ForeignKey(
                    name: "fk_vendor_documents_users_uploaded_by_id",
                    column: x => x.uploadedById,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_vendor_documents_vendor_document_types_document_type_id",
                    column: x => x.documentTypeId,
                    principalTable: "vendor_document_types",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_vendor_documents_vendors_vendor_id",
                    column: x => x.vendorId,
                    principalTable: "vendors",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        b.CreateTable(
            name: "vendor_document_files",
            columns: table => new
            {
                documentId = table.Column<Guid>(name: "document_id", nullable: false),
                content = table.Column<byte[]>(name: "content", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_vendor_document_files", x => x.documentId);
                table.ForeignKey(
                    name: "fk_vendor_document_files_vendor_documents_document_id",
                    column: x => x.documentId,
                    principalTable: "vendor_documents",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        b.CreateTable(
            name: "vendor_bank_changes",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                vendorId = table.Column<Guid>(name: "vendor_id", nullable: false),
                accountHolder = table.Column<string>(name: "account_holder", maxLength: 200, nullable: false),
                iban = table.Column<string>(name: "iban", maxLength: 34, nullable: true),
                bic = table.Column<string>(name: "bic", maxLength: 11, nullable: true),
                accountNumber = table.Column<string>(name: "account_number", maxLength: 17, nullable: true),
                routingNumber = table.Column<string>(name: "routing_number", maxLength: 9, nullable: true),
                masked = table.Column<string>(name: "masked", maxLength: 60, nullable: false),
                reason = table.Column<string>(name: "reason", maxLength: 500, nullable: false),
                status = table.Column<string>(name: "status", maxLength: 20, nullable: false),
                requestedById = table.Column<Guid>(name: "requested_by_id", nullable: false),
                requestedAtUtc = table.Column<DateTime>(name: "requested_at_utc", nullable: false),
                decidedById = table.Column<Guid>(name: "decided_by_id", nullable: true),
                decidedAtUtc = table.Column<DateTime>(name: "decided_at_utc", nullable: true),
                decisionNote = table.Column<string>(name: "decision_note", maxLength: 500, nullable: true),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_vendor_bank_changes", x => x.id);
                table.ForeignKey(
                    name: "fk_vendor_bank_changes_users_requested_by_id",
                    column: x => x.requestedById,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_vendor_bank_changes_vendors_vendor_id",
                    column: x => x.vendorId,
                    principalTable: "vendors",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        b.CreateIndex(
            name: "ix_vendor_bank_changes_requested_by_id",
            table: "vendor_bank_changes",
            column: "requested_by_id");

        b.CreateIndex(
            name: "ix_vendor_bank_changes_vendor_id_status",
            table: "vendor_bank_changes",
            columns: new[] { "vendor_id", "status" });

        b.CreateIndex(
            name: "ix_vendor_document_types_company_id_code",
            table: "vendor_document_types",
            columns: new[] { "company_id", "code" },
            unique: true);

        b.CreateIndex(
            name: "ix_vendor_documents_company_id_expires_on",
            table: "vendor_documents",
            columns: new[] { "company_id", "expires_on" });

        b.CreateIndex(
            name: "ix_vendor_documents_document_type_id",
            table: "vendor_documents",
            column: "document_type_id");

        b.CreateIndex(
            name: "ix_vendor_documents_uploaded_by_id",
            table: "vendor_documents",
            column: "uploaded_by_id");

        b.CreateIndex(
            name: "ix_vendor_documents_vendor_id_document_type_id",
            table: "vendor_documents",
            columns: new[] { "vendor_id", "document_type_id" });
    }
}
