using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Hosting;

namespace Tandem.Web.Platform.Cli;

/// <summary>
/// The deployable doubles as its own admin tool: `serve` (default), `migrate`, `seed`, `check`, `create-admin`, `reindex`.
/// Every command reads the same configuration (appsettings, environment, --Database:Provider=... switches).
/// </summary>
public static class TandemCli
{
    private static readonly string[] Commands = ["serve", "migrate", "seed", "check", "create-admin", "reindex", "--help", "-h", "-?", "help", "--version"];

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || !Commands.Contains(args[0], StringComparer.Ordinal))
        {
            await ServeAsync(args);
            return 0;
        }

        var root = new RootCommand("Tandem — procure-to-pay. Without a command, runs the web server (same as 'serve').");
        var passthrough = new Argument<string[]>("settings") { Description = "Configuration overrides, e.g. --urls http://0.0.0.0:8080 or --Database:Provider=postgres", Arity = ArgumentArity.ZeroOrMore };

        var serve = new Command("serve", "Run the web server: migrates the database, seeds the demo company on a fresh default SQLite database, prints the URL.");
        serve.TreatUnmatchedTokensAsErrors = false;
        serve.SetAction(async (parse, _) =>
        {
            await ServeAsync([.. parse.UnmatchedTokens]);
            return 0;
        });

        var migrate = new Command("migrate", "Apply pending database migrations and exit.") { passthrough };
        migrate.SetAction((parse, ct) => WithServicesAsync(parse.GetValue(passthrough) ?? [], async (sp, db) =>
        {
            var before = (await db.Database.GetAppliedMigrationsAsync(ct)).Count();
            await DatabaseMigrator.MigrateAsync(db, ct);
            var after = (await db.Database.GetAppliedMigrationsAsync(ct)).Count();
            Console.WriteLine($"Database is up to date: {after} migration(s), {after - before} applied now.");
            return 0;
        }));

        var reindex = new Command("reindex", "Rebuild the catalog search index of every company (derived data; safe while the server runs).") { passthrough };
        reindex.SetAction((parse, ct) => WithServicesAsync(parse.GetValue(passthrough) ?? [], async (sp, db) =>
        {
            var items = await Features.Catalog.SearchIndex.RebuildAsync(db, ct);
            Console.WriteLine($"Search index rebuilt: {items} item(s).");
            return 0;
        }));

        var check = new Command("check", "Check the invariants every write keeps (totals, links, unique document numbers, audit) over the whole database; exit code 1 if any is broken.") { passthrough };
        check.SetAction((parse, ct) => WithServicesAsync(parse.GetValue(passthrough) ?? [], (sp, db) => ConsistencyCheck.PrintAsync(db, ct)));

        var demo = new Option<bool>("--demo") { Description = "Seed the demo company with sign-ins for every role." };
        var payables = new Option<int>("--payables") { Description = "Benchmark volume: this many ready-to-pay invoices in the demo company (with --vendors)." };
        var history = new Option<bool>("--spend-history") { Description = "Benchmark volume: two years of orders, invoices and spend facts in the demo company (with --orders, --vendors)." };
        var size = new Option<string>("--size") { Description = "With --spend-history: S (2,000 orders, 50 vendors), M (20,000, 500) or L (200,000, 5,000 — about 1,000,000 invoice lines; the default)." };
        size.AcceptOnlyFromAmong("S", "M", "L");
        var orders = new Option<int?>("--orders") { Description = "With --spend-history: this many orders (two or three lines each, two invoices each); overrides --size." };
        var vendors = new Option<int?>("--vendors") { Description = "With --payables or --spend-history: across this many new vendors (default 5,000); overrides --size." };
        var randomSeed = new Option<int>("--seed") { Description = "With --payables or --spend-history: the random seed (same seed, same data).", DefaultValueFactory = _ => 42 };
        var seed = new Command("seed", "Seed data. With --demo: the demo company (only into a database without companies). With --payables: benchmark invoices. With --spend-history: two years of purchasing history.")
        {
            demo, payables, history, size, orders, vendors, randomSeed, passthrough,
        };
        seed.SetAction((parse, ct) => WithServicesAsync(parse.GetValue(passthrough) ?? [], async (sp, db) =>
        {
            if (parse.GetValue(payables) is > 0 and var count)
            {
                await DatabaseMigrator.MigrateAsync(db, ct);
                return await PayablesSeed.RunAsync(db, count, Math.Max(1, parse.GetValue(vendors) ?? 5_000), parse.GetValue(randomSeed), ct);
            }

            if (parse.GetValue(history))
            {
                await DatabaseMigrator.MigrateAsync(db, ct);
                var (sizeOrders, sizeVendors) = parse.GetValue(size) switch
                {
                    "S" => (2_000, 50),
                    "M" => (20_000, 500),
                    _ => (200_000, 5_000),
                };
                return await SpendHistorySeed.RunAsync(db, Math.Max(1, parse.GetValue(orders) ?? sizeOrders), Math.Max(1, parse.GetValue(vendors) ?? sizeVendors), parse.GetValue(randomSeed), ct);
            }

            if (!parse.GetValue(demo))
            {
                Console.Error.WriteLine("Nothing to seed: pass --demo, --payables N or --spend-history.");
                return 2;
            }

            await DatabaseMigrator.MigrateAsync(db, ct);
            if (await db.Companies.AnyAsync(ct))
            {
                Console.Error.WriteLine("The database already holds companies; the demo company is only seeded into an empty database.");
                return 1;
            }

            await DemoData.SeedAsync(sp, ct);
            Console.WriteLine($"Seeded the demo company. Sign in with any of these (password {DemoData.Password}):");
            foreach (var p in DemoData.People)
            {
                Console.WriteLine($"  {p.Email,-28} {string.Join(", ", p.Roles)}");
            }

            return 0;
        }));

        var email = new Option<string>("--email") { Description = "The admin's e-mail (their sign-in).", Required = true };
        var password = new Option<string>("--password") { Description = "At least 10 characters.", Required = true };
        var name = new Option<string>("--name") { Description = "Display name.", DefaultValueFactory = _ => "Administrator" };
        var companyCode = new Option<string>("--company-code") { Description = "Existing company code, or the code of the company to create.", DefaultValueFactory = _ => "MAIN" };
        var companyName = new Option<string>("--company-name") { Description = "Name of the company to create if it does not exist." };
        var currency = new Option<string>("--currency") { Description = "Base currency of a new company (ISO 4217).", DefaultValueFactory = _ => "USD" };
        var zone = new Option<string>("--time-zone") { Description = "IANA time zone of a new company.", DefaultValueFactory = _ => "UTC" };
        var createAdmin = new Command("create-admin", "Create an administrator (and the company, on an empty database) to start a production install.")
        {
            email, password, name, companyCode, companyName, currency, zone, passthrough,
        };
        createAdmin.SetAction((parse, ct) => WithServicesAsync(parse.GetValue(passthrough) ?? [], async (sp, db) =>
        {
            await DatabaseMigrator.MigrateAsync(db, ct);
            var code = parse.GetValue(companyCode)!.ToUpperInvariant();
            var company = await db.Companies.SingleOrDefaultAsync(c => c.Code == code, ct);
            if (company is null)
            {
                var created = await SaveCompany.CreateAsync(db, new SaveCompany.Request(code, parse.GetValue(companyName) ?? code, parse.GetValue(currency), parse.GetValue(zone), 1), ct);
                if (!created.IsSuccess)
                {
                    Console.Error.WriteLine(string.Join(Environment.NewLine, created.Errors.Select(e => $"{e.Field}: {e.Message}")));
                    return 1;
                }

                company = await db.Companies.SingleAsync(c => c.Code == code, ct);
            }

            var now = db.Clock.GetUtcNow();
            var user = new User
            {
                Id = Ids.New(now),
                CompanyId = company.Id,
                Email = parse.GetValue(email),
                UserName = parse.GetValue(email),
                DisplayName = parse.GetValue(name)!,
                EmailConfirmed = true,
                LockoutEnabled = true,
                CreatedAtUtc = now.UtcDateTime,
            };
            user.Roles.Add(new RoleAssignment { Id = Ids.New(now), UserId = user.Id, Role = Role.Admin });
            var result = await sp.GetRequiredService<UserManager<User>>().CreateAsync(user, parse.GetValue(password)!);
            if (!result.Succeeded)
            {
                Console.Error.WriteLine(string.Join(Environment.NewLine, result.Errors.Select(e => e.Description)));
                return 1;
            }

            Console.WriteLine($"Created admin {user.Email} in company {company.Code}.");
            return 0;
        }));

        root.Subcommands.Add(serve);
        root.Subcommands.Add(migrate);
        root.Subcommands.Add(seed);
        root.Subcommands.Add(check);
        root.Subcommands.Add(createAdmin);
        root.Subcommands.Add(reindex);
        return await root.Parse(args).InvokeAsync();
    }

    private static async Task ServeAsync(string[] args)
    {
        var app = TandemApp.Build(args);
        await app.RunAsync();
    }

    private static async Task<int> WithServicesAsync(string[] args, Func<IServiceProvider, TandemDb, Task<int>> work)
    {
        var app = TandemApp.Build(args);
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<TandemDb>());
    }
}
