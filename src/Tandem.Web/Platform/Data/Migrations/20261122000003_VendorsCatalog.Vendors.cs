using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

public sealed partial class VendorsCatalog
{
    /// <summary>Vendors with addresses, contacts, categories and sign-offs; preferred vendors and offers.</summary>
    private static void CreateVendors(MigrationBuilder b)
    {
        b.CreateTable(
            name: "vendors",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                code = table.Column<string>(name: "code", maxLength: 20, nullable: false),
                legalName = table.Column<string>(name: "legal_name", maxLength: 200, nullable: false),
                tradingName = table.Column<string>(name: "trading_name", maxLength: 200, nullable: true),
                taxId = table.Column<string>(name: "tax_id", maxLength: 40, nullable: true),
                taxIdKey = table.Column<string>(name: "tax_id_key", maxLength: 40, nullable: true),
                country = table.Column<string>(name: "country", maxLength: 2, nullable: false),
                defaultCurrency = table.Column<string>(name: "default_currency", maxLength: 3, nullable: false),
                paymentNetDays = table.Column<int>(name: "payment_net_days", nullable: false),
                paymentDiscountBasisPoints = table.Column<int>(name: "payment_discount_basis_points", nullable: false),
                paymentDiscountDays = table.Column<int>(name: "payment_discount_days", nullable: false),
                defaultGlAccountId = table.Column<Guid>(name: "default_gl_account_id", nullable: true),
                notes = table.Column<string>(name: "notes", maxLength: 4000, nullable: true),
                status = table.Column<string>(name: "status", maxLength: 20, nullable: false),
                statusReason = table.Column<string>(name: "status_reason", maxLength: 500, nullable: true),
                requestedById = table.Column<Guid>(name: "requested_by_id", nullable: false),
                createdById = table.Column<Guid>(name: "created_by_id", nullable: false),
                createdAtUtc = table.Column<DateTime>(name: "created_at_utc", nullable: false),
                bankAccountHolder = table.Column<string>(name: "bank_account_holder", maxLength: 200, nullable: true),
                bankIban = table.Column<string>(name: "bank_iban", maxLength: 34, nullable: true),
                bankBic = table.Column<string>(name: "bank_bic", maxLength: 11, nullable: true),
                bankAccountNumber = table.Column<string>(name: "bank_account_number", maxLength: 17, nullable: true),
                bankRoutingNumber = table.Column<string>(name: "bank_routing_number", maxLength: 9, nullable: true),
                bankMasked = table.Column<string>(name: "bank_masked", maxLength: 60, nullable: true),
                bankVerifiedAtUtc = table.Column<DateTime>(name: "bank_verified_at_utc", nullable: true),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_vendors", x => x.id);
                table.ForeignKey(
                    name: "fk_vendors_companies_company_id",
                    column: x => x.companyId,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_vendors_gl_accounts_default_gl_account_id",
                    column: x => x.defaultGlAccountId,
                    principalTable: "gl_accounts",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_vendors_users_created_by_id",
                    column: x => x.createdById,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_vendors_users_requested_by_id",
                    column: x => x.requestedById,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        b.CreateTable(
            name: "vendor_addresses",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                vendorId = table.Column<Guid>(name: "vendor_id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                kind = table.Column<string>(name: "kind", maxLength: 10, nullable: false),
                line1 = table.Column<string>(name: "line1", maxLength: 200, nullable: false),
                line2 = table.Column<string>(name: "line2", maxLength: 200, nullable: true),
                city = table.Column<string>(name: "city", maxLength: 100, nullable: false),
                region = table.Column<string>(name: "region", maxLength: 100, nullable: true),
                postalCode = table.Column<string>(name: "postal_code", maxLength: 20, nullable: true),
                country = table.Column<string>(name: "country", maxLength: 2, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_vendor_addresses", x => x.id);
                table.ForeignKey(
                    name: "fk_vendor_addresses_vendors_vendor_id",
                    column: x => x.vendorId,
                    principalTable: "vendors",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        b.CreateTable(
            name: "vendor_contacts",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                vendorId = table.Column<Guid>(name: "vendor_id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                name = table.Column<string>(name: "name", maxLength: 200, nullable: false),
                email = table.Column<string>(name: "email", maxLength: 254, nullable: true),
                phone = table.Column<string>(name: "phone", maxLength: 40, nullable: true),
                role = table.Column<string>(name: "role", maxLength: 100, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_vendor_contacts", x => x.id);
                table.ForeignKey(
                    name: "fk_vendor_contacts_vendors_vendor_id",
                    column: x => x.vendorId,
                    principalTable: "vendors",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        b.CreateTable(
            name: "vendor_categories",
            columns: table => new
            {
                vendorId = table.Column<Guid>(name: "vendor_id", nullable: false),
                categoryId = table.Column<Guid>(name: "category_id", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_vendor_categories", x => new { x.vendorId, x.categoryId });
                table.ForeignKey(
                    name: "fk_vendor_categories_categories_category_id",
                    column: x => x.categoryId,
                    principalTable: "categories",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_vendor_categories_vendors_vendor_id",
                    column: x => x.vendorId,
                    principalTable: "vendors",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        b.CreateTable(
            name: "vendor_sign_offs",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                vendorId = table.Column<Guid>(name: "vendor_id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                userId = table.Column<Guid>(name: "user_id", nullable: false),
                capacity = table.Column<string>(name: "capacity", maxLength: 20, nullable: false),
                comment = table.Column<string>(name: "comment", maxLength: 500, nullable: true),
                signedAtUtc = table.Column<DateTime>(name: "signed_at_utc", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_vendor_sign_offs", x => x.id);
                table.ForeignKey(
                    name: "fk_vendor_sign_offs_users_user_id",
                    column: x => x.userId,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_vendor_sign_offs_vendors_vendor_id",
                    column: x => x.vendorId,
                    principalTable: "vendors",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        b.CreateTable(
            name: "preferred_vendors",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                categoryId = table.Column<Guid>(name: "category_id", nullable: false),
                vendorId = table.Column<Guid>(name: "vendor_id", nullable: false),
                rank = table.Column<int>(name: "rank", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_preferred_vendors", x => x.id);
                table.ForeignKey(
                    name: "fk_preferred_vendors_categories_category_id",
                    column: x => x.categoryId,
                    principalTable: "categories",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "fk_preferred_vendors_vendors_vendor_id",
                    column: x => x.vendorId,
                    principalTable: "vendors",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        b.CreateTable(
            name: "offers",
            columns: table => new
            {
                id = table.Column<Guid>(name: "id", nullable: false),
                companyId = table.Column<Guid>(name: "company_id", nullable: false),
                itemId = table.Column<Guid>(name: "item_id", nullable: false),
                vendorId = table.Column<Guid>(name: "vendor_id", nullable: false),
                unitPriceMicros = table.Column<long>(name: "unit_price_micros", nullable: false),
                currency = table.Column<string>(name: "currency", maxLength: 3, nullable: false),
                minimumQuantityUnits = table.Column<long>(name: "minimum_quantity_units", nullable: false),
                packSizeUnits = table.Column<long>(name: "pack_size_units", nullable: false),
                leadTimeDays = table.Column<int>(name: "lead_time_days", nullable: false),
                freightMinor = table.Column<long>(name: "freight_minor", nullable: true),
                validFrom = table.Column<DateOnly>(name: "valid_from", nullable: false),
                validTo = table.Column<DateOnly>(name: "valid_to", nullable: true),
                contractReference = table.Column<string>(name: "contract_reference", maxLength: 60, nullable: true),
                version = table.Column<int>(name: "version", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_offers", x => x.id);
                table.ForeignKey(
                    name: "fk_offers_items_item_id",
                    column: x => x.itemId,
                    principalTable: "items",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "fk_offers_vendors_vendor_id",
                    column: x => x.vendorId,
                    principalTable: "vendors",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        b.CreateIndex(
            name: "ix_offers_item_id_vendor_id_valid_from",
            table: "offers",
            columns: new[] { "item_id", "vendor_id", "valid_from" });

        b.CreateIndex(
            name: "ix_offers_vendor_id",
            table: "offers",
            column: "vendor_id");

        b.CreateIndex(
            name: "ix_preferred_vendors_category_id_vendor_id",
            table: "preferred_vendors",
            columns: new[] { "category_id", "vendor_id" },
            unique: true);

        b.CreateIndex(
            name: "ix_preferred_vendors_vendor_id",
            table: "preferred_vendors",
            column: "vendor_id");

        b.CreateIndex(
            name: "ix_vendor_addresses_vendor_id",
            table: "vendor_addresses",
            column: "vendor_id");

        b.CreateIndex(
            name: "ix_vendor_categories_category_id",
            table: "vendor_categories",
            column: "category_id");

        b.CreateIndex(
            name: "ix_vendor_contacts_vendor_id",
            table: "vendor_contacts",
            column: "vendor_id");

        b.CreateIndex(
            name: "ix_vendor_sign_offs_user_id",
            table: "vendor_sign_offs",
            column: "user_id");

        b.CreateIndex(
            name: "ix_vendor_sign_offs_vendor_id",
            table: "vendor_sign_offs",
            column: "vendor_id");

        b.CreateIndex(
            name: "ix_vendors_company_id_code",
            table: "vendors",
            columns: new[] { "company_id", "code" },
            unique: true);

        b.CreateIndex(
            name: "ix_vendors_company_id_status",
            table: "vendors",
            columns: new[] { "company_id", "status" });

        b.CreateIndex(
            name: "ix_vendors_company_id_tax_id_key",
            table: "vendors",
            columns: new[] { "company_id", "tax_id_key" });

        b.CreateIndex(
            name: "ix_vendors_created_by_id",
            table: "vendors",
            column: "created_by_id");

        b.CreateIndex(
            name: "ix_vendors_default_gl_account_id",
            table: "vendors",
            column: "default_gl_account_id");

        b.CreateIndex(
            name: "ix_vendors_requested_by_id",
            table: "vendors",
            column: "requested_by_id");
    }
}
