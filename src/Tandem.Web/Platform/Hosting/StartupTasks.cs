using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Tandem.Web.Features.Invoices.Capture;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Platform.Hosting;

/// <summary>
/// On start: apply migrations (EF Core takes a database lock, so two instances starting together are safe),
/// seed the demo company on the first run of the default SQLite database, and print where to go and who to sign in as.
/// Demo:Seed = first-run (default) | if-empty | never. Taking <see cref="UblSchemas"/> compiles the operator's UBL
/// schemas (if configured) now, so a wrong folder stops the start instead of failing the first import.
/// </summary>
public sealed class StartupTasks(
    IServiceScopeFactory scopes, IConfiguration configuration, DatabaseSettings database, UblSchemas ublSchemas,
    IHostApplicationLifetime lifetime, IServer server, ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TandemDb>();
        if (configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await DatabaseMigrator.MigrateAsync(db, cancellationToken);
        }

        var seed = configuration["Demo:Seed"] ?? "first-run";
        var wantsDemo = seed switch
        {
            "first-run" => database.IsDefaultSqlite,
            "if-empty" => true,
            _ => false,
        };
        if (wantsDemo && !await db.Companies.AnyAsync(cancellationToken))
        {
            // All or nothing: a first start stopped half-way (Ctrl+C) would otherwise leave a company, which the next
            // start takes as "not empty" and never seeds the rest.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await DemoData.SeedAsync(scope.ServiceProvider, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Seeded the demo company.");
        }

        var hasDemo = await db.Companies.AnyAsync(c => c.Code == DemoData.CompanyCode, cancellationToken);
        lifetime.ApplicationStarted.Register(() => PrintWelcome(hasDemo));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void PrintWelcome(bool hasDemo)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var lines = new List<string> { "", "Tandem is running.", $"  Open: {string.Join(", ", addresses)}", $"  Database: {database.Provider}" };
        if (ublSchemas.Folder is { } folder)
        {
            lines.Add($"  UBL schema validation: {folder}");
        }

        if (hasDemo)
        {
            lines.Add($"  Demo sign-ins (password for all: {DemoData.Password}):");
            lines.AddRange(DemoData.People.Select(p => $"    {p.Email,-28} {string.Join(", ", p.Roles)}"));
        }

        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
