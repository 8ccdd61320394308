using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tandem.Web.Platform.Data;

/// <summary>
/// SQLite has one writer at a time. When a second transaction wants to write, Microsoft.Data.Sqlite retries it every
/// 150 ms until the command timeout: under load a 10 ms write waited 150, 300 or 600 ms for a lock that was free after
/// a few. Handing the wait to SQLite's own busy handler (sqlite3_busy_timeout: it sleeps 1, 2, 5, 10 … 100 ms between
/// tries) makes the next writer start within milliseconds of the previous commit. Set on every opened connection,
/// with the connection's own timeout; no SQL statement is sent.
/// </summary>
public sealed class SqliteBusyWait : DbConnectionInterceptor
{
    public static readonly SqliteBusyWait Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite)
        {
            _ = SQLitePCL.raw.sqlite3_busy_timeout(handle, sqlite.DefaultTimeout * 1000);
        }
    }
}
