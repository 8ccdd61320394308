using Microsoft.Data.Sqlite;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Tests.Platform;

/// <summary>The page cache is set once per native connection and survives the pool handing that connection out again.</summary>
public sealed class SqliteConnectionSetupTests
{
    [Fact]
    public void The_page_cache_is_set_on_a_new_connection_and_kept_when_the_pool_reopens_it()
    {
        var folder = Directory.CreateTempSubdirectory("tandem-sqlite-").FullName;
        var connectionString = $"Data Source={Path.Combine(folder, "t.db")};Pooling=True";
        var setup = new SqliteConnectionSetup(48);
        static long CacheSize(SqliteConnection c)
        {
            using var command = c.CreateCommand();
            command.CommandText = "PRAGMA cache_size";
            return (long)command.ExecuteScalar()!;
        }

        try
        {
            using (var first = new SqliteConnection(connectionString))
            {
                first.Open();
                Assert.Equal(-2000, CacheSize(first)); // SQLite's own default, before the setup runs
                setup.ConnectionOpened(first, null!);
                Assert.Equal(-48 * 1024, CacheSize(first));
            }

            // The pool hands out the same native connection: the setting is still there, so the setup need not run again.
            using var again = new SqliteConnection(connectionString);
            again.Open();
            Assert.Equal(-48 * 1024, CacheSize(again));
            setup.ConnectionOpened(again, null!);
            Assert.Equal(-48 * 1024, CacheSize(again));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
