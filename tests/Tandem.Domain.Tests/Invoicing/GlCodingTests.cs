using Tandem.Domain.Invoicing;

namespace Tandem.Domain.Tests.Invoicing;

public class GlCodingTests
{
    private static readonly Guid Vendor = Guid.NewGuid();
    private static readonly Guid Office = Guid.NewGuid();
    private static readonly Guid Travel = Guid.NewGuid();
    private static readonly Guid Fallback = Guid.NewGuid();

    private static LineToCode Line(string description, Guid? order = null, Guid? category = null, Guid? vendorDefault = null) =>
        new(Vendor, description, 5_000, order, category, vendorDefault);

    [Fact]
    public void Rules_come_first_in_their_order()
    {
        var rules = new[] { new CodingRule(Guid.NewGuid(), null, "hotel", Travel, null, 1), new CodingRule(Guid.NewGuid(), Vendor, "hotel", Fallback, null, 5) };
        Assert.Equal(CodingSource.OrderLine, GlCoding.Decide(Line("hotel", order: Office), rules, null, 8000).Source);
        var byRule = GlCoding.Decide(Line("Hotel night", category: Office), rules, null, 8000);
        Assert.Equal((Fallback, CodingSource.Rule), (byRule.GlAccountId!.Value, byRule.Source)); // the vendor's own rule before an any-vendor rule
        Assert.Equal(CodingSource.Category, GlCoding.Decide(Line("paper", category: Office, vendorDefault: Travel), rules, null, 8000).Source);
        Assert.Equal(CodingSource.VendorDefault, GlCoding.Decide(Line("paper", vendorDefault: Travel), rules, null, 8000).Source);
        Assert.Equal(CodingSource.None, GlCoding.Decide(Line("paper"), rules, null, 8000).Source);
    }

    [Fact]
    public void The_classifier_learns_and_applies_only_above_the_threshold()
    {
        var set = new GlTrainingSet();
        for (var i = 0; i < 20; i++)
        {
            set.Learn(GlClassifier.Features(Vendor, "printer paper and toner", 4_000), Office);
            set.Learn(GlClassifier.Features(Vendor, "hotel night Berlin", 15_000), Travel);
        }

        var sure = GlClassifier.Predict(set.Model, GlClassifier.Features(Vendor, "toner cartridges", 4_200))!;
        Assert.Equal(Office, sure.GlAccountId);
        Assert.True(sure.ConfidenceBasisPoints > 9_000);
        Assert.Equal(CodingSource.Learned, GlCoding.Decide(Line("toner cartridges"), [], sure, 8000).Source);

        var unsure = GlClassifier.Predict(set.Model, GlClassifier.Features(Vendor, "misc", 8_000))!;
        var decision = GlCoding.Decide(Line("misc"), [], unsure, 9_999);
        Assert.Equal(CodingSource.Suggested, decision.Source);
        Assert.Null(decision.GlAccountId);
        Assert.NotNull(decision.SuggestedGlAccountId);
    }

    [Fact]
    public void Learning_an_override_shifts_the_next_prediction()
    {
        var set = new GlTrainingSet();
        set.Learn(GlClassifier.Features(Vendor, "conference", 10_000), Office);
        for (var i = 0; i < 5; i++)
        {
            set.Learn(GlClassifier.Features(Vendor, "conference", 10_000), Travel); // AP keeps correcting it
        }

        Assert.Equal(Travel, GlClassifier.Predict(set.Model, GlClassifier.Features(Vendor, "conference", 10_000))!.GlAccountId);
    }

    [Fact]
    public void Nothing_learned_predicts_nothing() => Assert.Null(GlClassifier.Predict(new GlTrainingSet().Model, ["w:paper"]));
}
