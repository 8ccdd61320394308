namespace Tandem.Domain.Invoicing;

/// <summary>How a percentage and an absolute limit combine: the invoice passes if it is within either, or only if within both.</summary>
public enum ToleranceCombination
{
    Either,
    Both,
}

/// <summary>
/// A variance limit: a percentage (basis points of the reference), an absolute amount (minor units, or micros for unit
/// prices), or both combined with "or" (the looser applies) or "and" (the stricter). No limit configured means no
/// variance is tolerated. Only overages are limited: paying less than agreed is never an exception.
/// </summary>
public sealed record Limit(int? BasisPoints, long? Absolute, ToleranceCombination Combination = ToleranceCombination.Either)
{
    public static Limit None { get; } = new(null, null);

    /// <summary>Whether <paramref name="actual"/> is within the limit of <paramref name="reference"/>.</summary>
    public bool Allows(long reference, long actual)
    {
        var over = actual - reference;
        if (over <= 0)
        {
            return true;
        }

        bool? byPercent = BasisPoints is { } bp ? (Int128)over * 10_000 <= (Int128)Math.Abs(reference) * bp : null;
        bool? byAmount = Absolute is { } a ? over <= a : null;
        return (byPercent, byAmount) switch
        {
            (null, null) => false,
            ({ } p, null) => p,
            (null, { } x) => x,
            ({ } p, { } x) => Combination == ToleranceCombination.Either ? p || x : p && x,
        };
    }
}

/// <summary>The tolerances a match applies: unit price, quantity, and the line amount.</summary>
public sealed record MatchTolerance(Limit Price, Limit Quantity, Limit Amount)
{
    public static MatchTolerance Exact { get; } = new(Limit.None, Limit.None, Limit.None);
}
