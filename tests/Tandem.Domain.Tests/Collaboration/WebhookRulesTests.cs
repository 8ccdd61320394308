using Tandem.Domain.Collaboration;

namespace Tandem.Domain.Tests.Collaboration;

public sealed class WebhookRulesTests
{
    [Theory]
    [InlineData("requisition.*", "requisition.approved", true)]
    [InlineData("requisition.*", "approval.decided", false)]
    [InlineData("*", "approval.decided", true)]
    [InlineData("approval.decided", "approval.decided", true)]
    [InlineData("approval.decided", "approval.requested", false)]
    [InlineData("requisition", "requisition.created", false)]
    public void Matches_names_families_and_everything(string pattern, string type, bool expected) =>
        Assert.Equal(expected, WebhookRules.Matches([pattern], type));

    [Theory]
    [InlineData("requisition.*", true)]
    [InlineData("approval.escalated", true)]
    [InlineData("*", true)]
    [InlineData("invoice.*", false)]
    [InlineData("requisition.deleted", false)]
    [InlineData("", false)]
    public void Knows_which_patterns_are_valid(string pattern, bool expected) => Assert.Equal(expected, WebhookRules.IsPattern(pattern));

    [Fact]
    public void Backs_off_longer_each_time_then_gives_up()
    {
        var failed = new DateTime(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
        var waits = Enumerable.Range(1, WebhookRules.MaxAttempts).Select(a => WebhookRules.NextAttempt(a, failed)).ToList();
        Assert.Equal(failed.AddMinutes(1), waits[0]);
        Assert.Equal(failed.AddMinutes(5), waits[1]);
        Assert.True(waits.Take(WebhookRules.MaxAttempts - 1).Zip(waits.Skip(1).Take(WebhookRules.MaxAttempts - 2)).All(p => p.First < p.Second));
        Assert.Null(waits[^1]);
    }

    [Fact]
    public void Signs_with_hmac_sha256_over_timestamp_and_body() =>
        // Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
        Assert.Equal("t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789", WebhookRules.Signature("whsec_test", 1_700_000_000, "{\"a\":1}"));

    [Fact]
    public void Verifies_its_own_signature_and_refuses_tampering_and_replays()
    {
        var header = WebhookRules.Signature("s3cret", 1_700_000_000, "body");
        Assert.True(WebhookRules.Verify("s3cret", header, "body", 1_700_000_100));
        Assert.False(WebhookRules.Verify("s3cret", header, "b0dy", 1_700_000_100));
        Assert.False(WebhookRules.Verify("other", header, "body", 1_700_000_100));
        Assert.False(WebhookRules.Verify("s3cret", header, "body", 1_700_000_000 + 301));
        Assert.False(WebhookRules.Verify("s3cret", "garbage", "body", 1_700_000_000));
    }
}
