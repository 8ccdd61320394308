using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Tandem.Web.Features.Audit;
using Tandem.Web.Platform.Audit;

namespace Tandem.Web.Platform.Data;

/// <summary>
/// Inserts many new rows of one entity type on the context's connection and current transaction, bypassing the change
/// tracker: binary COPY on PostgreSQL, one prepared single-row statement on SQLite. Values go through EF's own type
/// mappings (so Guids, dates and enum conversions are stored exactly as EF stores them). Each row still gets its
/// "created" audit entry, written the same way. For imports of tens of thousands of rows; ordinary use cases use
/// SaveChanges, which writes its own large groups of added rows this way too (<see cref="LargeSaves"/>).
/// </summary>
public static class BulkInsert
{
    // Small statements: drivers look parameters up by name, so a statement with tens of thousands of them gets slow
    // (LargeSaves' multi-row deletes, and its multi-row updates on SQLite).
    internal const int MaxParameters = 999;

    public static async Task InsertAsync<T>(TandemDb db, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var type = TypeOf<T>(db);
        await WriteAsync(db, type, rows, static (column, row) => column.GetGetter().GetClrValue(row), ct);
        if (typeof(IAudited).IsAssignableFrom(typeof(T)))
        {
            var now = db.Clock.GetUtcNow().UtcDateTime;
            await WriteAsync(db, TypeOf<AuditEntry>(db), [.. AuditWriter.Created(db, type, rows, now)], static (column, row) => column.GetGetter().GetClrValue(row), ct);
        }
    }

    /// <summary>Rows the change tracker holds as added (their values read from the entries, shadow properties included); no audit entries of their own.</summary>
    internal static Task InsertEntriesAsync(TandemDb db, IEntityType entityType, IReadOnlyList<EntityEntry> entries, CancellationToken ct) =>
        WriteAsync(db, entityType, [.. entries.Select(e => e.CurrentValues)], static (column, values) => values[column], ct);

    private static IEntityType TypeOf<T>(TandemDb db) => db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");

    private static async Task WriteAsync<TRow>(TandemDb db, IEntityType entityType, IReadOnlyList<TRow> rows, Func<IProperty, TRow, object?> value, CancellationToken ct)
    {
        var table = entityType.GetTableName()!;
        var columns = entityType.GetProperties().Where(p => p.GetColumnName() is not null).ToList();
        var mappings = columns.Select(p => p.GetRelationalTypeMapping()).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var into = $"{sql.DelimitIdentifier(table)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName())))})";
        if (db.Database.IsNpgsql())
        {
            await CopyAsync(db, $"COPY {into} FROM STDIN (FORMAT BINARY)", columns, mappings, rows, value, ct);
            return;
        }

        // SQLite is in-process: one prepared single-row statement, its parameters made once and given each row's values
        // (a statement with many rows gets slower — parameters are looked up by name — and so does re-making them).
        await EachRowAsync(db, $"INSERT INTO {into} VALUES ({string.Join(", ", columns.Select((_, c) => "@p" + c))})", columns, rows, value, ct);
    }

    /// <summary>
    /// SQLite: runs one prepared statement per row, its parameters <c>@p0</c>, <c>@p1</c>, … the row's values of
    /// <paramref name="columns"/> in order, made once as EF makes them (type and settings of the column's mapping, no
    /// size, so no value is ever cut short). Returns the rows the statements changed.
    /// </summary>
    internal static async Task<int> EachRowAsync<TRow>(TandemDb db, string sql, IReadOnlyList<IProperty> columns, IReadOnlyList<TRow> rows, Func<IProperty, TRow, object?> value, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        var mappings = columns.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var parameters = new DbParameter[columns.Count];
        var converters = mappings.Select(m => m.Converter).ToArray();
        for (var c = 0; c < columns.Count; c++)
        {
            parameters[c] = mappings[c].CreateParameter(command, "@p" + c, null, columns[c].IsNullable);
            parameters[c].Size = -1;
            command.Parameters.Add(parameters[c]);
        }

        var changed = 0;
        foreach (var row in rows)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                var v = value(columns[c], row);
                parameters[c].Value = v is null ? DBNull.Value : converters[c] is { } converter ? converter.ConvertToProvider(v) ?? DBNull.Value : v;
            }

            changed += await command.ExecuteNonQueryAsync(ct);
            StatementCounter.CountWrite();
        }

        return changed;
    }

    /// <summary>PostgreSQL's fastest way in: binary COPY on the context's connection (inside its current transaction).</summary>
    private static async Task CopyAsync<TRow>(TandemDb db, string copy, List<IProperty> columns, List<RelationalTypeMapping> mappings, IReadOnlyList<TRow> rows,
        Func<IProperty, TRow, object?> value, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var types = mappings.Select(m => m.StoreType.Split('(')[0].Trim()).ToList();
        var converters = mappings.Select(m => m.Converter).ToList();
        await using var importer = await connection.BeginBinaryImportAsync(copy, ct);
        foreach (var row in rows)
        {
            importer.StartRow();
            for (var c = 0; c < columns.Count; c++)
            {
                var v = value(columns[c], row);
                if (v is not null && converters[c] is { } converter)
                {
                    v = converter.ConvertToProvider(v);
                }

                if (v is null)
                {
                    importer.WriteNull();
                }
                else
                {
                    importer.Write(v, types[c]);
                }
            }
        }

        await importer.CompleteAsync(ct);
        StatementCounter.CountWrite();
    }
}
