using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Vendors;
using static Tandem.Web.Tests.Requisitions.RequisitionSteps;

namespace Tandem.Web.Tests.Collaboration;

/// <summary>Comment threads on requisitions: @mentions tell people and let them in; quotes attach as files; bad input changes nothing.</summary>
public sealed class CommentTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_mention_with_a_quote_attached_tells_the_person_and_lets_them_read_the_request()
    {
        using var requester = await factory.ClientForAsync("requester");
        using var receiver = await factory.ClientForAsync("receiver");
        var draft = await CreateAsync(requester, "1200.00", await GlAccountAsync(factory), "Centrifuge rotor");
        var id = (string)draft["id"]!;

        // Robin (a receiver in another department) cannot see the request yet.
        using (var before = await receiver.GetAsync($"/api/v1/requisitions/{id}/comments", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        using var form = new MultipartFormDataContent
        {
            { new StringContent("@receiver can you confirm the dock takes this? Quote attached, cc @approver@demo.tandem.dev."), "body" },
            { File(Pdf, "application/pdf"), "files", "quote 2026-117.pdf" },
        };
        using var posted = await requester.PostAsync($"/api/v1/requisitions/{id}/comments", form, Ct);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var comment = await Json.ReadAsync(posted);
        Assert.Equal(["Alex Approver", "Robin Receiver"], comment["mentions"]!.AsArray().Select(m => (string?)m!["name"]).Order());
        var attachment = comment["attachments"]![0]!;
        Assert.Equal("quote 2026-117.pdf", (string?)attachment["fileName"]);
        Assert.Equal("application/pdf", (string?)attachment["contentType"]);

        // Mentioned, Robin now reads the thread and downloads the quote, byte for byte.
        var thread = await Json.ReadAsync(await receiver.GetAsync($"/api/v1/requisitions/{id}/comments", Ct));
        Assert.StartsWith("@receiver can you confirm", (string?)thread[0]!["body"], StringComparison.Ordinal);
        using (var file = await receiver.GetAsync($"/api/v1/requisitions/{id}/attachments/{attachment["id"]}", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal("application/pdf", file.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal(Pdf, await file.Content.ReadAsByteArrayAsync(Ct));
        }

        Assert.Equal(HttpStatusCode.OK, (await receiver.GetAsync($"/api/v1/requisitions/{id}", Ct)).StatusCode);

        // Both were told in the app and by e-mail; the comment is on the audit trail.
        var (notices, mails, audited) = await factory.WithDbAsync(async db => (
            await db.Notifications.Where(n => n.Link!.EndsWith(id)).Join(db.Users, n => n.UserId, u => u.Id, (n, u) => u.Email!).ToListAsync(Ct),
            await db.OutboxEmails.Where(m => m.Subject.Contains("mentioned you")).Select(m => m.To).ToListAsync(Ct),
            await db.AuditEntries.CountAsync(a => a.EntityType == "Comment" && a.Action == "created", Ct)));
        Assert.Equal(["approver@demo.tandem.dev", "receiver@demo.tandem.dev"], notices.Order());
        Assert.Equal(["approver@demo.tandem.dev", "receiver@demo.tandem.dev"], mails.Order());
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task Bad_comments_are_refused_naming_the_field_and_nothing_is_written()
    {
        using var requester = await factory.ClientForAsync("requester");
        var draft = await CreateAsync(requester, "300.00", await GlAccountAsync(factory), "Cable ties");
        var url = $"/api/v1/requisitions/{draft["id"]}/comments";
        var before = await factory.WithDbAsync(async db => (await db.Comments.CountAsync(Ct), await db.CommentAttachmentFiles.CountAsync(Ct)));

        using (var empty = await requester.PostAsync(url, Json.Body("""{"body":"  "}"""), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            Assert.Equal(["body"], await Json.ErrorFieldsAsync(empty));
        }

        using (var broken = await requester.PostAsync(url, Json.Body("""{"body": "unterminated"""), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        }

        // An executable renamed to .pdf is refused by its content, whatever its name and claimed type.
        using var disguised = new MultipartFormDataContent
        {
            { new StringContent("spec attached"), "body" },
            { File(Pdf, "application/pdf"), "files", "spec.pdf" },
            { File(Encoding.ASCII.GetBytes("MZ\x90\0 this is not a pdf"), "application/pdf"), "files", "invoice.pdf" },
        };
        using (var refused = await requester.PostAsync(url, disguised, Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(["files[1]"], await Json.ErrorFieldsAsync(refused));
        }

        using var tooMany = new MultipartFormDataContent { { new StringContent("six quotes"), "body" } };
        for (var i = 0; i < 6; i++)
        {
            tooMany.Add(File(Pdf, "application/pdf"), "files", $"quote{i}.pdf");
        }

        using (var refused = await requester.PostAsync(url, tooMany, Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("files", await Json.ErrorFieldsAsync(refused));
        }

        Assert.Equal(before, await factory.WithDbAsync(async db => (await db.Comments.CountAsync(Ct), await db.CommentAttachmentFiles.CountAsync(Ct))));
    }

    private static ByteArrayContent File(byte[] content, string type)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        return file;
    }
}
