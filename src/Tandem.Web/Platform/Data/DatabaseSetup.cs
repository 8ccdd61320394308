using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Tandem.Web.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Chooses the engine from configuration: Database:Provider = sqlite (default, a file under ./data) or postgres,
/// and ConnectionStrings:Tandem. Environment variables work too: Database__Provider, ConnectionStrings__Tandem.
/// SQLite only: Database:SqliteCacheMiB, the page cache per connection (<see cref="SqliteConnectionSetup"/>).
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, bool IsDefaultSqlite, int SqliteCacheMiB = SqliteConnectionSetup.DefaultCacheMiB)
{
    private readonly SqliteConnectionSetup _sqliteSetup = new(SqliteCacheMiB);

    public const string DefaultSqlite = "Data Source=./data/tandem.db";

    public static DatabaseSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providerName = configuration["Database:Provider"] ?? "sqlite";
        var provider = providerName.ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException($"Database:Provider must be 'sqlite' or 'postgres', not '{providerName}'."),
        };
        var configured = configuration.GetConnectionString("Tandem");
        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException("Database:Provider is postgres but ConnectionStrings:Tandem is not set.");
        }

        var connectionString = string.IsNullOrWhiteSpace(configured) ? DefaultSqlite : configured;
        connectionString = provider == DatabaseProvider.Sqlite ? PrepareSqlite(connectionString) : PreparePostgres(connectionString);

        var cacheMiB = configuration.GetValue("Database:SqliteCacheMiB", SqliteConnectionSetup.DefaultCacheMiB);
        if (cacheMiB is < 1 or > 4096)
        {
            throw new InvalidOperationException($"Database:SqliteCacheMiB must be between 1 and 4096, not {cacheMiB}.");
        }

        return new DatabaseSettings(provider, connectionString, provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(configured), cacheMiB);
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = Provider == DatabaseProvider.Sqlite
            ? options.UseSqlite(ConnectionString, o => o.MigrationsHistoryTable("ef_migrations_history")).AddInterceptors(_sqliteSetup)
            : options.UseNpgsql(ConnectionString, o => o.MigrationsHistoryTable("ef_migrations_history"));
        options.UseSnakeCaseNamingConvention();
        // Migrations are hand-written (no design-time package, ADR 0006); a test proves they equal the model.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>
    /// PostgreSQL (ADR 0025): statements a connection runs again and again are prepared on the server (Npgsql's automatic
    /// preparation), so each run skips parsing and planning; and a connection going back to the pool is not reset (Tandem
    /// keeps no session state: no SET, temporary tables, session locks or LISTEN), which saves the reset's commands on
    /// every reuse. A connection string that sets either itself wins.
    /// </summary>
    private static string PreparePostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!given.Contains(nameof(builder.MaxAutoPrepare)))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
        }

        if (!given.Contains(nameof(builder.NoResetOnClose)))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ToString();
    }

    /// <summary>Statements kept prepared per PostgreSQL connection (least recently used replaced first).</summary>
    public const int AutoPreparedStatements = 250;

    /// <summary>Creates the folder of the database file and sets a generous busy timeout for the single writer.</summary>
    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
        }

        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }

        return builder.ToString();
    }
}

public static class DatabaseMigrator
{
    /// <summary>Applies pending migrations; on SQLite also switches to WAL so readers never wait for the writer.</summary>
    public static async Task MigrateAsync(TandemDb db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        await db.Database.MigrateAsync(ct);
    }
}
