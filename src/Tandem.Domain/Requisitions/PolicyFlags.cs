using Tandem.Domain.Budgets;

namespace Tandem.Domain.Requisitions;

using Money = Tandem.Domain.Money.Money;

/// <summary>A requisition line as the policy checks see it. Vendor facts are null when the line names no vendor.</summary>
public sealed record FlagLine(bool FromCatalog, bool? VendorPreferred, bool? VendorActive, bool HasGlAccount, bool HasCostCenter, DateOnly? NeedBy);

/// <summary>Computes the policy flags of a request on submit.</summary>
public static class PolicyFlags
{
    /// <summary>The flags of a request.</summary>
    /// <param name="lines">The lines.</param>
    /// <param name="total">The request total in the company currency.</param>
    /// <param name="limit">The requester's effective spending limit (company currency).</param>
    /// <param name="monthToDateMinor">What the requester already has submitted or approved this month (company currency).</param>
    /// <param name="unbudgeted">Whether some of the request is charged where no budget line covers it.</param>
    /// <param name="today">The company's today.</param>
    public static IReadOnlySet<PolicyFlag> Compute(IReadOnlyList<FlagLine> lines, Money total, SpendingLimit limit, long monthToDateMinor, bool unbudgeted, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(limit);
        var flags = new HashSet<PolicyFlag>();
        foreach (var line in lines)
        {
            if (!line.FromCatalog)
            {
                flags.Add(PolicyFlag.NonCatalog);
            }

            if (line.VendorPreferred == false)
            {
                flags.Add(PolicyFlag.NonPreferredVendor);
            }

            if (line.VendorActive == false)
            {
                flags.Add(PolicyFlag.VendorNotActive);
            }

            if (!line.HasGlAccount)
            {
                flags.Add(PolicyFlag.MissingGlAccount);
            }

            if (!line.HasCostCenter)
            {
                flags.Add(PolicyFlag.MissingCostCenter);
            }

            if (line.NeedBy is { } needBy && needBy < today)
            {
                flags.Add(PolicyFlag.NeedByInPast);
            }
        }

        if (limit.IsExceededBy(total.Minor, monthToDateMinor))
        {
            flags.Add(PolicyFlag.OverSpendingLimit);
        }

        if (unbudgeted)
        {
            flags.Add(PolicyFlag.Unbudgeted);
        }

        return flags;
    }
}
