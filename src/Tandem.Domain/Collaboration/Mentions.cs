using System.Text.RegularExpressions;

namespace Tandem.Domain.Collaboration;

/// <summary>
/// "@name" mentions in a comment: a handle is an e-mail address ("@alex@example.com") or its part before the "@"
/// ("@alex", "@alex.morgan"). Not a mention: an address inside a word ("mail@x.com" is not "@x.com"), trailing
/// punctuation ("@alex," is "alex").
/// </summary>
public static partial class Mentions
{
    [GeneratedRegex(@"(?<![\w@.+-])@([a-z0-9](?:[a-z0-9._%+-]*[a-z0-9])?(?:@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Handle();

    /// <summary>The distinct handles mentioned, lower-case, in the order they first appear.</summary>
    public static IReadOnlyList<string> Find(string? text) =>
        string.IsNullOrEmpty(text) ? [] : [.. Handle().Matches(text).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct()];

    /// <summary>True when <paramref name="handle"/> names the person with this e-mail address (whole address or its local part).</summary>
    public static bool Names(string handle, string email)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentNullException.ThrowIfNull(email);
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return handle.Equals(email, StringComparison.OrdinalIgnoreCase)
            || (at > 0 && handle.Equals(email[..at], StringComparison.OrdinalIgnoreCase));
    }
}
