namespace Tandem.Domain.Invoicing;

/// <summary>
/// The counts a GL classifier needs for one prediction: how many lines each account was trained on, how many feature
/// occurrences each account has in total, and for the features asked about, how often each went with each account.
/// A store (memory or a database table) answers with just the counts that matter for the features of one line.
/// </summary>
public sealed record GlModel(
    IReadOnlyDictionary<Guid, long> LinesByAccount,
    IReadOnlyDictionary<Guid, long> FeaturesByAccount,
    IReadOnlyDictionary<(string Feature, Guid Account), long> FeatureCounts,
    long Vocabulary);

/// <summary>The classifier's best account for a line, with its probability (basis points).</summary>
public sealed record GlPrediction(Guid GlAccountId, int ConfidenceBasisPoints);

/// <summary>
/// A multinomial naive Bayes classifier from invoice lines to GL accounts: the features are the vendor, the words of
/// the description (lower-cased, without numbers and filler words) and an amount band. Learning adds counts, so it
/// retrains incrementally; every AP override is one more example. Laplace smoothing; the confidence is the posterior
/// probability of the best account.
/// </summary>
public static class GlClassifier
{
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "of", "with", "per", "qty", "pcs", "pc", "ea", "each", "item", "items", "order", "ref", "no", "inv", "invoice", "line", "to", "in", "on", "a", "an",
    };

    /// <summary>The features of a line: vendor, description words, amount band (powers of ~3 of the amount in minor units).</summary>
    public static IReadOnlyList<string> Features(Guid vendorId, string description, long amountMinor)
    {
        var features = new List<string> { $"v:{vendorId:N}" };
        var words = new string([.. (description ?? "").ToLowerInvariant().Select(c => char.IsLetter(c) ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 1 && !Filler.Contains(w)).Distinct(StringComparer.Ordinal);
        features.AddRange(words.Select(w => $"w:{w}"));
        features.Add($"a:{(amountMinor <= 0 ? 0 : (int)Math.Floor(Math.Log(amountMinor) / Math.Log(3)))}");
        return features;
    }

    public static GlPrediction? Predict(GlModel model, IReadOnlyList<string> features)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(features);
        var totalLines = model.LinesByAccount.Values.Sum();
        if (totalLines == 0)
        {
            return null;
        }

        var vocabulary = Math.Max(1, model.Vocabulary);
        var scores = model.LinesByAccount.Where(a => a.Value > 0).Select(account =>
        {
            var denominator = Math.Log(model.FeaturesByAccount.GetValueOrDefault(account.Key) + vocabulary);
            var score = Math.Log((double)account.Value / totalLines)
                + features.Sum(f => Math.Log(model.FeatureCounts.GetValueOrDefault((f, account.Key)) + 1.0) - denominator);
            return (Account: account.Key, Score: score);
        }).ToList();
        var best = scores.MaxBy(s => s.Score);
        var sum = scores.Sum(s => Math.Exp(s.Score - best.Score));
        return new GlPrediction(best.Account, (int)Math.Floor(10_000 / sum));
    }
}

/// <summary>An in-memory training store: for evaluations and benchmarks (the application keeps the same counts in a table).</summary>
public sealed class GlTrainingSet
{
    private readonly Dictionary<Guid, long> _lines = [];
    private readonly Dictionary<Guid, long> _features = [];
    private readonly Dictionary<(string, Guid), long> _counts = [];
    private readonly HashSet<string> _vocabulary = new(StringComparer.Ordinal);

    public void Learn(IReadOnlyList<string> features, Guid glAccountId)
    {
        ArgumentNullException.ThrowIfNull(features);
        _lines[glAccountId] = _lines.GetValueOrDefault(glAccountId) + 1;
        _features[glAccountId] = _features.GetValueOrDefault(glAccountId) + features.Count;
        foreach (var feature in features)
        {
            _counts[(feature, glAccountId)] = _counts.GetValueOrDefault((feature, glAccountId)) + 1;
            _vocabulary.Add(feature);
        }
    }

    public GlModel Model => new(_lines, _features, _counts, _vocabulary.Count);
}
