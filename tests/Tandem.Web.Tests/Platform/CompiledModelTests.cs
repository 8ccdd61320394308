using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Tests.Platform;

/// <summary>
/// The compiled models the app starts with (ADR 0026) are current: each equals, in every detail EF Core prints, the model
/// built from the configuration classes for its engine. After a model change, run eng/compiled-models.sh.
/// </summary>
public sealed class CompiledModelTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void The_app_starts_with_a_compiled_model_equal_to_the_model_built_from_the_configuration(string engine)
    {
        var provider = engine == "sqlite" ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
        var options = new DbContextOptionsBuilder<TandemDb>();
        new DatabaseSettings(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost", false).Configure(options);
        using var app = new TandemDb(options.Options);
        using var built = new DesignTimeDb().CreateDbContext([engine]);

        Assert.Same(DatabaseSettings.CompiledModel(provider), app.Model);
        var expected = built.Model.ToDebugString(MetadataDebugStringOptions.LongDefault);
        var actual = app.Model.ToDebugString(MetadataDebugStringOptions.LongDefault);
        Assert.True(expected == actual, $"The compiled {engine} model is out of date; run eng/compiled-models.sh. First difference at line {FirstDifference(expected, actual)}.");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var (e, a) = (expected.Split('\n'), actual.Split('\n'));
        for (var i = 0; i < Math.Min(e.Length, a.Length); i++)
        {
            if (e[i] != a[i])
            {
                return $"{i + 1}: expected '{e[i].Trim()}', compiled '{a[i].Trim()}'";
            }
        }

        return $"{Math.Min(e.Length, a.Length) + 1} (one is longer)";
    }
}
