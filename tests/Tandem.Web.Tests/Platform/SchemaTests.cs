using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Tandem.Web.Platform.Data;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Platform;

/// <summary>
/// The hand-written migrations must produce exactly the schema the model describes (tables, columns with types and
/// nullability, keys, indexes, foreign keys), on the engine under test; and upgrading a database with data loses nothing.
/// The full-text objects outside the model (catalog_fts on SQLite, catalog_search_match on PostgreSQL; ADR 0012) are left out.
/// </summary>
public sealed class SchemaTests
{
    private static TandemDb Open(TestDatabase database)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider,
            ["ConnectionStrings:Tandem"] = database.ConnectionString,
        }).Build();
        var options = new DbContextOptionsBuilder<TandemDb>();
        DatabaseSettings.From(config).Configure(options);
        return new TandemDb(options.Options);
    }

    [Fact]
    public async Task Migrated_schema_equals_the_model()
    {
        await using var migratedDb = await TestDatabase.CreateAsync();
        await using var modelDb = await TestDatabase.CreateAsync();
        await using var migrated = Open(migratedDb);
        await using var fromModel = Open(modelDb);
        await DatabaseMigrator.MigrateAsync(migrated, TestContext.Current.CancellationToken);
        await fromModel.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);

        var expected = await SchemaOf(fromModel);
        var actual = await SchemaOf(migrated);
        Assert.True(expected.Count > 50, "schema description should be substantial");
        Assert.Equal(expected.Except(actual).Order(), Array.Empty<string>());
        Assert.Equal(actual.Except(expected).Order(), Array.Empty<string>());
    }

    [Fact]
    public async Task Upgrading_a_database_with_data_keeps_the_data()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();
        await using var db = Open(database);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("20261122000001_Foundation", ct);

        var companyId = Guid.CreateVersion7();
        var userId = Guid.CreateVersion7();
        var departmentId = Guid.CreateVersion7();
        var auditId = Guid.CreateVersion7();
        var now = DateTime.UtcNow;
        await db.Database.ExecuteSqlAsync($"INSERT INTO companies (id, code, name, base_currency, time_zone, fiscal_year_start_month, created_at_utc, version) VALUES ({companyId}, {"OLD"}, {"Old Co"}, {"EUR"}, {"Europe/Berlin"}, {4}, {now}, {0})", ct);
        await db.Database.ExecuteSqlAsync($"INSERT INTO users (id, company_id, display_name, is_active, created_at_utc, version, email, normalized_email, user_name, normalized_user_name, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count) VALUES ({userId}, {companyId}, {"Old User"}, {true}, {now}, {0}, {"old@x.test"}, {"OLD@X.TEST"}, {"old@x.test"}, {"OLD@X.TEST"}, {true}, {false}, {false}, {true}, {0})", ct);
        await db.Database.ExecuteSqlAsync($"INSERT INTO departments (id, company_id, code, name, manager_id, is_active, version) VALUES ({departmentId}, {companyId}, {"OPS"}, {"Operations"}, {userId}, {true}, {3})", ct);
        await db.Database.ExecuteSqlAsync($"INSERT INTO audit_entries (id, occurred_at_utc, actor_user_id, actor_name, entity_type, entity_id, action, after_json) VALUES ({auditId}, {now}, {userId}, {"Old User"}, {"Department"}, {departmentId.ToString()}, {"created"}, {"{}"})", ct);

        await DatabaseMigrator.MigrateAsync(db, ct);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
        var company = await db.Companies.AsNoTracking().SingleAsync(ct);
        Assert.Equal(("OLD", "EUR", 4), (company.Code, company.BaseCurrency, company.FiscalYearStartMonth));
        var department = await db.Departments.AsNoTracking().SingleAsync(ct);
        Assert.Equal(("OPS", userId, 3), (department.Code, department.ManagerId, department.Version));
        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(ct);
        Assert.Equal(companyId, audit.CompanyId);
        Assert.Equal("Old User", (await db.Users.AsNoTracking().SingleAsync(ct)).DisplayName);
    }

    [Fact]
    public async Task Upgrading_keeps_every_catalog_item_findable_by_every_prefix_length()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();
        await using var db = Open(database);
        // A search row indexed before the upgrade (its item and company need not exist for this).
        await MigrateToWithoutForeignKeysAsync(db, database, "20261201000018_NonPoInvoices", ct);
        await db.Database.ExecuteSqlAsync($"INSERT INTO catalog_search (item_id, company_id, sku, name, description, category, vendors, tags) VALUES ({Guid.CreateVersion7()}, {Guid.CreateVersion7()}, {"QZ-1"}, {"Quartzite tile"}, {""}, {"Flooring"}, {"Paperline Ltd"}, {"active"})", ct);

        await DatabaseMigrator.MigrateAsync(db, ct);

        foreach (var prefix in new[] { "qu", "qua", "quar", "quart", "quartz", "quartzi", "paperl" })
        {
            var found = await FoundAsync(db, prefix, ct);
            Assert.True(found == 1, $"{prefix}: {found}");
        }
    }

    [Fact]
    public async Task Upgrading_merges_the_budget_ledger_into_one_row_per_document_and_budget_line_with_the_same_sums()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();
        await using var db = Open(database);
        // Ledger rows as the older schema wrote them, one per document line (their company and budget lines need not exist for this).
        await MigrateToWithoutForeignKeysAsync(db, database, "20261202000022_CatalogSearchMatch", ct);
        var (company, budgetX, budgetY, order, invoice) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var now = DateTime.UtcNow;
        foreach (var (budget, document, type, line, kind, amount) in new[]
        {
            (budgetX, order, "purchaseOrder", 1, "Committed", 100L), (budgetX, order, "purchaseOrder", 2, "Committed", 250L),
            (budgetX, order, "purchaseOrder", 3, "Committed", 5L), (budgetY, order, "purchaseOrder", 1, "Committed", 100L),
            (budgetX, invoice, "invoice", 1, "Actual", 40L),
        })
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO budget_consumptions (id, company_id, budget_line_id, document_type, document_id, document_number, line_no, kind, amount_minor, recorded_at_utc)
                VALUES ({Guid.CreateVersion7()}, {company}, {budget}, {type}, {document}, {"D-1"}, {line}, {kind}, {amount}, {now})
                """, ct);
        }

        await DatabaseMigrator.MigrateAsync(db, ct);

        var rows = await db.BudgetConsumptions.AsNoTracking().OrderBy(c => c.DocumentType).ThenBy(c => c.AmountMinor).ToListAsync(ct);
        Assert.Equal(
            [(invoice, budgetX, "Actual", 40L, 1), (order, budgetY, "Committed", 100L, 1), (order, budgetX, "Committed", 355L, 3)],
            rows.Select(r => (r.DocumentId, r.BudgetLineId, r.Kind.ToString(), r.AmountMinor, r.Lines)));
    }

    [Fact]
    public async Task The_full_text_index_follows_inserted_updated_and_deleted_search_rows()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();
        await using var db = Open(database);
        await DatabaseMigrator.MigrateAsync(db, ct);
        await db.Database.OpenConnectionAsync(ct);
        // Rows without items (this throw-away database loses the foreign key; a replica session role would also stop the triggers).
        await db.Database.ExecuteSqlRawAsync(database.IsPostgres ? "ALTER TABLE catalog_search DROP CONSTRAINT fk_catalog_search_items_item_id" : "PRAGMA foreign_keys = OFF", ct);
        var company = Guid.CreateVersion7();
        foreach (var (sku, name) in new[] { ("QZ-1", "Quartzite tile"), ("QZ-2", "Quartzite slab") })
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO catalog_search (item_id, company_id, sku, name, description, category, vendors, tags) VALUES ({Guid.CreateVersion7()}, {company}, {sku}, {name}, {""}, {"Flooring"}, {"Paperline Ltd"}, {"active"})", ct);
        }

        Assert.Equal((2, 0), (await FoundAsync(db, "quartzi", ct), await FoundAsync(db, "granit", ct)));

        await db.Database.ExecuteSqlAsync($"UPDATE catalog_search SET name = {"Granite tile"} WHERE sku = {"QZ-1"}", ct);
        Assert.Equal((1, 1), (await FoundAsync(db, "quartzi", ct), await FoundAsync(db, "granit", ct)));
        await db.Database.ExecuteSqlAsync($"UPDATE catalog_search SET tags = {"active k1"}", ct);
        Assert.Equal((1, 1), (await FoundAsync(db, "quartzi", ct), await FoundAsync(db, "granit", ct)));
        if (database.IsPostgres)
        {
            // PostgreSQL filters on the match table's own copy of the tags.
            Assert.Equal(2, await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM catalog_search_match WHERE tags = {"active k1"}").SingleAsync(ct));
        }

        await db.Database.ExecuteSqlAsync($"DELETE FROM catalog_search WHERE sku = {"QZ-2"}", ct);
        Assert.Equal((0, 1), (await FoundAsync(db, "quartzi", ct), await FoundAsync(db, "granit", ct)));
    }

    /// <summary>An older schema, with foreign keys off for this connection: rows as that schema held them are inserted without their parents.</summary>
    private static async Task MigrateToWithoutForeignKeysAsync(TandemDb db, TestDatabase database, string migration, CancellationToken ct)
    {
        await db.GetService<IMigrator>().MigrateAsync(migration, ct);
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync(database.IsPostgres ? "SET session_replication_role = replica" : "PRAGMA foreign_keys = OFF", ct);
    }

    /// <summary>Search rows whose indexed text has a word starting with <paramref name="prefix"/>, through each engine's own full-text index.</summary>
    private static Task<int> FoundAsync(TandemDb db, string prefix, CancellationToken ct) => db.Database.IsNpgsql()
        ? db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM catalog_search_match WHERE tsv @@ to_tsquery('simple', {prefix + ":*"})").SingleAsync(ct)
        : db.Database.SqlQuery<int>($"SELECT count(*) AS Value FROM catalog_fts WHERE catalog_fts MATCH {"\"" + prefix + "\"*"}").SingleAsync(ct);

    [Fact]
    public async Task Rewriting_every_invoice_line_and_order_line_keeps_each_on_its_page()
    {
        Assert.SkipUnless(TestDatabase.Engine == "postgres", "Free room in pages is PostgreSQL's; SQLite rewrites a row in place.");
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();
        await using var db = Open(database);
        await MigrateToWithoutForeignKeysAsync(db, database, "20261203000025_HalfFreeLinePages", ct);
        // A re-match rewrites each line's result, a receipt or an invoice each order line's running quantities: a page's
        // rows all at once. Rows as the product writes them (about 250 and 210 bytes), loaded in one statement as COPY would.
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO invoice_lines (id, invoice_id, line_no, purchase_order_line_id, description, quantity_units, unit_price_micros,
                amount_minor, match_status, exceptions, variance_minor, explanation, gl_account_id, cost_center_id)
            SELECT gen_random_uuid(), gen_random_uuid(), 1, gen_random_uuid(), 'Toner cartridge, black, high yield ' || g, 10000, 4200000,
                420, 'exception', 'priceOverTolerance', 20, 'price 4.20 over the order''s 4.00', gen_random_uuid(), gen_random_uuid()
            FROM generate_series(1, 2000) g;
            INSERT INTO purchase_order_lines (id, purchase_order_id, line_no, requisition_id, requisition_line_id, item_id, offer_id, description,
                category_id, quantity_units, unit, unit_price_micros, amount_minor, tax_rate_basis_points, tax_minor, gl_account_id, receive_by, received_net)
            SELECT gen_random_uuid(), gen_random_uuid(), 1, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(),
                'Toner cartridge, black, high yield ' || g, gen_random_uuid(), 10000, 'each', 4000000, 400, 2000, 80, gen_random_uuid(), 'quantity', 0
            FROM generate_series(1, 2000) g;
            """, ct);

        const string Pages = "SELECT id, (ctid::text::point)[0] AS page FROM invoice_lines UNION ALL SELECT id, (ctid::text::point)[0] FROM purchase_order_lines";
        await db.Database.ExecuteSqlRawAsync("CREATE TEMP TABLE pages_before AS " + Pages, ct);
        await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE invoice_lines SET match_status = 'withinTolerance', exceptions = '', explanation = 'within tolerance: price variance 0.20';
            UPDATE purchase_order_lines SET received_net = quantity_units, invoiced_units = quantity_units;
            """, ct);

        // Scalar queries only: a query into a type of its own would add it to the shared compiled model.
        const string Compared = "SELECT count(*)::int AS \"Value\" FROM pages_before b JOIN (" + Pages + ") n USING (id) WHERE ";
        var kept = await db.Database.SqlQueryRaw<int>(Compared + "b.page = n.page").SingleAsync(ct);
        var moved = await db.Database.SqlQueryRaw<int>(Compared + "b.page <> n.page").SingleAsync(ct);
        Assert.Equal((4000, 0), (kept, moved));
    }

    [Fact]
    public async Task Audit_entries_cannot_be_changed_or_deleted_even_with_raw_sql()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();
        await using var db = Open(database);
        await DatabaseMigrator.MigrateAsync(db, ct);
        db.Companies.Add(new Features.Organization.Company { Id = Guid.CreateVersion7(), Code = "A", Name = "A", CreatedAtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync(ct);
        Assert.Equal(1, await db.AuditEntries.CountAsync(ct));
        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET actor_name = 'forged'", ct));
        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries", ct));
        Assert.Equal("system", (await db.AuditEntries.AsNoTracking().SingleAsync(ct)).ActorName);
    }

    [Fact]
    public async Task Document_numbers_never_repeat_under_concurrency()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();
        await using (var setup = Open(database))
        {
            await DatabaseMigrator.MigrateAsync(setup, ct);
        }

        var companyId = Guid.CreateVersion7();
        var numbers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(async () =>
        {
            await using var db = Open(database);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var number = await DocumentNumbers.NextAsync(db, companyId, "PO", 2026, ct);
            await tx.CommitAsync(ct);
            return number;
        }, ct)));

        Assert.Equal(40, numbers.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 40).Select(i => $"PO-2026-{i:D6}").Order(), numbers.Order());
    }

    private static async Task<HashSet<string>> SchemaOf(TandemDb db)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var rows = new HashSet<string>(StringComparer.Ordinal);
        if (db.Database.IsNpgsql())
        {
            await Collect(connection, rows, """
                SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' ' || is_nullable || coalesce(' identity:' || identity_generation, '')
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT IN ('ef_migrations_history', '__EFMigrationsLock')
                  AND table_name <> 'catalog_search_match'
                """);
            await Collect(connection, rows, "SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT IN ('ef_migrations_history', '__EFMigrationsLock', 'catalog_search_match')");
            await Collect(connection, rows, """
                SELECT 'constraint ' || c.conrelid::regclass || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
                FROM pg_constraint c WHERE c.connamespace = 'public'::regnamespace AND c.conrelid::regclass::text NOT IN ('ef_migrations_history', '"__EFMigrationsLock"', 'catalog_search_match')
                """);
        }
        else
        {
            var tables = new HashSet<string>(StringComparer.Ordinal);
            await Collect(connection, tables, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'catalog_fts%' AND name NOT IN ('ef_migrations_history', '__EFMigrationsLock')");
            foreach (var t in tables)
            {
                await Collect(connection, rows, $"SELECT 'column {t}.' || name || ' ' || type || ' notnull:' || \"notnull\" || ' pk:' || pk FROM pragma_table_info('{t}')");
                await Collect(connection, rows, $"SELECT 'fk {t}.' || \"from\" || ' -> ' || \"table\" || '.' || \"to\" || ' ' || on_delete FROM pragma_foreign_key_list('{t}')");
                await Collect(connection, rows, $"SELECT 'index {t} ' || il.name || ' unique:' || il.\"unique\" || ' ' || (SELECT group_concat(ii.name, ',') FROM pragma_index_info(il.name) ii) FROM pragma_index_list('{t}') il WHERE il.origin = 'c'");
            }
        }

        await connection.CloseAsync();
        return rows;
    }

    private static async Task Collect(DbConnection connection, HashSet<string> into, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            into.Add(reader.GetString(0));
        }
    }
}
