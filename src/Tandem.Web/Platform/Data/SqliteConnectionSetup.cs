using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tandem.Web.Platform.Data;

/// <summary>
/// Set once on every new SQLite connection (pooled connections keep their settings when they are opened again),
/// without a round of EF work:
/// <list type="bullet">
/// <item>The busy handler. SQLite has one writer at a time. When a second transaction wants to write,
/// Microsoft.Data.Sqlite retries it every 150 ms until the command timeout: under load a 10 ms write waited 150, 300 or
/// 600 ms for a lock that was free after a few. Handing the wait to SQLite's own busy handler (sqlite3_busy_timeout: it
/// sleeps 1, 2, 5, 10 … 100 ms between tries) makes the next writer start within milliseconds of the previous commit.</item>
/// <item>The page cache (<c>Database:SqliteCacheMiB</c>, default 32). SQLite's default is 2 MiB per connection: on a
/// large database every analytics question re-read its pages from the operating system (KPI page on two years of
/// history, A/B in the same hour: p50 −17 to −20 %; 64 MiB was no faster than 32 and used more memory). The cache only
/// grows to the pages a connection has read, so a small database costs nothing extra.</item>
/// </list>
/// </summary>
public sealed class SqliteConnectionSetup(int cacheMiB) : DbConnectionInterceptor
{
    public const int DefaultCacheMiB = 32;

    private readonly string _cachePragma = string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size=-{cacheMiB * 1024}");

    /// <summary>The native connections already set up; an entry goes when its connection is released.</summary>
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _done = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite && _done.TryAdd(handle, handle))
        {
            _ = SQLitePCL.raw.sqlite3_busy_timeout(handle, sqlite.DefaultTimeout * 1000);
            _ = SQLitePCL.raw.sqlite3_exec(handle, _cachePragma);
        }
    }
}
