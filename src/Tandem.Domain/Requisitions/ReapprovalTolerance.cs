namespace Tandem.Domain.Requisitions;

using Money = Tandem.Domain.Money.Money;

/// <summary>
/// How much an approved request may grow before it goes back through approval: a percentage (in basis points,
/// 500 = 5 %), an amount (minor units of the company currency), or both — then the stricter one applies. No tolerance
/// configured means any increase needs approval again. Decreases never do.
/// </summary>
public sealed record ReapprovalTolerance(int? BasisPoints, long? AmountMinor)
{
    public bool NeedsReapproval(Money approved, Money edited)
    {
        var increase = (edited - approved).Minor;
        if (increase <= 0)
        {
            return false;
        }

        var allowed = long.MaxValue;
        if (BasisPoints is { } bp)
        {
            allowed = Math.Min(allowed, (long)((Int128)approved.Minor * bp / 10_000));
        }

        if (AmountMinor is { } amount)
        {
            allowed = Math.Min(allowed, amount);
        }

        return allowed == long.MaxValue || increase > allowed;
    }
}
