using Tandem.Domain;

namespace Tandem.Web.Platform.Data;

/// <summary>
/// One transaction around a change whose checks read what concurrent changes write (budgets). On SQLite the
/// transaction begins IMMEDIATE — it holds the single write lock from the start, so checks and writes are serialized;
/// on PostgreSQL the work locks the rows it decides on (<see cref="DecisionLocks"/>).
/// </summary>
public static class Transactions
{
    /// <summary>Runs <paramref name="work"/> in a transaction: committed when it succeeds, rolled back when it fails or throws.</summary>
    public static async Task<Result<T>> RunAsync<T>(TandemDb db, Func<Task<Result<T>>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await work();
        if (result.IsSuccess)
        {
            await transaction.CommitAsync(ct);
        }

        return result;
    }
}
