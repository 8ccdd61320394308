using Npgsql;

namespace Tandem.Web.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database for one test fixture, on the engine chosen by TANDEM_TEST_DB (sqlite, the default, or
/// postgres with TANDEM_TEST_PG naming the server, e.g. "Host=127.0.0.1;Port=55432;Username=postgres").
/// eng/test.sh runs the whole suite once per engine.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _pgServer;
    private readonly string? _pgName;
    private readonly string? _sqliteFile;

    private TestDatabase(string provider, string connectionString, string? pgServer, string? pgName, string? sqliteFile)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _pgServer = pgServer;
        _pgName = pgName;
        _sqliteFile = sqliteFile;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public bool IsPostgres => Provider == "postgres";

    public static string Engine => Environment.GetEnvironmentVariable("TANDEM_TEST_DB") ?? "sqlite";

    public static async Task<TestDatabase> CreateAsync()
    {
        if (Engine == "postgres")
        {
            var server = Environment.GetEnvironmentVariable("TANDEM_TEST_PG")
                ?? throw new InvalidOperationException("TANDEM_TEST_DB=postgres needs TANDEM_TEST_PG (a connection string to the server).");
            var name = "tandem_test_" + Guid.NewGuid().ToString("N")[..16];
            await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
                await create.ExecuteNonQueryAsync();
            }

            var cs = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 40 }.ConnectionString;
            return new TestDatabase("postgres", cs, server, name, null);
        }

        var file = Path.Combine(Path.GetTempPath(), $"tandem-test-{Guid.NewGuid():N}.db");
        return new TestDatabase("sqlite", $"Data Source={file}", null, null, file);
    }

    public async ValueTask DisposeAsync()
    {
        if (_pgServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_pgServer) { Database = "postgres" }.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgName} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        else if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(f);
            }
        }
    }
}
