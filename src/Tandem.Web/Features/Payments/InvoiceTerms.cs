using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Domain.Organization;
using Tandem.Domain.Payments;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Invoices;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Audit;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Payments;

public sealed record TermsQuote(
    string Terms, DateOnly InvoiceDate, DateOnly DueDate, DateOnly? DiscountDate, MoneyDto? Discount, string AnnualizedPercent,
    string CostOfCapitalPercent, bool WorthTaking, string Explanation);

public sealed record TermsInUse(string Terms, int Vendors, string AnnualizedPercent);

/// <summary>
/// Payment terms on invoices: every invoice takes its order's terms (the vendor's unless the buyer changed them) when it
/// arrives, and AP may override them for one invoice. Its due date, discount date, discount and the discount's yearly
/// value follow from them (<see cref="PaymentSchedule"/>), with the company's weekend rule.
/// </summary>
public static class InvoiceTerms
{
    public static readonly string[] Readers = [Role.ApClerk, Role.Controller, Role.Buyer, Role.Admin];

    /// <summary>Sets (unsaved) the invoice's terms and the dates and discount that follow from them.</summary>
    public static async Task ScheduleAsync(TandemDb db, Invoice invoice, PaymentTerms terms, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(invoice);
        var weekends = (await PaymentSettings.ForAsync(db, invoice.CompanyId, ct)).WeekendRule;
        (invoice.PaymentNetDays, invoice.PaymentDiscountBasisPoints, invoice.PaymentDiscountDays, invoice.PaymentEndOfMonth) =
            (terms.NetDays, terms.DiscountBasisPoints, terms.DiscountDays, terms.EndOfMonth);
        var schedule = PaymentSchedule.For(terms, invoice.InvoiceDate, invoice.PayableMinor, weekends);
        (invoice.DueDate, invoice.DiscountDate, invoice.DiscountMinor, invoice.DiscountAnnualizedBasisPoints) =
            (schedule.DueDate, schedule.DiscountDate, schedule.DiscountMinor, schedule.AnnualizedBasisPoints);
    }

    public sealed record OverrideRequest(string? Terms, string? Reason);

    /// <summary>AP changes the terms of one unpaid invoice that is in no payment run; the reason is audited with it.</summary>
    public static async Task<Result<InvoiceResponse>> OverrideAsync(TandemDb db, CurrentUser user, Guid id, OverrideRequest request, CancellationToken ct)
    {
        var v = new Validator();
        var reason = v.Required(request.Reason, "reason", 500);
        var terms = PaymentTerms.Parse(request.Terms, "terms");
        if (!v.IsValid || !terms.IsSuccess)
        {
            return Result<InvoiceResponse>.Failure([.. terms.Errors, .. v.Errors]);
        }

        var invoice = await db.Invoices.Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == id && i.CompanyId == user.CompanyId, ct);
        if (invoice is null)
        {
            return Error.NotFound("invoice.not_found", "No such invoice.");
        }

        if (invoice.PaidAtUtc is not null || await db.PaymentRunItems.AnyAsync(i => i.InvoiceId == id, ct))
        {
            return Error.Conflict("invoice.in_payment", $"Invoice {invoice.Number} is paid or in a payment run; its terms can no longer change.");
        }

        await ScheduleAsync(db, invoice, terms.Value, ct);
        AuditWriter.Event(db, user.CompanyId, nameof(Invoice), invoice.Id, "termsOverridden", new { terms = terms.Value.ToString(), reason });
        await db.SaveChangesAsync(ct);
        return InvoiceResponse.From(invoice);
    }

    /// <summary>What terms give for an invoice: due and discount dates, the discount, its yearly value against the company's cost of capital.</summary>
    public static async Task<Result<TermsQuote>> QuoteAsync(TandemDb db, CurrentUser user, string? termsText, string? invoiceDate, string? amount, string? currency, CancellationToken ct)
    {
        var v = new Validator();
        var terms = PaymentTerms.Parse(termsText, "terms");
        var date = v.Date(invoiceDate, "invoiceDate") ?? await CompanyClock.TodayAsync(db, user.CompanyId, ct);
        var money = amount is null ? null : v.Money(new MoneyDto(amount, currency ?? (await CompanyClock.CurrencyAsync(db, user.CompanyId, ct)).Code), "amount");
        if (!v.IsValid || !terms.IsSuccess)
        {
            return Result<TermsQuote>.Failure([.. terms.Errors, .. v.Errors]);
        }

        var settings = await PaymentSettings.ForAsync(db, user.CompanyId, ct);
        var schedule = PaymentSchedule.For(terms.Value, date, money?.Minor ?? 0, settings.WeekendRule);
        var worth = terms.Value.AnnualizedDiscountBasisPoints > settings.CostOfCapitalBasisPoints;
        return new TermsQuote(
            terms.Value.ToString(), date, schedule.DueDate, schedule.DiscountDate, money is { } m ? MoneyDto.From(new Money(schedule.DiscountMinor, m.Currency)) : null,
            PercentText.Of(schedule.AnnualizedBasisPoints), PercentText.Of(settings.CostOfCapitalBasisPoints), terms.Value.HasDiscount && worth,
            Explain(terms.Value, settings.CostOfCapitalBasisPoints));
    }

    /// <summary>"Taking 2 % for paying 20 days early earns about 37.24 % a year, above the 8 % cost of capital: worth taking."</summary>
    public static string Explain(PaymentTerms terms, int costOfCapitalBasisPoints)
    {
        if (!terms.HasDiscount)
        {
            return $"{terms}: no early-payment discount.";
        }

        var annual = terms.AnnualizedDiscountBasisPoints;
        var verdict = annual > costOfCapitalBasisPoints ? "above" : "not above";
        return $"Taking {PercentText.Of(terms.DiscountBasisPoints)} % for paying {terms.NetDays - terms.DiscountDays} days early earns about " +
            $"{PercentText.Of(annual)} % a year, {verdict} the {PercentText.Of(costOfCapitalBasisPoints)} % cost of capital: " +
            (annual > costOfCapitalBasisPoints ? "worth taking." : "not worth paying early.");
    }

    /// <summary>The terms the company's vendors are on, with how many vendors use each.</summary>
    public static async Task<IReadOnlyList<TermsInUse>> InUseAsync(TandemDb db, Guid companyId, CancellationToken ct)
    {
        var rows = await db.Vendors.AsNoTracking().Where(x => x.CompanyId == companyId)
            .GroupBy(x => new { x.PaymentNetDays, x.PaymentDiscountBasisPoints, x.PaymentDiscountDays, x.PaymentEndOfMonth })
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return [.. rows.Select(r => (Terms: new PaymentTerms(r.Key.PaymentNetDays, r.Key.PaymentDiscountBasisPoints, r.Key.PaymentDiscountDays, r.Key.PaymentEndOfMonth), r.Count))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Terms.ToString(), StringComparer.Ordinal)
            .Select(r => new TermsInUse(r.Terms.ToString(), r.Count, PercentText.Of(r.Terms.AnnualizedDiscountBasisPoints)))];
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/payment-terms", async (TandemDb db, CurrentUser user, CancellationToken ct) => TypedResults.Ok(await InUseAsync(db, user.CompanyId, ct)))
            .RequireRoles(Readers);
        api.MapGet("/payment-terms/quote", async (TandemDb db, CurrentUser user, HttpContext http, string? terms, string? invoiceDate, string? amount, string? currency, CancellationToken ct) =>
                (await QuoteAsync(db, user, terms, invoiceDate, amount, currency, ct)).ToOk(http))
            .RequireRoles(Readers);
        api.MapPut("/invoices/{id:guid}/payment-terms", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, OverrideRequest request, CancellationToken ct) =>
                (await OverrideAsync(db, user, id, request, ct)).ToOk(http))
            .RequireRoles(Role.ApClerk, Role.Controller);
    }
}
