using System.Net;
using System.Text.RegularExpressions;

namespace Tandem.Bench;

/// <summary>Signs an HttpClient (with a cookie container) in through the real sign-in page.</summary>
internal static partial class SignIn
{
    public static async Task<bool> AsAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync(new Uri("/Account/SignIn", UriKind.Relative));
        var token = Token().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["__RequestVerificationToken"] = token,
        });
        using var response = await client.PostAsync(new Uri("/Account/SignIn", UriKind.Relative), form);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return true;
        }

        await Console.Error.WriteLineAsync($"sign-in as {email} failed: {(int)response.StatusCode}");
        return false;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
