using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
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

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IProperty, string?> Names = new();

    // Relaxed escaping keeps the trail readable ("&" not "\u0026"); pages HTML-encode it when shown.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Append(TandemDb db, Actor actor, DateTime nowUtc)
    {
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.Entity is IAudited && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        foreach (var entry in entries)
        {
            if (entry.State == EntityState.Modified)
            {
                // Only what changed, so the trail reads as a diff.
                var (before, after) = Changes(entry);
                if (after.Count > 0)
                {
                    db.AuditEntries.Add(NewEntry(entry, actor, nowUtc, "updated", before, after));
                }

                continue;
            }

            var added = entry.State == EntityState.Added;
            db.AuditEntries.Add(NewEntry(entry, actor, nowUtc, added ? "created" : "deleted", added ? null : Snapshot(entry, original: true), added ? Snapshot(entry, original: false) : null));
        }
    }

    /// <summary>
    /// The "created" entries of rows written without the change tracker (<see cref="BulkInsert"/>), the same as the
    /// tracked path writes: the values are read straight from each object (such rows have no shadow values) and written
    /// with one reused JSON writer, not through a change-tracker entry and a dictionary per row.
    /// </summary>
    public static IEnumerable<AuditEntry> Created(TandemDb db, IEntityType type, IEnumerable<object> rows, DateTime nowUtc)
    {
        var actor = db.Actor;
        var properties = type.GetProperties().Select(p => (Property: p, Getter: p.GetGetter(), Name: NameOf(p))).ToArray();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Json.Encoder });
        foreach (var row in rows)
        {
            buffer.ResetWrittenCount();
            writer.Reset();
            writer.WriteStartObject();
            Guid? company = row is Features.Organization.Company c ? c.Id : null;
            foreach (var (property, getter, name) in properties)
            {
                var value = getter.GetClrValue(row);
                company ??= property.Name == "CompanyId" ? value as Guid? : null;
                if (name is not null)
                {
                    writer.WritePropertyName(name);
                    WriteValue(writer, value);
                }
            }

            writer.WriteEndObject();
            writer.Flush();
            yield return new AuditEntry
            {
                Id = Guid.CreateVersion7(nowUtc),
                OccurredAtUtc = nowUtc,
                CompanyId = company ?? actor.CompanyId,
                ActorUserId = actor.UserId,
                ActorTokenId = actor.TokenId,
                ActorName = actor.Name,
                EntityType = type.ClrType.Name,
                EntityId = ((IAudited)row).Id.ToString(),
                Action = "created",
                AfterJson = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan),
            };
        }
    }

    /// <summary>A value as the serializer writes it, the common types without its per-value type lookup.</summary>
    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
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
            Id = Guid.CreateVersion7(now),
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

    private static AuditEntry NewEntry(EntityEntry entry, Actor actor, DateTime nowUtc, string action, Dictionary<string, object?>? before, Dictionary<string, object?>? after) => new()
    {
        Id = Guid.CreateVersion7(nowUtc),
        OccurredAtUtc = nowUtc,
        CompanyId = CompanyOf(entry) ?? actor.CompanyId,
        ActorUserId = actor.UserId,
        ActorTokenId = actor.TokenId,
        ActorName = actor.Name,
        EntityType = entry.Metadata.ClrType.Name,
        EntityId = ((IAudited)entry.Entity).Id.ToString(),
        Action = action,
        BeforeJson = before is null ? null : JsonSerializer.Serialize(before, Json),
        AfterJson = after is null ? null : JsonSerializer.Serialize(after, Json),
    };

    /// <summary>The company an entity belongs to: itself for a company, else its CompanyId, else the acting user's company.</summary>
    private static Guid? CompanyOf(EntityEntry entry) => entry.Entity switch
    {
        Features.Organization.Company c => c.Id,
        _ => entry.Metadata.FindProperty("CompanyId") is { } p ? entry.Property(p.Name).CurrentValue as Guid? : null,
    };

    private static Dictionary<string, object?> Snapshot(EntityEntry entry, bool original)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            if (NameOf(property.Metadata) is { } name)
            {
                values[name] = original ? property.OriginalValue : property.CurrentValue;
            }
        }

        return values;
    }

    /// <summary>An updated row's audited properties whose value changed: before and after.</summary>
    private static (Dictionary<string, object?> Before, Dictionary<string, object?> After) Changes(EntityEntry entry)
    {
        var (before, after) = (new Dictionary<string, object?>(StringComparer.Ordinal), new Dictionary<string, object?>(StringComparer.Ordinal));
        foreach (var property in entry.Properties)
        {
            if (property.IsModified && NameOf(property.Metadata) is { } name && !Equals(property.OriginalValue, property.CurrentValue))
            {
                before[name] = property.OriginalValue;
                after[name] = property.CurrentValue;
            }
        }

        return (before, after);
    }

    /// <summary>A property's name in the trail (camelCase), or null for one never audited (secrets, versions, [NotAudited]).</summary>
    private static string? NameOf(IProperty property) => Names.GetOrAdd(property, p =>
        NeverAudited.Contains(p.Name) || p.PropertyInfo?.GetCustomAttribute<NotAuditedAttribute>() is not null ? null : JsonNamingPolicy.CamelCase.ConvertName(p.Name));
}
