using BenchmarkDotNet.Attributes;
using Tandem.Domain.Budgets;

namespace Tandem.MicroBench;

/// <summary>The budget decision for a request of 50 charged lines against the company's budget lines (monthly, by department and GL account).</summary>
public class BudgetBenchmarks
{
    private BudgetLineState[] _lines = [];
    private Charge[] _charges = [];

    [Params(100, 10_000)]
    public int BudgetLines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var departments = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToArray();
        var accounts = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToArray();
        _lines = [.. Enumerable.Range(0, BudgetLines).Select(i => new BudgetLineState(
            Guid.NewGuid(), $"Budget {i}", new BudgetScope(departments[i % departments.Length], null, null, accounts[i / departments.Length % accounts.Length], null, null),
            BudgetPeriod.Month(2026, 1 + (i % 12)), 1_000_000, (BudgetControl)(i % 3), 80, null, 0, random.Next(0, 900_000), random.Next(0, 100_000)))];
        _charges = [.. Enumerable.Range(1, 50).Select(n => new Charge(
            n, departments[random.Next(departments.Length)], null, null, accounts[random.Next(accounts.Length)], "6100", null, new DateOnly(2026, 6, 15), random.Next(1_000, 50_000)))];
    }

    [Benchmark]
    public bool DecideFiftyLines() => BudgetCheck.Evaluate(_lines, _charges).Blocked;
}
