using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Tandem.Cycle;

/// <summary>One API call as the cycle sees it: its body, how long it took, the SQL statements the server reported.</summary>
public sealed record Call(JsonNode? Body, double Milliseconds, int Statements);

/// <summary>A request the cycle did not expect to fail: any non-2xx answer.</summary>
public sealed class CycleStepException(string message) : Exception(message);

internal static class Http
{
    public static async Task<JsonNode> GetJsonAsync(HttpClient client, string path) => (await SendAsync(client, HttpMethod.Get, path, null)).Body!;

    public static async Task<Call> SendAsync(HttpClient client, HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        var started = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new CycleStepException($"{method} {path}: {(int)response.StatusCode} {(text.Length > 400 ? text[..400] : text)}");
        }

        return new Call(text.Length == 0 ? null : JsonNode.Parse(text), elapsed, Statements(response));
    }

    /// <summary>The statement count of the server's Server-Timing header (<c>sql;desc="12 statements: …"</c>), or 0.</summary>
    private static int Statements(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Server-Timing", out var values))
        {
            return 0;
        }

        var sql = values.SelectMany(v => v.Split(',')).Select(v => v.Trim()).FirstOrDefault(v => v.StartsWith("sql;", StringComparison.Ordinal));
        var desc = sql?.IndexOf("desc=\"", StringComparison.Ordinal) ?? -1;
        if (desc < 0)
        {
            return 0;
        }

        var digits = new string(sql![(desc + 6)..].TakeWhile(char.IsDigit).ToArray());
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }
}
