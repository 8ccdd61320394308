using Microsoft.EntityFrameworkCore;

namespace Tandem.Web.Platform.Data;

/// <summary>
/// Row locks that make changes deciding on the same rows run one after the other (ADR 0028): on PostgreSQL
/// <c>SELECT … FOR NO KEY UPDATE</c> on the rows, in id order (no deadlocks), held until the transaction ends — it
/// holds up the next decision on those rows, not the writes that merely reference them. Nothing on SQLite, whose
/// writing transaction holds the database's one write lock already (<see cref="Transactions"/>).
/// </summary>
public static class DecisionLocks
{
    public static async Task LockAsync<TEntity>(TandemDb db, IEnumerable<Guid> ids, CancellationToken ct)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        var table = db.Model.FindEntityType(typeof(TEntity))!.GetTableName();
        var ordered = ids.Distinct().Order().ToArray();
        await db.Database.SqlQueryRaw<Guid>(string.Concat("SELECT id AS \"Value\" FROM ", table, " WHERE id = ANY({0}) ORDER BY id FOR NO KEY UPDATE"), ordered).ToListAsync(ct);
    }
}
