using Tandem.Domain.Vendors;

namespace Tandem.Domain.Payments;

/// <summary>What a company does with a due date that falls on a Saturday or Sunday.</summary>
public enum WeekendRule
{
    /// <summary>Keep the date (the bank executes on the next business day anyway).</summary>
    Keep,

    /// <summary>Move it to the Monday after.</summary>
    NextBusinessDay,

    /// <summary>Move it to the Friday before (never pay late).</summary>
    PreviousBusinessDay,
}

/// <summary>An invoice's payment dates and discount under its terms.</summary>
/// <param name="DiscountMinor">The early-payment discount on the payable amount (0 without one).</param>
/// <param name="AnnualizedBasisPoints">What taking the discount earns a year (<see cref="PaymentTerms.AnnualizedDiscountBasisPoints"/>).</param>
public sealed record InvoiceSchedule(DateOnly DueDate, DateOnly? DiscountDate, long DiscountMinor, int AnnualizedBasisPoints)
{
    /// <summary>The discount is worth taking when it earns more than the company's cost of capital.</summary>
    public bool WorthTaking(int costOfCapitalBasisPoints) => DiscountMinor > 0 && AnnualizedBasisPoints > costOfCapitalBasisPoints;

    /// <summary>The discount may still be taken by a payment on <paramref name="payDate"/>.</summary>
    public bool DiscountAvailable(DateOnly payDate) => DiscountMinor > 0 && DiscountDate is { } last && payDate <= last;
}

public static class PaymentSchedule
{
    /// <summary>The due date, discount date and discount of an invoice of <paramref name="payableMinor"/> dated <paramref name="invoiceDate"/>.</summary>
    public static InvoiceSchedule For(PaymentTerms terms, DateOnly invoiceDate, long payableMinor, WeekendRule weekends)
    {
        var discountDate = terms.DiscountDeadline(invoiceDate);
        var discount = terms.HasDiscount && payableMinor > 0
            ? (long)Math.Round((decimal)payableMinor * terms.DiscountBasisPoints / 10_000m, MidpointRounding.AwayFromZero)
            : 0;
        return new InvoiceSchedule(
            Adjust(terms.DueDate(invoiceDate), weekends),
            discountDate is { } d ? Adjust(d, weekends) : null,
            discount,
            terms.AnnualizedDiscountBasisPoints);
    }

    /// <summary>Moves a date off a weekend as the rule says.</summary>
    public static DateOnly Adjust(DateOnly date, WeekendRule rule) => (rule, date.DayOfWeek) switch
    {
        (WeekendRule.NextBusinessDay, DayOfWeek.Saturday) => date.AddDays(2),
        (WeekendRule.NextBusinessDay, DayOfWeek.Sunday) => date.AddDays(1),
        (WeekendRule.PreviousBusinessDay, DayOfWeek.Saturday) => date.AddDays(-1),
        (WeekendRule.PreviousBusinessDay, DayOfWeek.Sunday) => date.AddDays(-2),
        _ => date,
    };
}
