using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Tandem.Web.Platform.Data;

/// <summary>
/// The context as the EF Core tools build it (<c>dotnet ef dbcontext optimize -- sqlite|postgres</c>, see
/// eng/compiled-models.sh): the model of one engine, configured exactly as the app configures it, with no database.
/// </summary>
internal sealed class DesignTimeDb : IDesignTimeDbContextFactory<TandemDb>
{
    public TandemDb CreateDbContext(string[] args)
    {
        var postgres = args.Contains("postgres", StringComparer.OrdinalIgnoreCase);
        var settings = postgres
            ? new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost;Database=design", false)
            : new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=:memory:", false);
        var options = new DbContextOptionsBuilder<TandemDb>();
        settings.Configure(options, compiledModel: false);
        return new TandemDb(options.Options);
    }
}
