using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Web.Features.Invoices.Capture;
using Tandem.Web.Platform.Jobs;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Invoicing;

/// <summary>The app with an invoice inbox folder (a temporary one) received as the demo AP clerk, on a clock the test sets.</summary>
public sealed class InboxFactory : TandemFactory
{
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 12, 21, 9, 0, 0, TimeSpan.Zero));

    public string Inbox { get; } = Directory.CreateTempSubdirectory("tandem-inbox-").FullName;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Inbox, recursive: true);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Invoices:Inbox:Folder", Inbox);
        builder.UseSetting("Invoices:Inbox:ReceivedBy", "ap@demo.tandem.dev");
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>Machine delivery by folder: files dropped in the inbox are received, refused with their reasons, or left until written.</summary>
public sealed class InvoiceInboxTests(InboxFactory factory) : IClassFixture<InboxFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Drop(string name, byte[] content, TimeSpan age)
    {
        var path = Path.Combine(factory.Inbox, name);
        File.WriteAllBytes(path, content);
        File.SetLastWriteTimeUtc(path, factory.Clock.GetUtcNow().UtcDateTime - age);
        return path;
    }

    private async Task<InvoiceInbox.RunResult> RunAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await factory.Services.GetRequiredService<InvoiceInbox>().RunAsync(scope.ServiceProvider, Ct);
    }

    [Fact]
    public async Task Files_are_received_refused_with_reasons_or_left_until_they_are_written()
    {
        var good = UblSamples.Invoice("INBOX-1", "US5550001", null, [new(1, 3, 12.50m)]);
        var unbalanced = UblSamples.Invoice("INBOX-2", "US5550001", null, [new(1, 3, 12.50m)], payable: 99.99m);
        Drop("good.xml", good, TimeSpan.FromMinutes(1));
        Drop("unbalanced.xml", unbalanced, TimeSpan.FromMinutes(1));
        Drop("still-writing.xml", UblSamples.Invoice("INBOX-3", "US5550001", null, [new(1, 1, 1m)]), TimeSpan.FromSeconds(1));
        Drop("readme.txt", Encoding.UTF8.GetBytes("not an invoice"), TimeSpan.FromMinutes(1));

        // Through the job runner, as an instance would (the lease makes it run on one instance at a time).
        var job = factory.Services.GetServices<IScheduledJob>().OfType<InvoiceInboxJob>().Single();
        Assert.True(await factory.Services.GetRequiredService<JobRunner>().RunIfDueAsync(job, Ct));

        Assert.True(File.Exists(Path.Combine(factory.Inbox, "done", "good.xml")));
        Assert.Equal(good, await File.ReadAllBytesAsync(Path.Combine(factory.Inbox, "done", "good.xml"), Ct));
        Assert.True(File.Exists(Path.Combine(factory.Inbox, "failed", "unbalanced.xml")));
        var problem = await File.ReadAllTextAsync(Path.Combine(factory.Inbox, "failed", "unbalanced.xml.problem.txt"), Ct);
        Assert.Contains("BR-CO-16", problem, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(factory.Inbox, "still-writing.xml")));
        Assert.True(File.Exists(Path.Combine(factory.Inbox, "readme.txt")));
        Assert.Empty(Directory.GetFiles(Path.Combine(factory.Inbox, "processing")));

        var (document, actor) = await factory.WithDbAsync(async db =>
        {
            var d = await db.InvoiceDocuments.AsNoTracking().SingleAsync(x => x.Number == "INBOX-1", Ct);
            var a = await db.AuditEntries.AsNoTracking().Where(e => e.EntityId == d.Id.ToString()).Select(e => e.ActorName).FirstAsync(Ct);
            var ap = await db.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == "AP@DEMO.TANDEM.DEV", Ct);
            Assert.Equal(ap.Id, d.ReceivedById);
            return (d, a);
        });
        Assert.Equal("inbox", document.Channel);
        Assert.Equal("unknownVendor", Tandem.Web.Platform.Api.JsonNames.Camel(document.Status.ToString()));
        Assert.Contains("(invoice inbox)", actor, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.InvoiceDocuments.AnyAsync(x => x.Number == "INBOX-2", Ct)));

        // Once written (settled), the waiting file is taken on the next run.
        factory.Clock.Now += TimeSpan.FromSeconds(10);
        Assert.Equal(new InvoiceInbox.RunResult(1, 0), await RunAsync());
        Assert.True(File.Exists(Path.Combine(factory.Inbox, "done", "still-writing.xml")));
    }

    [Fact]
    public async Task The_same_file_delivered_twice_is_received_once_and_a_stopped_claim_is_taken_again()
    {
        var invoice = UblSamples.Invoice("INBOX-9", "US5550009", null, [new(1, 2, 7.00m)]);
        Drop("twice.xml", invoice, TimeSpan.FromMinutes(1));
        Assert.Equal(new InvoiceInbox.RunResult(1, 0), await RunAsync());

        // The sender retries the same file, and an instance that stopped mid-file left it in processing/ an hour ago.
        Drop("twice.xml", invoice, TimeSpan.FromMinutes(1));
        var stale = Path.Combine(factory.Inbox, "processing", "left-behind.xml");
        await File.WriteAllBytesAsync(stale, UblSamples.Invoice("INBOX-10", "US5550009", null, [new(1, 1, 3.00m)]), Ct);
        File.SetLastWriteTimeUtc(stale, factory.Clock.GetUtcNow().UtcDateTime - TimeSpan.FromHours(2));

        Assert.Equal(new InvoiceInbox.RunResult(1, 1), await RunAsync());
        Assert.Contains("invoice.file_already_received", await File.ReadAllTextAsync(Path.Combine(factory.Inbox, "failed", "twice.xml.problem.txt"), Ct), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(factory.Inbox, "done", "twice.xml")));
        Assert.True(File.Exists(Path.Combine(factory.Inbox, "done", "left-behind.xml")));
        Assert.Equal(1, await factory.WithDbAsync(db => db.InvoiceDocuments.CountAsync(x => x.Number == "INBOX-9", Ct)));
    }
}
