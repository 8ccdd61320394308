using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Update;
using Tandem.Web.Features.Audit;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Platform.Audit;

/// <summary>Turns tracked changes of audited entities into append-only audit entries in the same SaveChanges (same transaction).</summary>
internal static class AuditWriter
{
    private static readonly HashSet<string> NeverAudited = new(StringComparer.Ordinal)
    {
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "TokenHash", "Secret", "Version",
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IEntityType, (IProperty Property, string Name)[]> AuditedProperties = new();

    // Relaxed escaping keeps the trail readable ("&" not "\u0026"); pages HTML-encode it when shown.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>
    /// The entries for the tracked changes (detected before), not added anywhere: the save adds a few to its own batch
    /// and writes many set-based without tracking them (<see cref="LargeSaves"/>).
    /// </summary>
    public static List<AuditEntry> Entries(TandemDb db, Actor actor, DateTime nowUtc)
    {
        var written = new List<AuditEntry>();
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.Entity is IAudited && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        using var before = new JsonObjects();
        using var after = new JsonObjects();
        foreach (var entry in entries)
        {
            var row = EntryValues.Of(entry);
            var audited = Audited(entry.Metadata);
            if (entry.State == EntityState.Modified)
            {
                // Only what changed, so the trail reads as a diff.
                var (b, a, changed) = (before.Start(), after.Start(), 0);
                foreach (var (property, name) in audited)
                {
                    if (row.IsModified(property))
                    {
                        changed += Diff(b, a, name, row.GetOriginalValue(property), row.GetCurrentValue(property));
                    }
                }

                if (changed > 0)
                {
                    written.Add(NewEntry(entry, row, actor, nowUtc, "updated", before.End(), after.End()));
                }

                continue;
            }

            var added = entry.State == EntityState.Added;
            var snapshot = added ? after.Start() : before.Start();
            foreach (var (property, name) in audited)
            {
                Write(snapshot, name, added ? row.GetCurrentValue(property) : row.GetOriginalValue(property));
            }

            written.Add(added
                ? NewEntry(entry, row, actor, nowUtc, "created", null, after.End())
                : NewEntry(entry, row, actor, nowUtc, "deleted", before.End(), null));
        }

        return written;
    }

    /// <summary>
    /// The "created" entries of rows written without the change tracker (<see cref="BulkInsert"/>), the same as the
    /// tracked path writes: the values are read straight from each object (such rows have no shadow values) and written
    /// with one reused JSON writer, not through a change-tracker entry and a dictionary per row.
    /// </summary>
    public static IEnumerable<AuditEntry> Created(TandemDb db, IEntityType type, IEnumerable<object> rows, DateTime nowUtc)
    {
        var actor = db.Actor;
        var audited = Audited(type).Select(p => (Getter: p.Property.GetGetter(), p.Name)).ToArray();
        using var json = new JsonObjects();
        foreach (var row in rows)
        {
            var writer = json.Start();
            foreach (var (getter, name) in audited)
            {
                Write(writer, name, getter.GetClrValue(row));
            }

            yield return NewEntry(type, row, p => p.GetGetter().GetClrValue(row), actor, nowUtc, "created", null, json.End());
        }
    }

    /// <summary>
    /// The "updated" entries of rows changed without the change tracker (<see cref="BulkUpdate"/>), the same as the
    /// tracked path writes: only the audited columns whose values differ from <c>Before</c> (in the columns' order); no
    /// entry for a row where none does.
    /// </summary>
    public static List<AuditEntry> Updated<T>(TandemDb db, IEntityType type, IProperty[] columns, IReadOnlyList<(T Row, object?[] Before)> rows, DateTime nowUtc)
        where T : class
    {
        var actor = db.Actor;
        var audited = Audited(type);
        // In the type's order, as the tracked path writes them.
        var named = audited.Select(a => (Column: Array.IndexOf(columns, a.Property), Getter: a.Property.GetGetter(), a.Name)).Where(a => a.Column >= 0).ToArray();
        var written = new List<AuditEntry>(rows.Count);
        using var before = new JsonObjects();
        using var after = new JsonObjects();
        foreach (var (row, was) in rows)
        {
            var (b, a, changed) = (before.Start(), after.Start(), 0);
            foreach (var (c, getter, name) in named)
            {
                changed += Diff(b, a, name, was[c], getter.GetClrValue(row));
            }

            if (changed > 0)
            {
                written.Add(NewEntry(type, row, p => p.GetGetter().GetClrValue(row), actor, nowUtc, "updated", before.End(), after.End()));
            }
        }

        return written;
    }

    /// <summary>An "updated" entry's property: written before and after when its value changed (returns 1), else left out (0).</summary>
    private static int Diff(Utf8JsonWriter before, Utf8JsonWriter after, string name, object? original, object? current)
    {
        if (Equals(original, current))
        {
            return 0;
        }

        Write(before, name, original);
        Write(after, name, current);
        return 1;
    }

    /// <summary>A property and its value as the serializer writes them, the common types without its per-value type lookup.</summary>
    private static void Write(Utf8JsonWriter writer, string name, object? value)
    {
        writer.WritePropertyName(name);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case Guid id:
                writer.WriteStringValue(id);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            default:
                JsonSerializer.Serialize(writer, value, Json);
                break;
        }
    }

    /// <summary>An entry for something that changed no row but must be on the record (a refused approval attempt).</summary>
    public static void Event(TandemDb db, Guid companyId, string entityType, Guid entityId, string action, object details)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var actor = db.Actor;
        db.AuditEntries.Add(new AuditEntry
        {
            Id = Ids.New(now),
            OccurredAtUtc = now,
            CompanyId = companyId,
            ActorUserId = actor.UserId,
            ActorTokenId = actor.TokenId,
            ActorName = actor.Name,
            EntityType = entityType,
            EntityId = entityId.ToString(),
            Action = action,
            AfterJson = JsonSerializer.Serialize(details, Json),
        });
    }

    private static AuditEntry NewEntry(EntityEntry entry, IUpdateEntry row, Actor actor, DateTime nowUtc, string action, string? beforeJson, string? afterJson) =>
        NewEntry(entry.Metadata, entry.Entity, row.GetCurrentValue, actor, nowUtc, action, beforeJson, afterJson);

    /// <summary>An entry about an entity, tracked or not.</summary>
    /// <param name="valueOf">The entity's current value of a property (from its change-tracker entry, or from the object).</param>
    private static AuditEntry NewEntry(
        IEntityType type, object entity, Func<IProperty, object?> valueOf, Actor actor, DateTime nowUtc, string action, string? beforeJson, string? afterJson) => new()
        {
            Id = Ids.New(nowUtc),
            OccurredAtUtc = nowUtc,
            CompanyId = CompanyOf(type, entity, valueOf) ?? actor.CompanyId,
            ActorUserId = actor.UserId,
            ActorTokenId = actor.TokenId,
            ActorName = actor.Name,
            EntityType = type.ClrType.Name,
            EntityId = ((IAudited)entity).Id.ToString(),
            Action = action,
            BeforeJson = beforeJson,
            AfterJson = afterJson,
        };

    /// <summary>The company an entity belongs to: itself for a company, else its CompanyId, else the acting user's company.</summary>
    private static Guid? CompanyOf(IEntityType type, object entity, Func<IProperty, object?> valueOf) => entity switch
    {
        Features.Organization.Company c => c.Id,
        _ => type.FindProperty("CompanyId") is { } p ? valueOf(p) as Guid? : null,
    };

    /// <summary>One reused buffer and writer for the JSON objects of many entries, escaped as the trail's serializer escapes.</summary>
    private sealed class JsonObjects : IDisposable
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(1024);
        private readonly Utf8JsonWriter _writer;

        public JsonObjects() => _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = Json.Encoder });

        public Utf8JsonWriter Start()
        {
            _buffer.ResetWrittenCount();
            _writer.Reset();
            _writer.WriteStartObject();
            return _writer;
        }

        public string End()
        {
            _writer.WriteEndObject();
            _writer.Flush();
            return Encoding.UTF8.GetString(_buffer.WrittenSpan);
        }

        public void Dispose() => _writer.Dispose();
    }

    /// <summary>A type's audited properties (not secrets, versions or [NotAudited]) with their names in the trail (camelCase).</summary>
    private static (IProperty Property, string Name)[] Audited(IEntityType type) => AuditedProperties.GetOrAdd(type, t =>
        [.. t.GetProperties()
            .Where(p => !NeverAudited.Contains(p.Name) && p.PropertyInfo?.GetCustomAttribute<NotAuditedAttribute>() is null)
            .Select(p => (p, JsonNamingPolicy.CamelCase.ConvertName(p.Name)))]);
}
