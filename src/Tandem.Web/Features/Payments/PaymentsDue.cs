using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Domain.Payments;
using Tandem.Web.Features.Invoices;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Payments;

/// <summary>One week of the cash-out forecast (or everything already overdue).</summary>
public sealed record DueWeek(string Label, DateOnly? From, DateOnly? To, int Invoices, MoneyDto Amount, int DiscountsWorthTaking, MoneyDto DiscountAvailable);

/// <summary>An open invoice whose early-payment discount is worth taking and still available.</summary>
public sealed record DiscountOpportunity(Guid InvoiceId, string Number, Guid VendorId, string Vendor, DateOnly DiscountDate, DateOnly? DueDate, MoneyDto Payable,
    MoneyDto Discount, string AnnualizedPercent);

public sealed record PaymentsDueResponse(DateOnly Today, string CostOfCapitalPercent, IReadOnlyList<DueWeek> Weeks, MoneyDto Total, IReadOnlyList<DiscountOpportunity> Discounts,
    int InRuns);

/// <summary>
/// What the company will pay, by week of due date (Monday to Sunday; overdue first), in the company currency at the
/// latest rates: ready-to-pay invoices not paid nor in a run, net of open credit notes; and the discounts worth taking
/// that are still available, soonest deadline first.
/// </summary>
public static class PaymentsDue
{
    public static async Task<Result<PaymentsDueResponse>> HandleAsync(TandemDb db, CurrentUser user, int? weeks, CancellationToken ct)
    {
        var count = weeks ?? 8;
        if (count is < 1 or > 52)
        {
            return Error.Validation("out_of_range", "weeks must be between 1 and 52.", "weeks");
        }

        var today = await CompanyClock.TodayAsync(db, user.CompanyId, ct);
        var settings = await PaymentSettings.ForAsync(db, user.CompanyId, ct);
        var company = await CompanyClock.CurrencyAsync(db, user.CompanyId, ct);
        var rates = await Rates.LatestAsync(db, user.CompanyId, today, ct);
        var open = await ProposePaymentRun.OpenQuery(db, user.CompanyId)
            .Select(i => new { i.Id, i.Number, i.VendorId, i.Kind, i.Currency, i.PayableMinor, i.DueDate, i.DiscountDate, i.DiscountMinor, i.DiscountAnnualizedBasisPoints })
            .ToListAsync(ct);
        long Company(long minor, string currency) => Rates.ToCompany(new Money(minor, Currency.Of(currency)), company, rates)?.Minor ?? 0;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var buckets = new List<DueWeek>();
        MoneyDto M(long minor) => MoneyDto.From(new Money(minor, company));
        var worth = open.Where(i => i.Kind == InvoiceKind.Invoice
                && new InvoiceSchedule(i.DueDate ?? today, i.DiscountDate, i.DiscountMinor, i.DiscountAnnualizedBasisPoints) is var schedule
                && schedule.DiscountAvailable(today) && schedule.WorthTaking(settings.CostOfCapitalBasisPoints))
            .ToList();
        DueWeek Bucket(string label, DateOnly? from, DateOnly? to)
        {
            var inWeek = open.Where(i => (from is null || i.DueDate >= from) && (to is null || i.DueDate <= to)).ToList();
            var discounts = worth.Where(i => (from is null || i.DiscountDate >= from) && (to is null || i.DiscountDate <= to)).ToList();
            return new DueWeek(label, from, to, inWeek.Count(i => i.Kind == InvoiceKind.Invoice),
                M(inWeek.Sum(i => (i.Kind == InvoiceKind.CreditNote ? -1 : 1) * Company(i.PayableMinor, i.Currency))),
                discounts.Count, M(discounts.Sum(i => Company(i.DiscountMinor, i.Currency))));
        }

        buckets.Add(Bucket("Overdue", null, today.AddDays(-1)));
        for (var w = 0; w < count; w++)
        {
            var from = w == 0 ? today : monday.AddDays(7 * w);
            var to = monday.AddDays(7 * w + 6);
            buckets.Add(Bucket($"Week of {monday.AddDays(7 * w):yyyy-MM-dd}", from, to));
        }

        var names = await PaymentRunContent.VendorNamesAsync(db, user.CompanyId, worth.Select(i => i.VendorId), ct);
        var inRuns = await db.PaymentRunItems.CountAsync(i => db.Payments.Any(p => p.Id == i.PaymentId && p.Status == PaymentStatus.Pending && p.CompanyId == user.CompanyId), ct);
        return new PaymentsDueResponse(today, PercentText.Of(settings.CostOfCapitalBasisPoints), buckets,
            M(open.Sum(i => (i.Kind == InvoiceKind.CreditNote ? -1 : 1) * Company(i.PayableMinor, i.Currency))),
            [.. worth.OrderBy(i => i.DiscountDate).ThenBy(i => i.Number, StringComparer.Ordinal).Take(100).Select(i => new DiscountOpportunity(
                i.Id, i.Number, i.VendorId, names.GetValueOrDefault(i.VendorId, ""), i.DiscountDate!.Value, i.DueDate,
                MoneyDto.From(new Money(i.PayableMinor, Currency.Of(i.Currency))), MoneyDto.From(new Money(i.DiscountMinor, Currency.Of(i.Currency))),
                PercentText.Of(i.DiscountAnnualizedBasisPoints)))],
            inRuns);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/payments-due", async (TandemDb db, CurrentUser user, HttpContext http, int? weeks, CancellationToken ct) =>
                (await HandleAsync(db, user, weeks, ct)).ToOk(http))
            .RequireRoles(PaymentRunAccess.Readers);
}
