using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Tandem.Bench;

/// <summary>What the API benchmarks share: signed-in clients, JSON posts that report failures, percentiles.</summary>
internal static class BenchHttp
{
    public const string Password = "tandem-demo-2026";

    public static Uri Relative(string path) => new(path, UriKind.Relative);

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>The q-quantile of sorted values (nearest rank).</summary>
    public static double Quantile(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    public static async Task<HttpClient?> ClientAsync(Uri baseUrl, string email)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
        if (await SignIn.AsAsync(client, email, Password))
        {
            return client;
        }

        client.Dispose();
        return null;
    }

    public static async Task<JsonNode?> PostAsync(HttpClient client, string path, string body)
    {
        using var response = await client.PostAsync(Relative(path), body.Length == 0 ? null : Json(body));
        var text = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode)
        {
            return JsonNode.Parse(text);
        }

        await Console.Error.WriteLineAsync($"POST {path}: {(int)response.StatusCode} {text}");
        return null;
    }

    /// <summary>The SQL statements the server ran for a response, as its Server-Timing header says ("12 statements: 9 reads, 3 writes"), or "?".</summary>
    public static string Statements(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var sql = response.Headers.TryGetValues("Server-Timing", out var values) ? values.FirstOrDefault(v => v.StartsWith("sql;", StringComparison.Ordinal)) : null;
        return sql is null ? "?" : sql[(sql.IndexOf('"', StringComparison.Ordinal) + 1)..].TrimEnd('"');
    }
}
