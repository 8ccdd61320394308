using BenchmarkDotNet.Attributes;
using Tandem.Domain.Invoicing;

namespace Tandem.MicroBench;

/// <summary>Suggesting a GL account for an invoice line: its features, then a naive Bayes prediction over 40 accounts.</summary>
public class GlClassifierBenchmarks
{
    private static readonly string[] Words = ["toner", "paper", "laptop", "monitor", "cable", "gloves", "pipette", "chair", "desk", "license", "support", "cleaning", "freight", "repair", "consulting"];
    private GlModel _model = null!;
    private readonly Guid _vendor = Guid.NewGuid();

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        var accounts = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToArray();
        var counts = new Dictionary<(string, Guid), long>();
        foreach (var account in accounts)
        {
            foreach (var word in Words.Where(_ => random.Next(3) == 0))
            {
                counts[($"w:{word}", account)] = random.Next(1, 500);
            }

            counts[($"v:{_vendor:N}", account)] = random.Next(0, 50);
        }

        _model = new GlModel(accounts.ToDictionary(a => a, _ => (long)random.Next(100, 5_000)), accounts.ToDictionary(a => a, _ => (long)random.Next(1_000, 50_000)), counts, 5_000);
    }

    [Benchmark]
    public GlPrediction? SuggestForOneLine() =>
        GlClassifier.Predict(_model, GlClassifier.Features(_vendor, "Toner cartridge and paper for the 3rd floor printer", 12_345));
}
