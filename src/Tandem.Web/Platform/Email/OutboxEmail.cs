using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tandem.Web.Platform.Email;

/// <summary>
/// An e-mail waiting to be (or already) delivered. Use cases write it in the same transaction as the change it
/// reports; the delivery job sends it over SMTP and records the outcome, so a crash between the two loses nothing.
/// </summary>
public sealed class OutboxEmail
{
    public Guid Id { get; set; }

    public Guid? CompanyId { get; set; }

    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>One attached file (a purchase order PDF, a remittance advice), when the message carries one.</summary>
    public string? AttachmentName { get; set; }

    public string? AttachmentContentType { get; set; }

    public byte[]? Attachment { get; set; }
}

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> builder)
    {
        builder.ToTable("outbox_emails");
        builder.Property(x => x.To).HasMaxLength(254);
        builder.Property(x => x.Subject).HasMaxLength(300);
        builder.Property(x => x.Body).HasMaxLength(20000);
        builder.Property(x => x.LastError).HasMaxLength(2000);
        builder.Property(x => x.AttachmentName).HasMaxLength(200);
        builder.Property(x => x.AttachmentContentType).HasMaxLength(100);
        builder.HasIndex(x => new { x.SentAtUtc, x.CreatedAtUtc });
    }
}
