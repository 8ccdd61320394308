using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Invoicing;
using Tandem.Domain.Money;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices;

public sealed record MatchToleranceDto(
    Guid? Id, Guid? VendorId, Guid? CategoryId, string? PricePercent, string? PricePerUnit, string? PriceCombination, string? QuantityPercent,
    string? AmountPercent, string? Amount, string? AmountCombination);

/// <summary>
/// Read and set match tolerances (controllers and admins set them; AP clerks read them): the company default when
/// no vendor or category is given, else an override. Percentages have at most two decimals; the per-unit price and the
/// amount are in the company currency's units ("0.05", "5.00"); combinations are "either" (the looser) or "both".
/// Saving a rule matches the invoices waiting in exception again (the vendor's, for a vendor's rule), in the same
/// transaction: a looser tolerance releases what it now allows.
/// </summary>
public static class MatchTolerances
{
    public static readonly string[] Setters = [Role.Controller, Role.Admin];

    public static MatchToleranceDto From(MatchToleranceRule r, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(r);
        static string? Pct(int? bp) => bp is { } b ? PercentText.Of(b) : null;
        return new MatchToleranceDto(r.Id, r.VendorId, r.CategoryId, Pct(r.PriceBasisPoints),
            r.PriceAbsoluteMicros is { } m ? new UnitPrice(m, currency).ToDecimal().ToString("0.00####", CultureInfo.InvariantCulture) : null,
            JsonNames.Camel(r.PriceCombination.ToString()), Pct(r.QuantityBasisPoints), Pct(r.AmountBasisPoints),
            r.AmountAbsoluteMinor is { } a ? new Money(a, currency).ToAmountString() : null, JsonNames.Camel(r.AmountCombination.ToString()));
    }

    public static async Task<IReadOnlyList<MatchToleranceDto>> ListAsync(TandemDb db, CurrentUser user, CancellationToken ct)
    {
        var currency = await CompanyClock.CurrencyAsync(db, user.CompanyId, ct);
        return [.. (await db.MatchTolerances.AsNoTracking().Where(r => r.CompanyId == user.CompanyId).ToListAsync(ct))
            .OrderBy(r => r.VendorId is not null).ThenBy(r => r.CategoryId is not null).Select(r => From(r, currency))];
    }

    public static Task<Result<MatchToleranceDto>> SaveAsync(TandemDb db, CurrentUser user, MatchToleranceDto request, CancellationToken ct) =>
        Transactions.RunAsync(db, async () =>
        {
            var currency = await CompanyClock.CurrencyAsync(db, user.CompanyId, ct);
            var v = new Validator();
            var pricePercent = v.Percent(request.PricePercent, "pricePercent");
            var quantityPercent = v.Percent(request.QuantityPercent, "quantityPercent");
            var amountPercent = v.Percent(request.AmountPercent, "amountPercent");
            var perUnit = v.UnitPrice(request.PricePerUnit, currency, "pricePerUnit")?.Micros;

            var amount = string.IsNullOrWhiteSpace(request.Amount) ? null : v.Money(new MoneyDto(request.Amount, currency.Code), "amount");
            var priceCombination = request.PriceCombination is null ? ToleranceCombination.Either : v.Enum<ToleranceCombination>(request.PriceCombination, "priceCombination");
            var amountCombination = request.AmountCombination is null ? ToleranceCombination.Either : v.Enum<ToleranceCombination>(request.AmountCombination, "amountCombination");
            if (request.VendorId is { } vendor && !await db.Vendors.AnyAsync(x => x.Id == vendor && x.CompanyId == user.CompanyId, ct))
            {
                v.Add("vendorId", "not_found", "No such vendor.");
            }

            if (request.CategoryId is { } category && !await db.Categories.AnyAsync(x => x.Id == category && x.CompanyId == user.CompanyId, ct))
            {
                v.Add("categoryId", "not_found", "No such category.");
            }

            if (!v.IsValid)
            {
                return Result<MatchToleranceDto>.Failure(v.Errors);
            }

            var rule = await db.MatchTolerances.SingleOrDefaultAsync(r => r.CompanyId == user.CompanyId && r.VendorId == request.VendorId && r.CategoryId == request.CategoryId, ct);
            if (rule is null)
            {
                rule = new MatchToleranceRule { Id = Ids.New(db.Clock.GetUtcNow()), CompanyId = user.CompanyId, VendorId = request.VendorId, CategoryId = request.CategoryId };
                db.MatchTolerances.Add(rule);
            }

            rule.PriceBasisPoints = pricePercent;
            rule.PriceAbsoluteMicros = perUnit;
            rule.PriceCombination = priceCombination;
            rule.QuantityBasisPoints = quantityPercent;
            rule.AmountBasisPoints = amountPercent;
            rule.AmountAbsoluteMinor = amount?.Minor;
            rule.AmountCombination = amountCombination;
            await db.SaveChangesAsync(ct);
            await RematchWaiting.RunAsync(db, user.CompanyId, rule.VendorId, ct);
            return From(rule, currency);
        }, ct);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/match-tolerances", async (TandemDb db, CurrentUser user, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, user, ct)))
            .RequireRoles([.. Setters, Role.ApClerk]);
        api.MapPut("/match-tolerances", async (TandemDb db, CurrentUser user, HttpContext http, MatchToleranceDto request, CancellationToken ct) =>
                (await SaveAsync(db, user, request, ct)).ToOk(http))
            .RequireRoles(Setters);
    }
}
