using System.Globalization;
using Tandem.Domain.Money;

namespace Tandem.Domain.Vendors;

/// <summary>
/// Net N days, with an optional early-payment discount of X % within D days ("2/10 net 30"). The percentage is
/// kept in basis points (2.5 % = 250) so the discount is exact.
/// </summary>
public readonly record struct PaymentTerms(int NetDays, int DiscountBasisPoints = 0, int DiscountDays = 0)
{
    public static Result<PaymentTerms> Create(int netDays, decimal? discountPercent, int? discountDays)
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

        return errors.Count > 0 ? Result<PaymentTerms>.Failure(errors) : new PaymentTerms(netDays, basisPoints, basisPoints == 0 ? 0 : discountDays ?? 0);
    }

    public bool HasDiscount => DiscountBasisPoints > 0;

    public decimal DiscountPercent => DiscountBasisPoints / 100m;

    public DateOnly DueDate(DateOnly invoiceDate) => invoiceDate.AddDays(NetDays);

    public DateOnly? DiscountDeadline(DateOnly invoiceDate) => HasDiscount ? invoiceDate.AddDays(DiscountDays) : null;

    /// <summary>The discount on <paramref name="amount"/> when paid in time, rounded half away from zero to the minor unit.</summary>
    public Money.Money Discount(Money.Money amount) =>
        new(checked((long)Math.Round((decimal)amount.Minor * DiscountBasisPoints / 10_000m, MidpointRounding.AwayFromZero)), amount.Currency);

    /// <summary>"2/10 net 30" or "net 30".</summary>
    public override string ToString() => HasDiscount
        ? $"{DiscountPercent.ToString("0.##", CultureInfo.InvariantCulture)}/{DiscountDays} net {NetDays}"
        : $"net {NetDays}";
}
