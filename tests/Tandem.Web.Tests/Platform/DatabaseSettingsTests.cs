using Microsoft.Extensions.Configuration;
using Npgsql;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Tests.Platform;

/// <summary>PostgreSQL connections prepare repeated statements and skip the pool reset unless the operator's connection string says otherwise.</summary>
public sealed class DatabaseSettingsTests
{
    private static NpgsqlConnectionStringBuilder Settled(string connectionString) =>
        new(DatabaseSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "postgres",
            ["ConnectionStrings:Tandem"] = connectionString,
        }).Build()).ConnectionString);

    [Theory]
    [InlineData("Host=db;Username=tandem;Password=secret", DatabaseSettings.AutoPreparedStatements)]
    [InlineData("Host=db;Username=tandem;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Username=tandem;maxautoprepare=20", 20)]
    public void Automatic_preparation_is_on_unless_the_connection_string_sets_it(string connectionString, int expected) =>
        Assert.Equal(expected, Settled(connectionString).MaxAutoPrepare);

    [Theory]
    [InlineData("Host=db;Username=tandem", true)]
    [InlineData("Host=db;Username=tandem;No Reset On Close=false", false)]
    public void Pooled_connections_skip_the_reset_unless_the_connection_string_sets_it(string connectionString, bool expected) =>
        Assert.Equal(expected, Settled(connectionString).NoResetOnClose);
}
