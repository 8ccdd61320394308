using BenchmarkDotNet.Attributes;
using Tandem.Domain.Money;

namespace Tandem.MicroBench;

/// <summary>Money rules every document uses: parsing an amount, splitting a total by weights and by percentages, converting.</summary>
public class MoneyBenchmarks
{
    private readonly string _text = "12345.67";
    private readonly Money _total = new(1_234_567, Currency.Usd);
    private readonly long[] _weights = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    private readonly decimal[] _percentages = [12.5m, 12.5m, 25m, 33.333m, 16.667m];

    [Benchmark]
    public bool ParseAmount() => Money.TryParse(_text, Currency.Usd, out _);

    [Benchmark]
    public Money[] AllocateByTenWeights() => Allocation.ByWeights(_total, _weights);

    [Benchmark]
    public bool AllocateByPercentages() => Allocation.ByPercentages(_total, _percentages).IsSuccess;

    [Benchmark]
    public Money ConvertAtRate() => Conversion.Convert(_total, 1_087_500, 1_000_000, Currency.Of("EUR"));
}
