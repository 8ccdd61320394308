using System.Globalization;
using Tandem.Domain.Money;
using Tandem.Domain.Organization;
using Tandem.Domain.Requisitions;

namespace Tandem.Domain.Approvals;

using Money = Tandem.Domain.Money.Money;

/// <summary>How routes explain themselves: conditions, flags, amounts and lists of people in words.</summary>
public static partial class RouteEngine
{
    /// <summary>"5,000.00 USD or more, in Engineering, with a non-catalog line"; "every request" when unconditional.</summary>
    public static string Describe(RuleCondition when, Currency currency, OrgSnapshot org)
    {
        ArgumentNullException.ThrowIfNull(when);
        ArgumentNullException.ThrowIfNull(org);
        var parts = new List<string>();
        switch (when.MinAmountMinor, when.MaxAmountMinor)
        {
            case ({ } min, { } max):
                parts.Add($"{Amount(min, currency)}–{Format(new Money(max, currency))}");
                break;
            case ({ } min, null):
                parts.Add($"{Format(new Money(min, currency))} or more");
                break;
            case (null, { } max):
                parts.Add($"up to {Format(new Money(max, currency))}");
                break;
        }

        AddNames(parts, "in", when.DepartmentIds, org);
        AddNames(parts, "at", when.LocationIds, org);
        AddNames(parts, "category", when.CategoryIds, org);
        AddNames(parts, "vendor", when.VendorIds, org);
        AddNames(parts, "GL", when.GlAccountIds, org);
        if (when.AnyFlags is { Count: > 0 } flags)
        {
            parts.Add("flagged " + string.Join(" or ", flags.Select(FlagText)));
        }

        if (when.BudgetStates is { Count: > 0 } states)
        {
            parts.Add("budget " + string.Join(" or ", states.Select(s => Words(s.ToString()))));
        }

        return parts.Count == 0 ? "every request" : string.Join(", ", parts);
    }

    public static string FlagText(PolicyFlag flag) => flag switch
    {
        PolicyFlag.NonCatalog => "non-catalog line",
        PolicyFlag.NonPreferredVendor => "non-preferred vendor",
        PolicyFlag.VendorNotActive => "vendor not active",
        PolicyFlag.OverSpendingLimit => "over the spending limit",
        PolicyFlag.MissingGlAccount => "missing GL account",
        PolicyFlag.MissingCostCenter => "missing cost center",
        PolicyFlag.NeedByInPast => "need-by date in the past",
        _ => Words(flag.ToString()),
    };

    /// <summary>"6,000.00 USD": grouped for people, exact to the minor unit.</summary>
    public static string Format(Money money) => $"{Amount(money.Minor, money.Currency)} {money.Currency.Code}";

    private static string Amount(long minor, Currency currency) =>
        ((decimal)minor / currency.MinorPerMajor).ToString("N" + currency.MinorDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static void AddNames(List<string> parts, string prefix, IReadOnlyList<Guid>? ids, OrgSnapshot org)
    {
        if (ids is { Count: > 0 })
        {
            parts.Add($"{prefix} {string.Join(" or ", ids.Select(org.NameOf))}");
        }
    }

    private static string Words(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>"Ann, Bo, Cy and 96 more": a long list of people stays readable in an explanation.</summary>
    private static string NameList(IReadOnlyList<Guid> people, OrgSnapshot org, int most) =>
        string.Join(", ", people.Take(most).Select(org.NameOf)) + (people.Count > most ? $" and {people.Count - most} more" : "");

    private static string RoleText(string? role) => role switch
    {
        Role.ApClerk => "AP clerk",
        null => "role",
        _ => role,
    };
}
