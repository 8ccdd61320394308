namespace Tandem.Domain.Invoicing;

/// <summary>Where a line's GL account came from.</summary>
public enum CodingSource
{
    /// <summary>Nothing coded it: AP must.</summary>
    None,
    OrderLine,
    Rule,
    Category,
    VendorDefault,

    /// <summary>The classifier, confident enough to apply it.</summary>
    Learned,

    /// <summary>The classifier suggests, below the auto-apply confidence: AP accepts or overrides.</summary>
    Suggested,
    Manual,
}

/// <summary>An explicit coding rule: lines of the vendor (or any vendor) whose description contains the keyword go to the account (and cost center).</summary>
public sealed record CodingRule(Guid Id, Guid? VendorId, string Keyword, Guid GlAccountId, Guid? CostCenterId, int Priority);

/// <summary>What is known about a line to code.</summary>
public sealed record LineToCode(Guid VendorId, string Description, long AmountMinor, Guid? OrderLineGlAccountId, Guid? CategoryGlAccountId, Guid? VendorGlAccountId);

public sealed record CodingDecision(Guid? GlAccountId, CodingSource Source, int ConfidenceBasisPoints, Guid? SuggestedGlAccountId, Guid? CostCenterId, string Explanation);

/// <summary>
/// Codes an invoice line, rules first: the order line's account (carried from the request), then an explicit rule
/// (vendor + keyword; the vendor's own rules before any-vendor rules, then by priority), the item category's default,
/// the vendor's default; then the classifier — applied when its confidence reaches the threshold, otherwise only suggested.
/// </summary>
public static class GlCoding
{
    public static CodingDecision Decide(LineToCode line, IReadOnlyList<CodingRule> rules, GlPrediction? prediction, int autoApplyBasisPoints)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(rules);
        if (line.OrderLineGlAccountId is { } fromOrder)
        {
            return new(fromOrder, CodingSource.OrderLine, 10_000, null, null, "from the order line");
        }

        var rule = rules.Where(r => (r.VendorId is null || r.VendorId == line.VendorId) && r.Keyword.Length > 0
                && line.Description.Contains(r.Keyword, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.VendorId is null).ThenBy(r => r.Priority).ThenByDescending(r => r.Keyword.Length).FirstOrDefault();
        if (rule is not null)
        {
            return new(rule.GlAccountId, CodingSource.Rule, 10_000, null, rule.CostCenterId, $"rule: \"{rule.Keyword}\"");
        }

        if (line.CategoryGlAccountId is { } fromCategory)
        {
            return new(fromCategory, CodingSource.Category, 10_000, null, null, "the item category's default");
        }

        if (line.VendorGlAccountId is { } fromVendor)
        {
            return new(fromVendor, CodingSource.VendorDefault, 10_000, null, null, "the vendor's default");
        }

        if (prediction is null)
        {
            return new(null, CodingSource.None, 0, null, null, "no rule applies and nothing was learned yet");
        }

        return prediction.ConfidenceBasisPoints >= autoApplyBasisPoints
            ? new(prediction.GlAccountId, CodingSource.Learned, prediction.ConfidenceBasisPoints, prediction.GlAccountId, null, $"learned from past invoices ({prediction.ConfidenceBasisPoints / 100} % sure)")
            : new(null, CodingSource.Suggested, prediction.ConfidenceBasisPoints, prediction.GlAccountId, null, $"suggested from past invoices ({prediction.ConfidenceBasisPoints / 100} % sure)");
    }
}
