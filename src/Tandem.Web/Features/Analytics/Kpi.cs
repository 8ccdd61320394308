using System.Globalization;
using Tandem.Domain.Money;
using Tandem.Web.Platform.Api;

namespace Tandem.Web.Features.Analytics;

/// <summary>A breakdown of a KPI (by reason, department, approver, level): its value, how many it counts and where they are.</summary>
public sealed record KpiPart(string Label, decimal? Value, string Display, int Count, string? Link = null);

/// <summary>
/// One shared KPI over a window: the number (null when there is nothing to measure — never an invented 0), how it
/// reads, what it counts, its written definition and where the documents behind it are.
/// </summary>
public sealed record Kpi(string Key, string Name, string Team, string Definition, decimal? Value, string Display, string Unit, string Basis, string? Link, IReadOnlyList<KpiPart> Parts)
{
    public static Kpi Percent(string key, int? basisPoints, string basis, string? link = null, IReadOnlyList<KpiPart>? parts = null) =>
        Make(key, basisPoints is { } bp ? bp / 100m : null, basisPoints is { } b ? PercentText.Of(b) + " %" : "—", "%", basis, link, parts);

    /// <summary>A percentage already in percent (the domain's delivery figures).</summary>
    public static Kpi Share(string key, decimal? percent, string basis, string? link = null, IReadOnlyList<KpiPart>? parts = null) =>
        Make(key, percent, percent is { } p ? p.ToString("0.##", CultureInfo.InvariantCulture) + " %" : "—", "%", basis, link, parts);

    public static Kpi Days(string key, decimal? days, string basis, string? link = null, IReadOnlyList<KpiPart>? parts = null) =>
        Make(key, days, DaysText(days), "days", basis, link, parts);

    public static Kpi Hours(string key, decimal? hours, string basis, string? link = null, IReadOnlyList<KpiPart>? parts = null) =>
        Make(key, hours, HoursText(hours), "hours", basis, link, parts);

    public static Kpi Count(string key, int count, string unit, string basis, string? link = null, IReadOnlyList<KpiPart>? parts = null) =>
        Make(key, count, count.ToString(CultureInfo.InvariantCulture), unit, basis, link, parts);

    public static Kpi Amount(string key, Money amount, string basis, string? link = null, IReadOnlyList<KpiPart>? parts = null) =>
        Make(key, amount.ToMajor(), amount.ToString(), amount.Currency.Code, basis, link, parts);

    public static string DaysText(decimal? days) => days is { } d ? d.ToString("0.#", CultureInfo.InvariantCulture) + " days" : "—";

    public static string HoursText(decimal? hours) => hours is { } h ? h.ToString("0.#", CultureInfo.InvariantCulture) + " h" : "—";

    private static Kpi Make(string key, decimal? value, string display, string unit, string basis, string? link, IReadOnlyList<KpiPart>? parts)
    {
        var (name, team, definition) = KpiDefinitions.All[key];
        return new Kpi(key, name, team, definition, value, display, unit, basis, link, parts ?? []);
    }
}

/// <summary>
/// The written definition of every KPI — the one text both teams agree on, shown on the KPI page, in the review pack
/// and in docs/analytics.md. Changing a definition here changes it everywhere.
/// </summary>
public static class KpiDefinitions
{
    public const string Procurement = "procurement";

    public const string Finance = "finance";

    public const string Shared = "shared";

    public static IReadOnlyDictionary<string, (string Name, string Team, string Definition)> All { get; } = new Dictionary<string, (string, string, string)>(StringComparer.Ordinal)
    {
        ["spendUnderManagement"] = ("Spend under management", Shared,
            "Actual spend (invoices approved for payment, net of credit notes, in company currency) that went through an approved purchase order or a curated catalog, as a share of all actual spend in the window."),
        ["negotiatedSavings"] = ("Negotiated savings", Procurement,
            "For order lines issued in the window that name a catalog item: (the item's first-quoted price − the ordered price) × quantity, where positive. The first-quoted price is the price of the item's earliest offer in the same currency."),
        ["discountsCaptured"] = ("Early-payment discounts captured", Finance,
            "Early-payment discounts taken on invoices paid in the window."),
        ["costAvoidance"] = ("Cost avoidance", Procurement,
            "Savings buyers recorded by hand in the window (a price increase refused, a cheaper alternative found), each with its reason. Not in the budget: nothing was spent."),
        ["yearOverYearChange"] = ("Year-over-year expense change", Finance,
            "Actual spend in the same window one year earlier less actual spend in this window: positive when spending fell."),
        ["poCycleTime"] = ("PO cycle time (median)", Procurement,
            "From a requisition's submission to the issue of the purchase order that orders it, for orders issued in the window; median, with the 90th percentile, by department and by the number of approval levels."),
        ["approvalTime"] = ("Approval time per step (median)", Shared,
            "From a step becoming active to its decision, for steps decided in the window; median by level and by approver (the person who decided, delegates included)."),
        ["approvalsOverdue"] = ("Approvals past their deadline", Shared,
            "Approval steps waiting for a decision whose deadline has passed, now."),
        ["firstPassMatchRate"] = ("Invoice first-pass match rate", Finance,
            "Invoices with a purchase order received in the window whose first match found no exception (invoice accuracy)."),
        ["touchlessRate"] = ("Touchless rate", Finance,
            "Invoices with a purchase order received in the window that became ready to pay without anyone keying, adjusting, resolving or assigning them."),
        ["exceptionRate"] = ("Exception rate", Finance,
            "Invoices with a purchase order received in the window that stopped at their first match, with the share stopped for each reason (an invoice may stop for several)."),
        ["invoiceCycleTime"] = ("Invoice cycle time (median)", Finance,
            "From receipt of an invoice to ready to pay, for invoices that became ready in the window; and from ready to paid, for invoices paid in the window."),
        ["onTimePaymentRate"] = ("On-time payment rate", Finance,
            "Invoices paid in the window on or before their due date."),
        ["daysPayableOutstanding"] = ("Days payable outstanding", Finance,
            "What was owed on invoices approved for payment at the end of the window, divided by the average day's invoiced amount in the window."),
        ["missedDiscounts"] = ("Discounts missed", Finance,
            "Early-payment discounts whose last day fell in the window and passed without being taken, against all discounts available in the window."),
        ["onTimeDelivery"] = ("Vendor on-time delivery", Procurement,
            "Receipt lines recorded in the window on or before the order line's need-by date, with the average lead time from issue to receipt."),
        ["priceVariance"] = ("Invoice price variance", Shared,
            "For invoices that became ready in the window: what their lines received by quantity billed, less the same quantities at the order's prices, as a share of the latter (both recorded on the invoice when it became ready to pay)."),
        ["maverickSpend"] = ("Maverick spend", Shared,
            "Actual spend in the window that bypassed control: without a purchase order, not from a catalog, or from a vendor not preferred for the category (each shown apart; one line can be all three)."),
    };
}
