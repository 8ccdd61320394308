using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tandem.Web.Features.Audit;

/// <summary>One append-only record of a state change. No endpoint edits or deletes it; database triggers refuse it too.</summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; }

    public DateTime OccurredAtUtc { get; set; }

    /// <summary>The company whose data changed (null for system-wide records).</summary>
    public Guid? CompanyId { get; set; }

    public Guid? ActorUserId { get; set; }

    public Guid? ActorTokenId { get; set; }

    public string ActorName { get; set; } = "";

    public string EntityType { get; set; } = "";

    public string EntityId { get; set; } = "";

    public string Action { get; set; } = "";

    public string? BeforeJson { get; set; }

    public string? AfterJson { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.Property(x => x.ActorName).HasMaxLength(200);
        builder.Property(x => x.EntityType).HasMaxLength(64);
        builder.Property(x => x.EntityId).HasMaxLength(64);
        builder.Property(x => x.Action).HasMaxLength(32);
        builder.HasIndex(x => new { x.EntityId, x.OccurredAtUtc }); // a document's trail asks by ids of several types
        builder.HasIndex(x => new { x.CompanyId, x.OccurredAtUtc });
    }
}
