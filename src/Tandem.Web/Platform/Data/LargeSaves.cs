using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Tandem.Web.Features.Audit;

namespace Tandem.Web.Platform.Data;

/// <summary>
/// Large units of work (a 1,000-line invoice, an order made of five requisitions, their ledger rows and audit entries)
/// save set-based (ADR 0023): a group of at least <see cref="Threshold"/> rows of one table is deleted with a few
/// <c>DELETE … IN</c> before EF's save, added by <see cref="BulkInsert"/> (binary COPY on PostgreSQL) or updated with
/// one <c>UPDATE … FROM unnest(…)</c> (PostgreSQL) or a prepared single-row <c>UPDATE</c> (SQLite; <see cref="BulkUpdate"/>)
/// after it, in the same transaction — only where that is what EF's own writes would do (see <see cref="Writable"/>,
/// <see cref="BulkUpdate.Updatable"/>, <see cref="Deletable"/>). Written rows stay tracked as unchanged.
/// </summary>
internal sealed class LargeSaves
{
    public const int Threshold = 100;

    private readonly List<(IEntityType Type, List<EntityEntry> Rows)> _added;
    private readonly List<(IEntityType Type, IReadOnlyList<IProperty> Columns, List<EntityEntry> Rows)> _updated;
    private readonly List<(IEntityType Type, List<EntityEntry> Rows)> _deleted;

    private readonly IReadOnlyList<AuditEntry> _audit;

    private LargeSaves(
        List<(IEntityType Type, List<EntityEntry> Rows)> added, List<(IEntityType Type, IReadOnlyList<IProperty> Columns, List<EntityEntry> Rows)> updated,
        List<(IEntityType Type, List<EntityEntry> Rows)> deleted, IReadOnlyList<AuditEntry> audit) => (_added, _updated, _deleted, _audit) = (added, updated, deleted, audit);

    /// <summary>
    /// The large groups of this save, taken out of EF's part of it (added and updated rows marked unchanged; deleted rows
    /// are left until <see cref="DeleteAsync"/>), and the save's audit entries when there are too many to track (written
    /// last, never tracked); null when there are none and EF saves everything as usual.
    /// </summary>
    public static LargeSaves? Take(ChangeTracker tracker, IReadOnlyList<AuditEntry> untrackedAudit)
    {
        // One pass over the tracked entities (a batch re-match tracks over 10,000 per save), each kept by its state.
        var (added, modified, deleted) = (new List<EntityEntry>(), new List<EntityEntry>(), new List<EntityEntry>());
        foreach (var entry in tracker.Entries())
        {
            (entry.State switch
            {
                EntityState.Added => added,
                EntityState.Modified => modified,
                EntityState.Deleted => deleted,
                _ => null,
            })?.Add(entry);
        }

        var deletedGroups = DeletedGroups(deleted);
        var addedGroups = TakeLargeAddedGroups(added, modified);
        var updatedGroups = TakeLargeModifiedGroups(modified);
        return addedGroups.Count + updatedGroups.Count + deletedGroups.Count + untrackedAudit.Count == 0
            ? null : new LargeSaves(addedGroups, updatedGroups, deletedGroups, untrackedAudit);
    }

    /// <summary>Before EF's save, inside its transaction: the deleted groups.</summary>
    public Task DeleteAsync(TandemDb db, CancellationToken ct) => DeleteGroupsAsync(db, _deleted, ct);

    /// <summary>After EF's save, in the same transaction: the added groups (principals first), the updated ones, then the audit entries. Returns the rows written, deletions included.</summary>
    public async Task<int> WriteAsync(TandemDb db, CancellationToken ct)
    {
        var written = _deleted.Sum(g => g.Rows.Count) + _audit.Count;
        foreach (var (type, rows) in _added)
        {
            await InsertAsync(db, type, rows, ct);
            written += rows.Count;
        }

        foreach (var (type, columns, rows) in _updated)
        {
            await UpdateAsync(db, type, columns, rows, ct);
            written += rows.Count;
        }

        await InsertAsync(db, _audit, ct);

        return written;
    }

    /// <summary>
    /// The groups of added rows to write set-based, each principal before its dependents; their entries are marked
    /// unchanged, so EF's own save leaves them out. Empty when the save is small.
    /// </summary>
    private static List<(IEntityType Type, List<EntityEntry> Rows)> TakeLargeAddedGroups(List<EntityEntry> added, List<EntityEntry> modified)
    {
        var groups = new Dictionary<IEntityType, List<EntityEntry>>();
        foreach (var entry in added)
        {
            if (!groups.TryGetValue(entry.Metadata, out var rows))
            {
                groups[entry.Metadata] = rows = [];
            }

            rows.Add(entry);
        }

        var writtenByEf = modified.Select(e => e.Metadata).ToHashSet();

        foreach (var type in groups.Keys.Where(t => groups[t].Count < Threshold || !Writable(t)).ToList())
        {
            groups.Remove(type);
            writtenByEf.Add(type);
        }

        // A group that rows EF writes may point at must exist before them: it goes back to EF (repeated, as the group
        // sent back may in turn point at another group).
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var type in groups.Keys.Where(t => t.GetReferencingForeignKeys().Any(fk => writtenByEf.Contains(fk.DeclaringEntityType))).ToList())
            {
                groups.Remove(type);
                writtenByEf.Add(type);
                changed = true;
            }
        }

        var ordered = new List<(IEntityType, List<EntityEntry>)>();
        while (groups.Keys.FirstOrDefault(t => !t.GetForeignKeys().Any(fk => fk.PrincipalEntityType != t && groups.ContainsKey(fk.PrincipalEntityType))) is { } next)
        {
            ordered.Add((next, groups[next])); // groups left over point at each other: EF orders those
            groups.Remove(next);
        }

        foreach (var entry in ordered.SelectMany(g => g.Item2))
        {
            entry.State = EntityState.Unchanged;
        }

        return ordered;
    }

    /// <summary>The large groups of deleted rows of tables no row points at and no tracked row holds in a collection (ledger rows being replaced).</summary>
    private static List<(IEntityType Type, List<EntityEntry> Rows)> DeletedGroups(List<EntityEntry> deleted) =>
        [.. deleted.GroupBy(e => e.Metadata)
            .Where(g => g.Count() >= Threshold && Deletable(g.Key)).Select(g => (g.Key, g.ToList()))];

    /// <summary>Deletes groups with a few <c>DELETE … WHERE id IN (…)</c> statements and stops tracking their rows.</summary>
    private static async Task DeleteGroupsAsync(TandemDb db, List<(IEntityType Type, List<EntityEntry> Rows)> groups, CancellationToken ct)
    {
        foreach (var (type, rows) in groups)
        {
            var key = type.FindPrimaryKey()!.Properties[0];
            var sql = db.GetService<ISqlGenerationHelper>();
            await using var factory = db.Database.GetDbConnection().CreateCommand();
            foreach (var chunk in rows.Chunk(BulkInsert.MaxParameters))
            {
                var parameters = chunk.Select((e, i) => key.GetRelationalTypeMapping().CreateParameter(factory, "@p" + i, e.OriginalValues[key], key.IsNullable)).ToList();
                // Identifiers from the model and parameter names only: no value is ever part of the text.
                var delete = $"DELETE FROM {sql.DelimitIdentifier(type.GetTableName()!)} WHERE {sql.DelimitIdentifier(key.GetColumnName())} IN ({string.Join(", ", parameters.Select(p => p.ParameterName))})";
                await db.Database.ExecuteSqlRawAsync(delete, parameters, ct);
            }

            foreach (var entry in rows)
            {
                entry.State = EntityState.Detached;
            }
        }
    }

    /// <summary>
    /// The large groups of updated rows — rows of one table with the same columns changed, like the invoiced quantity
    /// of every line of an order — taken out of EF's save (marked unchanged) to be written by <see cref="UpdateAsync"/>.
    /// Tables with a concurrency token stay with EF (it checks the token row by row), and so do changes to keys, foreign
    /// keys and uniquely indexed columns (EF orders those against the rest of the save).
    /// </summary>
    private static List<(IEntityType Type, IReadOnlyList<IProperty> Columns, List<EntityEntry> Rows)> TakeLargeModifiedGroups(List<EntityEntry> modified)
    {
        // Rows of one table with the same columns changed; rows next to each other mostly share them (lines of one
        // document), so the group found last is tried first.
        var groups = new List<(IEntityType Type, IReadOnlyList<IProperty> Columns, List<EntityEntry> Rows)>();
        var columns = new List<IProperty>();
        foreach (var entry in modified)
        {
            var row = EntryValues.Of(entry);
            columns.Clear();
            foreach (var property in entry.Metadata.GetProperties())
            {
                if (row.IsModified(property))
                {
                    columns.Add(property);
                }
            }

            var group = groups.FindLastIndex(g => g.Type == entry.Metadata && g.Columns.SequenceEqual(columns));
            if (group < 0)
            {
                groups.Add((entry.Metadata, columns.ToArray(), [entry]));
            }
            else
            {
                groups[group].Rows.Add(entry);
            }
        }

        groups.RemoveAll(g => g.Rows.Count < Threshold || !BulkUpdate.Updatable(g.Type) || !g.Columns.All(BulkUpdate.PlainValue));
        foreach (var (_, changed, rows) in groups)
        {
            foreach (var entry in rows)
            {
                // A property marked unmodified gets its original value back: make the new value the original one first.
                // The last one marked makes the row unchanged.
                var row = EntryValues.Of(entry);
                foreach (var column in changed)
                {
                    row.SetOriginalValue(column, row.GetCurrentValue(column));
                    entry.Property(column).IsModified = false;
                }
            }
        }

        return groups;
    }

    /// <summary>Writes a group of updated rows (<see cref="BulkUpdate.WriteAsync"/>), their values read from the tracker's entries.</summary>
    private static Task UpdateAsync(TandemDb db, IEntityType type, IReadOnlyList<IProperty> columns, List<EntityEntry> rows, CancellationToken ct) =>
        BulkUpdate.WriteAsync(db, type, columns, [.. rows.Select(EntryValues.Of)], static (column, row) => row.GetCurrentValue(column), ct);

    /// <summary>Writes a group set-based; a database refusal (a unique key) surfaces as EF's own would (<see cref="DbUpdateException"/>).</summary>
    private static Task InsertAsync(TandemDb db, IEntityType type, List<EntityEntry> rows, CancellationToken ct) =>
        Refused(() => BulkInsert.InsertEntriesAsync(db, type, rows, ct), rows.Count, type.ShortName());

    private static Task InsertAsync(TandemDb db, IReadOnlyList<AuditEntry> rows, CancellationToken ct) =>
        Refused(() => BulkInsert.InsertAsync(db, rows, ct), rows.Count, nameof(AuditEntry));

    private static async Task Refused(Func<Task> write, int rows, string type)
    {
        try
        {
            await write();
        }
        catch (DbException e)
        {
            throw new DbUpdateException($"Writing {rows} new {type} rows failed.", e);
        }
    }

    /// <summary>After EF's part of the save failed: the groups are tracked as added, updated or deleted again, as they were (the transaction's rollback undoes what was written).</summary>
    public void PutBack()
    {
        foreach (var entry in _added.SelectMany(g => g.Rows))
        {
            entry.State = EntityState.Added;
        }

        foreach (var (_, columns, rows) in _updated)
        {
            foreach (var column in rows.SelectMany(_ => columns, (entry, column) => entry.Property(column.Name)))
            {
                column.IsModified = true;
            }
        }

        foreach (var entry in _deleted.SelectMany(g => g.Rows))
        {
            entry.State = EntityState.Deleted;
        }
    }

    /// <summary>A table with a one-column key that nothing points at, its rows held in no tracked collection (so forgetting them leaves no stale navigation).</summary>
    private static bool Deletable(IEntityType type) =>
        type.FindPrimaryKey() is { Properties.Count: 1 } && !type.GetReferencingForeignKeys().Any()
        && type.GetForeignKeys().All(fk => fk.PrincipalToDependent is null) && !type.IsOwned() && type.BaseType is null && !type.GetDirectlyDerivedTypes().Any();

    /// <summary>A table whose rows carry all their values (keys set by Tandem, nothing generated, owned or split) and never point at each other.</summary>
    private static bool Writable(IEntityType type) =>
        Stored(type) && type.GetProperties().All(p => p.ValueGenerated == ValueGenerated.Never)
        && !type.GetForeignKeys().Any(fk => fk.PrincipalEntityType == type);

    /// <summary>A type stored as one row of its own table: not owned, not in a hierarchy, nothing owned or complex inside it.</summary>
    internal static bool Stored(IEntityType type) =>
        !type.IsOwned() && type.BaseType is null && !type.GetDirectlyDerivedTypes().Any()
        && !type.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) && !type.GetComplexProperties().Any();
}
