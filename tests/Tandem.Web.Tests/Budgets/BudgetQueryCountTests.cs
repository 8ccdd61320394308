using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Budgets.BudgetSteps;

namespace Tandem.Web.Tests.Budgets;

/// <summary>Counts the SQL statements the app runs (all of them, from every request).</summary>
public sealed class SqlCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}

public sealed class CountingFactory : TandemFactory
{
    public SqlCounter Sql { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IInterceptor>(Sql));
    }
}

/// <summary>The budget check reads a fixed number of statements whatever the number of lines, charges and budget lines.</summary>
public sealed class BudgetQueryCountTests(CountingFactory factory) : IClassFixture<CountingFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_check_of_a_50_line_request_runs_as_many_statements_as_one_of_a_single_line()
    {
        using var controller = await factory.ClientForAsync("controller");
        using var requester = await factory.ClientForAsync("requester");
        var (eng, software, hardware) = (await IdOfAsync(factory, "department", "ENG"), await IdOfAsync(factory, "gl", "6100"), await IdOfAsync(factory, "gl", "6110"));
        foreach (var (period, gl) in new[] { ("2032-01", software), ("2032-02", hardware), ("FY2032", software), ("FY2032-Q1", hardware) })
        {
            await BudgetAsync(controller, period, "5000.00", $$""" "departmentId":"{{eng}}","glAccountId":"{{gl}}" """);
        }

        await BudgetAsync(controller, "FY2032", "90000.00", $$""" "departmentId":"{{eng}}" """);
        var one = await CreateAsync(requester, "10.00", software, eng, "2032-01-10");
        var lines = string.Join(",", Enumerable.Range(1, 50).Select(i =>
            $$"""{"description":"Item {{i}}","quantity":"1","unitPrice":"{{i}}.00","glAccountId":"{{(i % 2 == 0 ? software : hardware)}}","needBy":"2032-0{{1 + (i % 3)}}-10"}"""));
        using var created = await requester.PostAsync("/api/v1/requisitions", Json.Body($$"""
            {"title":"Fifty lines","lines":[{{lines}}],"splits":[{"departmentId":"{{eng}}","percent":"60"},{"departmentId":"{{eng}}","percent":"40"}]}
            """), Ct);
        var fifty = await Json.ReadAsync(created);

        async Task<(int Statements, int Lines)> CheckAsync(System.Text.Json.Nodes.JsonNode r)
        {
            await BudgetSteps.CheckAsync(requester, r); // warm (token and plan caches)
            var before = factory.Sql.Count;
            var check = await BudgetSteps.CheckAsync(requester, r);
            return (factory.Sql.Count - before, check["lines"]!.AsArray().Count);
        }

        var (small, smallLines) = await CheckAsync(one);
        var (large, largeLines) = await CheckAsync(fifty);
        Assert.Equal((3, 5), (smallLines, largeLines));
        Assert.Equal(small, large);
        Assert.InRange(large, 1, 12); // 11 today: authentication, the request with lines and splits, company, GL codes, candidates, sums, currency
    }
}
