using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Web.Features.Analytics;
using Tandem.Web.Platform.Email;
using Tandem.Web.Platform.Jobs;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Requisitions;
using Tandem.Web.Tests.Vendors;
using static Tandem.Web.Tests.Payments.PaymentSteps;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Analytics;

/// <summary>The weekly review pack: its sections from a small known dataset, its PDF, and the Monday e-mail sent once.</summary>
public sealed class ReviewPackTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_pack_gathers_what_to_decide_and_goes_out_once_on_the_review_day()
    {
        // An invoice stuck in exception since the 10th (over its order price).
        factory.Clock.Now = new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);
        var net30 = await PayableVendorAsync(factory, "REV1", "net 30");
        var order = await IssuedOrderAsync(factory, "50.00", "1", "Stuck", net30);
        using var ap = await factory.ClientForAsync("ap");
        var stuck = await PostOkAsync(ap, "/api/v1/invoices", $$"""
            {"purchaseOrderId":"{{order["id"]}}","number":"REV-X","invoiceDate":"2026-11-10","tax":"0.00",
             "lines":[{"purchaseOrderLineId":"{{order["lines"]![0]!["id"]}}","quantity":"1","unitPrice":"70.00"}]}
            """);
        Assert.Equal("exception", (string)stuck["status"]!);

        // Monday the 23rd: a large and a small request in approval, a payment due on the 29th, a discount ending the 30th.
        factory.Clock.Now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        var early = await PayableVendorAsync(factory, "REV2", "2/10 net 30");
        await ReadyInvoiceAsync(factory, net30, "100.00", "2026-10-30", "REV-1");
        await ReadyInvoiceAsync(factory, early, "300.00", "2026-11-20", "REV-2");
        using var requester = await factory.ClientForAsync("requester");
        var gl = await RequisitionSteps.GlAccountAsync(factory);
        var large = await RequisitionSteps.RaiseAsync(requester, "800.00", gl, "Large request");
        await RequisitionSteps.RaiseAsync(requester, "100.00", gl, "Small request");

        using var controller = await factory.ClientForAsync("controller");
        var people = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "controller@demo.tandem.dev" || u.Email == "buyer@demo.tandem.dev").Select(u => u.Id).ToListAsync(Ct));
        using var saved = await controller.PutAsync("/api/v1/review-pack/settings", Json.Body($$"""
            {"threshold":{"amount":"500.00","currency":"USD"},"weekday":"monday","weeksAhead":2,"exceptionDays":5,"recipientIds":["{{people[0]}}","{{people[1]}}"]}
            """), Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using var bad = await controller.PutAsync("/api/v1/review-pack/settings", Json.Body("""{"weekday":"someday","weeksAhead":40}"""), Ct);
        var problem = await Json.ReadAsync(bad);
        Assert.Equal(["weekday", "weeksAhead"], problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));

        var pack = await Json.ReadAsync(await controller.GetAsync("/api/v1/review-pack", Ct));
        var sections = pack["sections"]!.AsArray().ToDictionary(s => (string)s!["key"]!, s => s!);
        Assert.Equal([(string)large["number"]!], sections["awaitingApproval"]["items"]!.AsArray().Select(i => (string)i!["number"]!));
        Assert.Equal(["REV-X"], sections["overdueExceptions"]["items"]!.AsArray().Select(i => (string)i!["number"]!));
        Assert.Equal(["REV-1"], sections["paymentsDue"]["items"]!.AsArray().Select(i => (string)i!["number"]!)); // due 11-29; REV-2 is due in December
        Assert.Equal(10000L, (long)sections["paymentsDue"]["totalMinor"]!);
        Assert.Equal(["REV-2"], sections["discountsAtStake"]["items"]!.AsArray().Select(i => (string)i!["number"]!));
        Assert.Equal(600L, (long)sections["discountsAtStake"]["totalMinor"]!);
        Assert.Equal(5, pack["kpis"]!.AsArray()[0]!["weeks"]!.AsArray().Count);
        Assert.Contains(pack["savingsToDate"]!.AsArray(), k => (string)k!["key"]! == "costAvoidance");

        var pdf = await controller.GetByteArrayAsync("/api/v1/review-pack/pdf", Ct);
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);

        // The job mails both recipients with the PDF, once on the day, whichever instance runs it.
        var runner = factory.Services.GetRequiredService<JobRunner>();
        var jobs = factory.Services.GetServices<IScheduledJob>().ToList();
        Assert.True(await runner.RunIfDueAsync(jobs.OfType<ReviewPackJob>().Single(), Ct));
        Assert.Equal(0, await factory.WithDbAsync(db => ReviewPackMail.SendIfDueAsync(db, factory.Services.GetRequiredService<IServiceScopeFactory>(), db.Companies.First().Id, Ct)));
        Assert.True(await runner.RunIfDueAsync(jobs.OfType<EmailDeliveryJob>().Single(), Ct));
        var mails = factory.Smtp.Messages.Where(m => m.Data.Contains("review-pack-2026-11-23.pdf", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, mails.Count);
        Assert.Equal(["<buyer@demo.tandem.dev>", "<controller@demo.tandem.dev>"], mails.SelectMany(m => m.To).Order(StringComparer.Ordinal));

        using var requesterPack = await requester.GetAsync("/api/v1/review-pack", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, requesterPack.StatusCode);
    }
}
