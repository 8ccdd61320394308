using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Jobs;

namespace Tandem.Web.Platform.Email;

/// <summary>Writes e-mails to the outbox, in the caller's transaction; <see cref="EmailDeliveryJob"/> sends them.</summary>
public static class Outbox
{
    public sealed record File(string Name, string ContentType, byte[] Content);

    public static void Enqueue(TandemDb db, Guid? companyId, string to, string subject, string body, File? attachment = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        db.OutboxEmails.Add(new OutboxEmail
        {
            Id = Ids.New(now),
            CompanyId = companyId,
            To = to,
            Subject = subject,
            Body = body,
            CreatedAtUtc = now,
            AttachmentName = attachment?.Name,
            AttachmentContentType = attachment?.ContentType,
            Attachment = attachment?.Content,
        });
    }
}

/// <summary>
/// Sends waiting outbox e-mails over SMTP (Smtp:Host, Smtp:Port, Smtp:From). Each message is tried up to five
/// times; the outcome is recorded on the row. Without Smtp:Host, mail stays in the outbox (visible, never lost).
/// </summary>
public sealed class EmailDeliveryJob(IConfiguration configuration, TimeProvider clock, ILogger<EmailDeliveryJob> logger) : IScheduledJob
{
    public const int MaxAttempts = 5;

    public string Name => "email-delivery";

    public TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Smtp:IntervalSeconds", 20));

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var host = configuration["Smtp:Host"];
        if (string.IsNullOrWhiteSpace(host))
        {
            return;
        }

        var db = services.GetRequiredService<TandemDb>();
        var waiting = await db.OutboxEmails.Where(m => m.SentAtUtc == null && m.Attempts < MaxAttempts).OrderBy(m => m.CreatedAtUtc).Take(100).ToListAsync(ct);
        if (waiting.Count == 0)
        {
            return;
        }

        using var smtp = new SmtpClient(host, configuration.GetValue("Smtp:Port", 25)) { EnableSsl = configuration.GetValue("Smtp:Ssl", false) };
        var from = new MailAddress(configuration["Smtp:From"] ?? "tandem@localhost", "Tandem");
        foreach (var mail in waiting)
        {
            mail.Attempts++;
            try
            {
                using var message = new MailMessage(from, new MailAddress(mail.To)) { Subject = mail.Subject, Body = mail.Body };
                if (mail.Attachment is { } content)
                {
                    message.Attachments.Add(new Attachment(new MemoryStream(content), mail.AttachmentName, mail.AttachmentContentType));
                }

                await smtp.SendMailAsync(message, ct);
                mail.SentAtUtc = clock.GetUtcNow().UtcDateTime;
                mail.LastError = null;
            }
            catch (Exception e) when (e is SmtpException or FormatException or InvalidOperationException)
            {
                mail.LastError = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
                logger.LogWarning(e, "Could not send e-mail {Id} to {To}", mail.Id, mail.To);
            }

            await db.SaveChangesAsync(ct);
        }
    }
}
