namespace Tandem.Domain.Budgets;

/// <summary>
/// How much a person may request: per document and per calendar month, in the company currency (null: no limit).
/// A limit set for the person replaces the limits of their roles; otherwise the most generous of their roles'
/// limits applies, field by field (a role whose limit leaves a field empty does not limit it).
/// </summary>
public sealed record SpendingLimit(long? PerDocumentMinor, long? PerMonthMinor)
{
    public static readonly SpendingLimit None = new(null, null);

    public static SpendingLimit Effective(SpendingLimit? personal, IReadOnlyCollection<SpendingLimit> roleLimits)
    {
        ArgumentNullException.ThrowIfNull(roleLimits);
        if (personal is not null)
        {
            return personal;
        }

        if (roleLimits.Count == 0)
        {
            return None;
        }

        return new SpendingLimit(
            roleLimits.Any(r => r.PerDocumentMinor is null) ? null : roleLimits.Max(r => r.PerDocumentMinor),
            roleLimits.Any(r => r.PerMonthMinor is null) ? null : roleLimits.Max(r => r.PerMonthMinor));
    }

    /// <summary>Whether a document of <paramref name="documentMinor"/> passes a limit, given what was already requested this month.</summary>
    public bool IsExceededBy(long documentMinor, long monthToDateMinor) =>
        documentMinor > (PerDocumentMinor ?? long.MaxValue) || checked(monthToDateMinor + documentMinor) > (PerMonthMinor ?? long.MaxValue);
}
