using System.Globalization;
using System.Text.RegularExpressions;
using Tandem.Domain.Money;

namespace Tandem.Domain.Vendors;

/// <summary>
/// Net N days, with an optional early-payment discount of X % within D days ("2/10 net 30"), counted from the invoice
/// date or, for end-of-month terms ("net 30 EOM"), from the last day of the invoice's month. The percentage is kept in
/// basis points (2.5 % = 250) so the discount is exact.
/// </summary>
public readonly partial record struct PaymentTerms(int NetDays, int DiscountBasisPoints = 0, int DiscountDays = 0, bool EndOfMonth = false)
{
    public static Result<PaymentTerms> Create(int netDays, decimal? discountPercent, int? discountDays, bool endOfMonth = false)
    {
        var errors = new List<Error>();
        if (netDays is < 0 or > 365)
        {
            errors.Add(Error.Validation("terms.net_days", "netDays must be between 0 and 365.", "paymentTerms.netDays"));
        }

        var basisPoints = 0;
        if (discountPercent is { } pct)
        {
            if (pct is <= 0 or >= 100 || decimal.Round(pct * 100) != pct * 100)
            {
                errors.Add(Error.Validation("terms.discount_percent", "discountPercent must be above 0 and below 100, with at most two decimals.", "paymentTerms.discountPercent"));
            }
            else
            {
                basisPoints = (int)(pct * 100);
            }

            if (discountDays is null || discountDays < 1 || discountDays >= netDays)
            {
                errors.Add(Error.Validation("terms.discount_days", "discountDays must be at least 1 and fewer than netDays.", "paymentTerms.discountDays"));
            }
        }
        else if (discountDays is not null and not 0)
        {
            errors.Add(Error.Validation("terms.discount_percent", "discountDays needs a discountPercent.", "paymentTerms.discountPercent"));
        }

        return errors.Count > 0
            ? Result<PaymentTerms>.Failure(errors)
            : new PaymentTerms(netDays, basisPoints, basisPoints == 0 ? 0 : discountDays ?? 0, endOfMonth);
    }

    /// <summary>Reads terms as people write them: "net 30", "2/10 net 30", "2.5/15 net 45 EOM", "net 30 end of month".</summary>
    public static Result<PaymentTerms> Parse(string? text, string field = "paymentTerms")
    {
        var match = TermsText().Match(text?.Trim() ?? "");
        if (!match.Success)
        {
            return Error.Validation("terms.unreadable", "Write payment terms as \"net 30\", \"2/10 net 30\" or \"net 30 EOM\".", field);
        }

        var net = int.Parse(match.Groups["net"].Value, CultureInfo.InvariantCulture);
        decimal? pct = match.Groups["pct"].Success ? decimal.Parse(match.Groups["pct"].Value, CultureInfo.InvariantCulture) : null;
        int? days = match.Groups["days"].Success ? int.Parse(match.Groups["days"].Value, CultureInfo.InvariantCulture) : null;
        var parsed = Create(net, pct, days, match.Groups["eom"].Success);
        return parsed.IsSuccess ? parsed : Result<PaymentTerms>.Failure([.. parsed.Errors.Select(e => e with { Field = field })]);
    }

    public bool HasDiscount => DiscountBasisPoints > 0;

    public decimal DiscountPercent => DiscountBasisPoints / 100m;

    /// <summary>The day the terms count from: the invoice date, or the last day of its month for end-of-month terms.</summary>
    public DateOnly BaseDate(DateOnly invoiceDate) =>
        EndOfMonth ? new DateOnly(invoiceDate.Year, invoiceDate.Month, DateTime.DaysInMonth(invoiceDate.Year, invoiceDate.Month)) : invoiceDate;

    public DateOnly DueDate(DateOnly invoiceDate) => BaseDate(invoiceDate).AddDays(NetDays);

    public DateOnly? DiscountDeadline(DateOnly invoiceDate) => HasDiscount ? BaseDate(invoiceDate).AddDays(DiscountDays) : null;

    /// <summary>The discount on <paramref name="amount"/> when paid in time, rounded half away from zero to the minor unit.</summary>
    public Money.Money Discount(Money.Money amount) =>
        new(checked((long)Math.Round((decimal)amount.Minor * DiscountBasisPoints / 10_000m, MidpointRounding.AwayFromZero)), amount.Currency);

    /// <summary>
    /// What taking the discount earns a year, in basis points: paying <c>NetDays − DiscountDays</c> days early saves
    /// d/(1 − d) of what is paid, so 2/10 net 30 is 2/98 × 365/20 ≈ 37.24 % (3724). 0 without a discount.
    /// </summary>
    public int AnnualizedDiscountBasisPoints => !HasDiscount || NetDays <= DiscountDays
        ? 0
        : (int)Math.Round(DiscountBasisPoints / (decimal)(10_000 - DiscountBasisPoints) * 365m / (NetDays - DiscountDays) * 10_000m, MidpointRounding.AwayFromZero);

    /// <summary>"2/10 net 30", "net 30" or "net 30 EOM".</summary>
    public override string ToString() => (HasDiscount
        ? $"{DiscountPercent.ToString("0.##", CultureInfo.InvariantCulture)}/{DiscountDays} net {NetDays}"
        : $"net {NetDays}") + (EndOfMonth ? " EOM" : "");

    [GeneratedRegex(@"^(?:(?<pct>\d{1,2}(?:\.\d{1,2})?)\s*%?\s*/\s*(?<days>\d{1,3})\s*,?\s*)?n(?:et)?\s*(?<net>\d{1,3})(?:\s*(?<eom>eom|end of (?:the )?month))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex TermsText();
}
