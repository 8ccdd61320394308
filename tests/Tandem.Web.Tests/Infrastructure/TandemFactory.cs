using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Web.Features.Account;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Hosting;

namespace Tandem.Web.Tests.Infrastructure;

/// <summary>
/// The real app (real middleware, real database on the engine under test, demo company seeded) for one test class.
/// Clients authenticate as demo users with API tokens minted straight into the database.
/// </summary>
public class TandemFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        _ = Services; // start the host: migrations + demo seed
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Tandem", Database.ConnectionString);
        builder.UseSetting("Demo:Seed", "if-empty");
        builder.UseSetting("Jobs:Enabled", "false"); // tests run scheduled jobs themselves, on their own clock
    }

    public async Task<T> WithDbAsync<T>(Func<TandemDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TandemDb>());
    }

    /// <summary>An HTTP client acting as a demo user (by e-mail prefix: "admin", "buyer", ...) through a real API token.</summary>
    public async Task<HttpClient> ClientForAsync(string who, params string[] roles)
    {
        var secret = await TokenForAsync(who, roles);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>An HTTP client signed in through the real sign-in page (cookie session, antiforgery token).</summary>
    public async Task<HttpClient> SignedInClientAsync(string who, string password = DemoData.Password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var response = await SignInAsync(client, who.Contains('@', StringComparison.Ordinal) ? who : $"{who}@demo.tandem.dev", password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {who} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/Account/SignIn");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    public Task<string> TokenForAsync(string who, params string[] roles) => WithDbAsync(async db =>
    {
        var email = who.Contains('@', StringComparison.Ordinal) ? who : $"{who}@demo.tandem.dev";
        var user = await db.Users.Include(u => u.Roles).SingleAsync(u => u.Email == email);
        var secret = ApiTokenAuthentication.NewSecret();
        db.ApiTokens.Add(new ApiToken
        {
            Id = Guid.CreateVersion7(),
            UserId = user.Id,
            Name = "test",
            Prefix = secret[..12],
            TokenHash = ApiTokenAuthentication.Hash(secret),
            Roles = string.Join(' ', roles.Length > 0 ? roles : user.Roles.Select(r => r.Role).Distinct()),
            CreatedAtUtc = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        return secret;
    });

    public static IReadOnlyList<DemoData.Person> People => DemoData.People;
}
