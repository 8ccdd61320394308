using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Web.Features.Vendors;
using Tandem.Web.Platform.Email;
using Tandem.Web.Platform.Jobs;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Vendors;

/// <summary>A factory whose clock the test moves and whose mail goes to a local SMTP sink.</summary>
public sealed class JobsFactory : TandemFactory
{
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 15, 0, 0, TimeSpan.Zero));

    public SmtpSink Smtp { get; } = new();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:From", "tandem@demo.tandem.dev");
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>Expired required documents put a vendor on hold automatically and the buyers hear about it by e-mail.</summary>
public sealed class DocumentExpiryTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_expired_insurance_certificate_puts_the_vendor_on_hold_and_mails_the_buyers()
    {
        using var buyer = await factory.ClientForAsync("buyer");
        using var controller = await factory.ClientForAsync("controller");
        var vendor = await VendorSteps.ActiveVendorAsync(factory, buyer, controller, "EXP1");
        var id = Guid.Parse((string)vendor["id"]!);
        var runner = factory.Services.GetRequiredService<JobRunner>();
        var jobs = factory.Services.GetServices<IScheduledJob>().ToList();
        var expiry = jobs.OfType<DocumentExpiryJob>().Single();

        // Still in date (the certificate runs to 2030-12-31): nothing happens.
        Assert.True(await runner.RunIfDueAsync(expiry, Ct));
        Assert.Equal(Domain.Vendors.VendorStatus.Active, await factory.WithDbAsync(db => db.Vendors.Where(v => v.Id == id).Select(v => v.Status).SingleAsync(Ct)));

        // A second run inside the lease is skipped, on this or any other instance.
        Assert.False(await runner.RunIfDueAsync(expiry, Ct));

        factory.Clock.Now = new DateTimeOffset(2031, 1, 2, 15, 0, 0, TimeSpan.Zero);
        Assert.True(await runner.RunIfDueAsync(expiry, Ct));
        var held = await factory.WithDbAsync(db => db.Vendors.AsNoTracking().SingleAsync(v => v.Id == id, Ct));
        Assert.Equal(Domain.Vendors.VendorStatus.OnHold, held.Status);
        Assert.Contains("Insurance certificate expired on 2030-12-31", held.StatusReason, StringComparison.Ordinal);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityId == id.ToString() && a.AfterJson!.Contains("onHold")).ToListAsync(Ct));
        Assert.Equal("system", Assert.Single(audit).ActorName);

        Assert.True(await runner.RunIfDueAsync(jobs.OfType<EmailDeliveryJob>().Single(), Ct));
        var mail = Assert.Single(factory.Smtp.Messages, m => m.Data.Contains("EXP1", StringComparison.Ordinal));
        Assert.Equal(["<buyer@demo.tandem.dev>"], mail.To);
        Assert.Contains("put on hold", mail.Data, StringComparison.Ordinal);
        Assert.NotNull(await factory.WithDbAsync(db => db.OutboxEmails.AsNoTracking().Where(m => m.Subject.Contains("EXP1")).Select(m => m.SentAtUtc).SingleAsync(Ct)));

        // Releasing the hold needs a current certificate again.
        using var release = await VendorSteps.SetStatusAsync(buyer, id.ToString(), "active", "Renewed");
        Assert.Equal(System.Net.HttpStatusCode.Conflict, release.StatusCode);
    }

    [Fact]
    public async Task Only_one_holder_wins_a_lease()
    {
        var now = new DateTime(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => factory.WithDbAsync(db =>
            JobRunner.TryLeaseAsync(db, "lease-test", $"instance-{i}", now, TimeSpan.FromMinutes(5), Ct))));
        Assert.Equal(1, results.Count(r => r));
        Assert.True(await factory.WithDbAsync(db => JobRunner.TryLeaseAsync(db, "lease-test", "late", now.AddMinutes(6), TimeSpan.FromMinutes(5), Ct)));
    }
}
