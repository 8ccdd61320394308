using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Webhooks;

/// <summary>An endpoint that receives signed event deliveries for the events it subscribes to.</summary>
public sealed class WebhookSubscription : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public string Url { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Comma-separated patterns: event names, families ("requisition.*") or "*".</summary>
    public string Events { get; set; } = "";

    /// <summary>The HMAC key deliveries are signed with; shown once when created or rotated, never audited.</summary>
    public string Secret { get; set; } = "";

    public bool IsActive { get; set; } = true;

    public DateTime CreatedAtUtc { get; set; }

    public int Version { get; set; }
}

/// <summary>Something that happened, written in the same transaction as the change; the delivery job fans it out.</summary>
public sealed class WebhookEvent
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public string Type { get; set; } = "";

    /// <summary>The exact JSON body every subscriber receives.</summary>
    public string Payload { get; set; } = "";

    public DateTime OccurredAtUtc { get; set; }

    public bool FannedOut { get; set; }
}

public enum DeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>One event to one subscription: every attempt's outcome, the next try, and the final state (the delivery log).</summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid SubscriptionId { get; set; }

    public Guid EventId { get; set; }

    public string EventType { get; set; } = "";

    public DeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? NextAttemptAtUtc { get; set; }

    public DateTime? LastAttemptAtUtc { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public int? LastDurationMs { get; set; }

    public DateTime? DeliveredAtUtc { get; set; }
}

internal sealed class WebhookConfiguration :
    IEntityTypeConfiguration<WebhookSubscription>, IEntityTypeConfiguration<WebhookEvent>, IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("webhook_subscriptions");
        builder.Property(x => x.Url).HasMaxLength(2000);
        builder.Property(x => x.Description).HasMaxLength(200);
        builder.Property(x => x.Events).HasMaxLength(1000);
        builder.Property(x => x.Secret).HasMaxLength(100);
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CompanyId, x.IsActive });
    }

    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.ToTable("webhook_events");
        builder.Property(x => x.Type).HasMaxLength(60);
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.FannedOut, x.OccurredAtUtc });
    }

    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.Property(x => x.EventType).HasMaxLength(60);
        builder.Property(x => x.LastError).HasMaxLength(1000);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WebhookEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.Status, x.NextAttemptAtUtc });
        builder.HasIndex(x => new { x.SubscriptionId, x.CreatedAtUtc });
    }
}
