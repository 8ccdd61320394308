using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tandem.Domain.Collaboration;

/// <summary>
/// Signed webhooks: which subscriptions an event goes to, how a delivery is signed, and when a failed one is retried.
/// </summary>
public static class WebhookRules
{
    /// <summary>The events Tandem publishes. A subscription names some of them, or a family ("requisition.*"), or "*".</summary>
    public static readonly IReadOnlyList<string> EventTypes =
    [
        "requisition.created", "requisition.updated", "requisition.submitted", "requisition.approved", "requisition.rejected",
        "requisition.returned", "requisition.cancelled", "requisition.commented", "purchaseOrder.commented",
        "approval.requested", "approval.decided", "approval.escalated",
    ];

    /// <summary>Waits after the 1st, 2nd, ... failed attempt; after the last the delivery is given up (and can be resent by hand).</summary>
    public static readonly IReadOnlyList<TimeSpan> Backoff =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromHours(12),
        TimeSpan.FromHours(24),
    ];

    public static int MaxAttempts => Backoff.Count + 1;

    /// <summary>When to try again after <paramref name="attempts"/> failed attempts; null when it is time to give up.</summary>
    public static DateTime? NextAttempt(int attempts, DateTime failedAtUtc) =>
        attempts >= 1 && attempts <= Backoff.Count ? failedAtUtc + Backoff[attempts - 1] : null;

    public static bool IsPattern(string pattern) =>
        pattern == "*" || EventTypes.Contains(pattern) || (pattern.EndsWith(".*", StringComparison.Ordinal) && EventTypes.Any(t => t.StartsWith(pattern[..^1], StringComparison.Ordinal)));

    public static bool Matches(IEnumerable<string> patterns, string eventType)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        return patterns.Any(p => p == "*" || p == eventType || (p.EndsWith(".*", StringComparison.Ordinal) && eventType.StartsWith(p[..^1], StringComparison.Ordinal)));
    }

    /// <summary>
    /// The signature header value: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body" with the secret&gt;</c>.
    /// Receivers recompute it and refuse old timestamps, so a captured delivery cannot be replayed later.
    /// </summary>
    public static string Signature(string secret, long unixSeconds, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var t = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>Checks a signature header the way a receiver should: same MAC (constant time) and not older than the tolerance.</summary>
    public static bool Verify(string secret, string header, string body, long nowUnixSeconds, long toleranceSeconds = 300)
    {
        ArgumentNullException.ThrowIfNull(header);
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var ts) || Math.Abs(nowUnixSeconds - ts) > toleranceSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Signature(secret, ts, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(header));
    }
}
