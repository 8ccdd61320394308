using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Analytics;

/// <summary>
/// Cost avoidance that buyers record by hand (<c>POST /api/v1/savings</c>): an amount in the company currency, the day,
/// a reason (required — a saving nobody can explain is not one), optionally the vendor, category and document it concerns.
/// </summary>
public static class RecordSavings
{
    public const string CostAvoidance = "costAvoidance";

    public sealed record Request(string? Kind, MoneyDto? Amount, string? RecordedOn, string? Reason, Guid? VendorId, Guid? CategoryId, string? Reference);

    public sealed record Response(Guid Id, string Kind, DateOnly RecordedOn, MoneyDto Amount, string Reason, Guid? VendorId, Guid? CategoryId, string? Reference, Guid RecordedById);

    public static readonly string[] Recorders = [Role.Buyer, Role.Controller, Role.Admin];

    public static async Task<Result<Response>> RecordAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        var v = new Validator();
        if ((request.Kind ?? CostAvoidance) != CostAvoidance)
        {
            v.Add("kind", "invalid_value", "kind must be costAvoidance: negotiated savings and captured discounts are computed from documents.");
        }

        var currency = await CompanyClock.CurrencyAsync(db, user.CompanyId, ct);
        var amount = v.Money(request.Amount, "amount");
        if (request.Amount is null)
        {
            v.Add("amount", "required", "amount is required.");
        }
        else if (amount is { } a && (a.Currency != currency || a.Minor <= 0))
        {
            v.Add("amount", "out_of_range", $"amount must be positive and in the company currency ({currency.Code}).");
        }

        var reason = v.Required(request.Reason, "reason", 2000);
        var recordedOn = v.Date(request.RecordedOn, "recordedOn") ?? await CompanyClock.TodayAsync(db, user.CompanyId, ct);
        var reference = v.Optional(request.Reference, "reference", 60);
        if (request.VendorId is { } vendor && !await db.Vendors.AnyAsync(x => x.Id == vendor && x.CompanyId == user.CompanyId, ct))
        {
            v.Add("vendorId", "not_found", "vendorId is not a vendor of this company.");
        }

        if (request.CategoryId is { } category && !await db.Categories.AnyAsync(x => x.Id == category && x.CompanyId == user.CompanyId, ct))
        {
            v.Add("categoryId", "not_found", "categoryId is not a category of this company.");
        }

        if (!v.IsValid)
        {
            return Result<Response>.Failure(v.Errors);
        }

        var now = db.Clock.GetUtcNow();
        var record = new SavingsRecord
        {
            Id = Ids.New(now),
            CompanyId = user.CompanyId,
            Kind = CostAvoidance,
            RecordedOn = recordedOn,
            AmountMinor = amount!.Value.Minor,
            Reason = reason,
            VendorId = request.VendorId,
            CategoryId = request.CategoryId,
            Reference = reference,
            RecordedById = user.UserId,
            RecordedAtUtc = now.UtcDateTime,
        };
        db.SavingsRecords.Add(record);
        await db.SaveChangesAsync(ct);
        return From(record, currency);
    }

    public static async Task<IReadOnlyList<Response>> ListAsync(TandemDb db, Guid companyId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var currency = await CompanyClock.CurrencyAsync(db, companyId, ct);
        return [.. (await db.SavingsRecords.AsNoTracking().Where(s => s.CompanyId == companyId && s.RecordedOn >= from && s.RecordedOn <= to)
            .OrderByDescending(s => s.RecordedOn).ThenBy(s => s.Id).ToListAsync(ct)).Select(s => From(s, currency))];
    }

    private static Response From(SavingsRecord s, Currency currency) =>
        new(s.Id, s.Kind, s.RecordedOn, MoneyDto.From(new Money(s.AmountMinor, currency)), s.Reason, s.VendorId, s.CategoryId, s.Reference, s.RecordedById);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/savings", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await RecordAsync(db, user, request, ct)).ToCreated(http, r => $"/api/v1/savings?from={r.RecordedOn:yyyy-MM-dd}&to={r.RecordedOn:yyyy-MM-dd}"))
            .RequireRoles(Recorders);
        api.MapGet("/savings", async (TandemDb db, CurrentUser user, HttpContext http, string? from, string? to, CancellationToken ct) =>
            {
                var v = new Validator();
                var today = await CompanyClock.TodayAsync(db, user.CompanyId, ct);
                var until = v.Date(to, "to") ?? today;
                var since = v.Date(from, "from") ?? new DateOnly(until.Year, 1, 1);
                return v.IsValid ? Results.Ok(await ListAsync(db, user.CompanyId, since, until, ct)) : Result<bool>.Failure(v.Errors).ToOk(http);
            })
            .RequireRoles(SpendFilter.Readers);
    }
}
