using System.Diagnostics;
using System.Globalization;
using Tandem.Domain.Invoicing;

namespace Tandem.Bench;

/// <summary>
/// Measures the GL classifier on a generated but realistic labelled dataset (seeded, so every run is the same):
/// 80 vendors of Zipf-like popularity, 24 GL accounts, each vendor billing one to four accounts (its main one 60 % of
/// the time); descriptions drawn from each account's vocabulary plus words shared by related accounts (travel, IT,
/// facilities, professional services…), with noise: a quarter of the lines are bare product codes, typos, filler, order
/// numbers, generic words, 8 % with a misleading word from another account, and 3 % of the training lines miscoded
/// (people err); amounts log-normal per account; and shifting patterns: in the last third of the two years a fifth of
/// the vendors move their main account and new vendors appear.
/// Split by time (first 20 months train, last 4 test), the model learning every test line after predicting it (as AP
/// confirms them). Reports accuracy, and for several auto-apply thresholds the accuracy of the applied lines and
/// their coverage. Target: ≥ 90 % accuracy on auto-applied lines with ≥ 70 % coverage.
/// Usage: Tandem.Bench gl-classifier [lines=24000] [seed=7]
/// </summary>
internal static class GlClassifierEval
{
    private static readonly string[][] Vocabularies =
    [
        ["paper", "toner", "pens", "folders", "stapler", "envelopes", "notebooks", "labels"],
        ["laptop", "monitor", "keyboard", "mouse", "dock", "headset", "webcam", "charger"],
        ["software", "licence", "subscription", "saas", "seats", "renewal", "cloud", "support"],
        ["hotel", "night", "room", "lodging", "stay", "accommodation", "breakfast", "resort"],
        ["flight", "airfare", "ticket", "economy", "baggage", "airline", "seat", "return"],
        ["taxi", "ride", "uber", "cab", "transfer", "mileage", "parking", "toll"],
        ["catering", "lunch", "coffee", "sandwiches", "snacks", "beverages", "dinner", "pastries"],
        ["cleaning", "janitorial", "sanitizer", "waste", "disposal", "mopping", "hygiene", "towels"],
        ["electricity", "power", "kwh", "energy", "utility", "meter", "grid", "tariff"],
        ["water", "sewer", "utility", "meter", "cubic", "usage", "supply", "drainage"],
        ["rent", "lease", "premises", "office", "space", "monthly", "landlord", "building"],
        ["legal", "counsel", "attorney", "advice", "contract", "review", "litigation", "hours"],
        ["audit", "accounting", "tax", "filing", "statutory", "review", "advisory", "fees"],
        ["consulting", "workshop", "strategy", "advisory", "days", "engagement", "project", "discovery"],
        ["advertising", "campaign", "ads", "media", "banner", "sponsored", "impressions", "clicks"],
        ["printing", "brochures", "flyers", "posters", "banners", "print", "copies", "leaflets"],
        ["shipping", "freight", "courier", "parcel", "delivery", "pallet", "express", "postage"],
        ["repair", "maintenance", "service", "hvac", "plumbing", "technician", "callout", "parts"],
        ["insurance", "premium", "policy", "coverage", "liability", "property", "annual", "renewal"],
        ["training", "course", "seminar", "certification", "tuition", "learning", "webinar", "class"],
        ["telephone", "mobile", "phone", "calls", "data", "plan", "sim", "roaming"],
        ["internet", "broadband", "fibre", "bandwidth", "connectivity", "router", "line", "isp"],
        ["furniture", "desk", "chair", "cabinet", "shelving", "table", "ergonomic", "sofa"],
        ["lab", "reagents", "pipettes", "gloves", "centrifuge", "samples", "chemicals", "glassware"],
    ];

    /// <summary>Words related accounts share (account index / 4 picks the group), so words alone do not decide.</summary>
    private static readonly string[][] Shared =
    [
        ["office", "supplies", "equipment", "device", "kit"],
        ["travel", "trip", "booking", "journey", "expenses"],
        ["facilities", "site", "building", "service", "utility"],
        ["utility", "monthly", "service", "account", "usage"],
        ["professional", "services", "hours", "fees", "consultancy"],
        ["marketing", "services", "materials", "event", "promotion"],
    ];

    private static readonly string[] Generic = ["services", "supplies", "misc", "general", "various", "goods", "standard", "premium", "monthly", "fee"];

    private sealed record Example(int Month, Guid Vendor, string Description, long Amount, Guid Account);

    public static int Run(string[] args)
    {
        var lines = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 24_000;
        var seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
        var data = Generate(lines, seed);
        var train = data.Where(e => e.Month < 20).ToList();
        var test = data.Where(e => e.Month >= 20).ToList();
        var model = new GlTrainingSet();
        var clock = Stopwatch.StartNew();
        foreach (var e in train)
        {
            model.Learn(GlClassifier.Features(e.Vendor, e.Description, e.Amount), e.Account);
        }

        var trainMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var results = new List<(bool Right, int Confidence)>();
        foreach (var e in test)
        {
            var features = GlClassifier.Features(e.Vendor, e.Description, e.Amount);
            var prediction = GlClassifier.Predict(model.Model, features);
            results.Add((prediction?.GlAccountId == e.Account, prediction?.ConfidenceBasisPoints ?? 0));
            model.Learn(features, e.Account); // AP confirms or corrects it: one more example
        }

        var predictMs = clock.Elapsed.TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GL classifier: {train.Count} training lines (months 1-20), {test.Count} test lines (months 21-24), seed {seed}; training {train.Count / (trainMs / 1000):F0} lines/s, prediction {test.Count / (predictMs / 1000):F0} lines/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy on every test line (top suggestion): {100.0 * results.Count(r => r.Right) / results.Count:F1} %"));
        var met = false;
        foreach (var threshold in new[] { 5000, 6000, 7000, 8000, 9000, 9500 })
        {
            var applied = results.Where(r => r.Confidence >= threshold).ToList();
            var accuracy = applied.Count == 0 ? 0 : 100.0 * applied.Count(r => r.Right) / applied.Count;
            var coverage = 100.0 * applied.Count / results.Count;
            met |= accuracy >= 90 && coverage >= 70;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"auto-apply at {threshold / 100} % confidence: accuracy {accuracy:F1} % on {coverage:F1} % of lines"));
        }

        Console.WriteLine(met ? "target met: >= 90 % accuracy with >= 70 % coverage" : "target NOT met");
        return met ? 0 : 1;
    }

    private static List<Example> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var accounts = Enumerable.Range(0, Vocabularies.Length).Select(i => new Guid(i + 1, 0, 0, new byte[8])).ToArray();
        var vendors = Enumerable.Range(0, 80).Select(i =>
        {
            var main = random.Next(accounts.Length);
            var others = Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(accounts.Length)).ToArray();
            return (Id: new Guid(0, 0, 0, [.. BitConverter.GetBytes((long)i + 1)]), Main: main, Others: others, Since: i < 70 ? 0 : 16 + random.Next(8), Moves: random.NextDouble() < 0.2);
        }).ToArray();
        var weights = vendors.Select((_, i) => 1.0 / (i + 1)).ToArray(); // Zipf-like popularity
        var total = weights.Sum();
        var examples = new List<Example>(count);
        for (var n = 0; n < count; n++)
        {
            var month = n * 24 / count;
            int v;
            do
            {
                var pick = random.NextDouble() * total;
                v = 0;
                while (pick > weights[v])
                {
                    pick -= weights[v];
                    v++;
                }
            }
            while (vendors[v].Since > month);

            var vendor = vendors[v];
            var main = vendor.Moves && month >= 16 ? (vendor.Main + 7) % accounts.Length : vendor.Main;
            var account = vendor.Others.Length == 0 || random.NextDouble() < 0.6 ? main : vendor.Others[random.Next(vendor.Others.Length)];
            var words = Vocabularies[account].Concat(Shared[account / 4]).ToArray();
            var parts = random.NextDouble() < 0.25
                ? [$"SKU-{random.Next(10_000, 99_999)}"]
                : Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Typo(words[random.Next(words.Length)], random)).ToList();
            if (random.NextDouble() < 0.5)
            {
                parts.Add(Generic[random.Next(Generic.Length)]);
            }

            if (random.NextDouble() < 0.08)
            {
                var other = Vocabularies[random.Next(Vocabularies.Length)];
                parts.Add(other[random.Next(other.Length)]);
            }

            if (random.NextDouble() < 0.4)
            {
                parts.Add($"ref {random.Next(10_000, 99_999)}");
            }

            var amount = (long)Math.Round(Math.Exp(Math.Log(2_000 * (1 + account % 7)) + (random.NextDouble() - 0.5) * 2));
            var label = month < 20 && random.NextDouble() < 0.03 ? random.Next(accounts.Length) : account; // miscoded in the past
            examples.Add(new Example(month, vendor.Id, string.Join(' ', parts.OrderBy(_ => random.Next())), amount, accounts[label]));
        }

        return examples;
    }

    /// <summary>One in ten words gets two neighbouring letters swapped.</summary>
    private static string Typo(string word, Random random)
    {
        if (word.Length < 4 || random.NextDouble() >= 0.1)
        {
            return word;
        }

        var i = random.Next(word.Length - 1);
        var chars = word.ToCharArray();
        (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
        return new string(chars);
    }
}
