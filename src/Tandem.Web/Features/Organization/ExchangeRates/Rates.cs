using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;
using Money = Tandem.Domain.Money.Money;

namespace Tandem.Web.Features.Organization;

public sealed record ExchangeRateResponse(Guid Id, string Currency, DateOnly ValidFrom, string Rate);

/// <summary>
/// Exchange rates into the company currency: controllers and admins record them (one per currency and day); rules,
/// limits and reports convert with the latest rate on or before the day in question.
/// </summary>
public static class Rates
{
    public sealed record Request(string? Currency, string? ValidFrom, string? Rate);

    /// <summary>
    /// The latest rate of each currency on or before <paramref name="on"/>, read once per unit of work (a request or a
    /// job run: routing, limits and the ledger of one submit all convert) and remembered until a rate is saved in it.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, long>> LatestAsync(TandemDb db, Guid companyId, DateOnly on, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Reads.GetAsync<ExchangeRate, IReadOnlyDictionary<string, long>>(
            (companyId, on),
            async c => (await db.ExchangeRates.AsNoTracking().Where(r => r.CompanyId == companyId && r.ValidFrom <= on)
                    .Select(r => new { r.Currency, r.ValidFrom, r.RateUnits }).ToListAsync(c))
                .GroupBy(r => r.Currency).ToDictionary(g => g.Key, g => g.MaxBy(r => r.ValidFrom)!.RateUnits, StringComparer.Ordinal),
            ct);
    }

    /// <summary>The amount in the company currency, or null when no rate is known for its currency.</summary>
    public static Money? ToCompany(Money amount, Currency company, IReadOnlyDictionary<string, long> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        return amount.Currency == company ? amount
            : rates.TryGetValue(amount.Currency.Code, out var rate) ? Conversion.Convert(amount, rate, ExchangeRate.Scale, company)
            : null;
    }

    public static async Task<Result<ExchangeRateResponse>> SaveAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct)
    {
        var v = new Validator();
        var currency = v.Currency(request.Currency, "currency");
        var validFrom = v.Date(request.ValidFrom, "validFrom");
        var rate = v.Number(request.Rate, "rate");
        if (rate is { } r && (r <= 0 || r > 1_000_000 || r * ExchangeRate.Scale != decimal.Truncate(r * ExchangeRate.Scale)))
        {
            v.Add("rate", "out_of_range", "rate must be positive, at most 1,000,000, with at most 10 decimals.");
        }

        if (v.IsValid && currency == await CompanyClock.CurrencyAsync(db, user.CompanyId, ct))
        {
            v.Add("currency", "same_currency", "The company currency needs no exchange rate.");
        }

        if (!v.IsValid)
        {
            return Result<ExchangeRateResponse>.Failure(v.Errors);
        }

        var row = await db.ExchangeRates.SingleOrDefaultAsync(x => x.CompanyId == user.CompanyId && x.Currency == currency.Code && x.ValidFrom == validFrom, ct);
        if (row is null)
        {
            row = new ExchangeRate { Id = Ids.New(db.Clock.GetUtcNow()), CompanyId = user.CompanyId, Currency = currency.Code, ValidFrom = validFrom!.Value };
            db.ExchangeRates.Add(row);
        }

        row.RateUnits = (long)(rate!.Value * ExchangeRate.Scale);
        await db.SaveChangesAsync(ct);
        return From(row);
    }

    private static ExchangeRateResponse From(ExchangeRate r) =>
        new(r.Id, r.Currency, r.ValidFrom, ((decimal)r.RateUnits / ExchangeRate.Scale).ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture));

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/exchange-rates", async (TandemDb db, CurrentUser user, CancellationToken ct) =>
                TypedResults.Ok((await db.ExchangeRates.AsNoTracking().Where(r => r.CompanyId == user.CompanyId).OrderBy(r => r.Currency).ThenByDescending(r => r.ValidFrom).ToListAsync(ct)).Select(From)))
            .RequireSignedIn();
        api.MapPut("/exchange-rates", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await SaveAsync(db, user, request, ct)).ToOk(http))
            .RequireRoles(Role.Controller, Role.Admin);
    }
}
