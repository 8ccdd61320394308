using BenchmarkDotNet.Attributes;
using Tandem.Domain.Invoicing;
using Tandem.Domain.Money;

namespace Tandem.MicroBench;

/// <summary>Two- and three-way matching of invoice lines against their order lines and receipts, with the company's tolerances.</summary>
public class MatchingBenchmarks
{
    private readonly MatchTolerance _tolerance = new(new Limit(500, 1_000_000), new Limit(200, null), new Limit(100, 5_000, ToleranceCombination.Both));
    private LineFacts[] _lines = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        _lines = [.. Enumerable.Range(0, 1000).Select(_ =>
        {
            var ordered = random.Next(1, 100) * 1000L;
            var price = random.Next(100, 100_000) * 10_000L;
            return new LineFacts(ordered, price, ordered - (random.Next(3) * 1000L), 0, ordered + (random.Next(-1, 2) * 1000L), price + (random.Next(-2, 3) * 10_000L), Currency.Usd);
        })];
    }

    [Benchmark(OperationsPerInvoke = 1000)]
    public int ThreeWayMatchPerLine()
    {
        var matched = 0;
        foreach (var line in _lines)
        {
            matched += LineMatch.Match(line, MatchMethod.ThreeWay, _tolerance).Status == MatchStatus.Matched ? 1 : 0;
        }

        return matched;
    }
}
