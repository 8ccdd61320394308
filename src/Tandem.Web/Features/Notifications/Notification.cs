using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Email;

namespace Tandem.Web.Features.Notifications;

/// <summary>An in-app notice for one person ("REQ-2026-000012 waits for your approval"), with a link; read or not.</summary>
public sealed class Notification
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid UserId { get; set; }

    public string Text { get; set; } = "";

    public string? Link { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? ReadAtUtc { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.Property(x => x.Text).HasMaxLength(500);
        builder.Property(x => x.Link).HasMaxLength(300);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.UserId, x.ReadAtUtc, x.CreatedAtUtc });
    }
}

/// <summary>Tells people something: an in-app notice and an e-mail, both written in the caller's transaction.</summary>
public static class Notify
{
    public sealed record Person(Guid Id, string? Email);

    public static void Send(TandemDb db, Guid companyId, IEnumerable<Person> people, string text, string link, string body)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(people);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        foreach (var person in people.DistinctBy(p => p.Id))
        {
            db.Notifications.Add(new Notification { Id = Ids.New(now), CompanyId = companyId, UserId = person.Id, Text = text, Link = link, CreatedAtUtc = now });
            if (!string.IsNullOrEmpty(person.Email))
            {
                Outbox.Enqueue(db, companyId, person.Email, text, $"{body}\n\n{link}");
            }
        }
    }
}
