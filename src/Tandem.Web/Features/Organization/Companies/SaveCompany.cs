using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

/// <summary>
/// Create a company or change one (admins): base currency (ISO 4217), time zone (IANA) and fiscal year start month.
/// The base currency cannot change once set — documents are booked in it.
/// </summary>
public static class SaveCompany
{
    public sealed record Request(string? Code, string? Name, string? BaseCurrency, string? TimeZone, int? FiscalYearStartMonth);

    public static async Task<Result<CompanyResponse>> CreateAsync(TandemDb db, Request request, CancellationToken ct)
    {
        var now = db.Clock.GetUtcNow();
        return await OrgUnits.CreateAsync(
            db, await ValidateAsync(db, request, null, ct),
            new Company { Id = Ids.New(now), CreatedAtUtc = now.UtcDateTime }, Apply, CompanyResponse.From, ct);
    }

    public static async Task<Result<CompanyResponse>> UpdateAsync(TandemDb db, Guid id, int expectedVersion, Request request, CancellationToken ct) =>
        await OrgUnits.UpdateAsync(
            db, await db.Companies.SingleOrDefaultAsync(c => c.Id == id, ct), expectedVersion, "company",
            async company =>
            {
                var valid = await ValidateAsync(db, request, id, ct);
                return valid.IsSuccess && valid.Value.BaseCurrency != company.BaseCurrency
                    ? Error.Validation("company.base_currency_fixed", "The base currency of a company cannot be changed.", "baseCurrency")
                    : valid;
            },
            Apply, CompanyResponse.From, ct);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/companies", async (TandemDb db, HttpContext http, Request request, CancellationToken ct) =>
                (await CreateAsync(db, request, ct)).ToCreated(http, c => $"/api/v1/companies/{c.Id}"))
            .RequireRoles(Role.Admin);
        api.MapPut("/companies/{id:guid}", (TandemDb db, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                ApiResults.UpdateAsync(http, version => UpdateAsync(db, id, version, request, ct)))
            .RequireRoles(Role.Admin);
    }

    private sealed record Valid(string Code, string Name, string BaseCurrency, string TimeZone, int FiscalYearStartMonth);

    private static async Task<Result<Valid>> ValidateAsync(TandemDb db, Request request, Guid? id, CancellationToken ct)
    {
        var v = new Validator();
        var code = v.Code(request.Code, "code");
        var name = v.Required(request.Name, "name", 200);
        var currency = v.Currency(request.BaseCurrency, "baseCurrency");
        var zone = v.TimeZone(request.TimeZone ?? "UTC", "timeZone");
        var startMonth = request.FiscalYearStartMonth ?? 1;
        v.Range(startMonth, "fiscalYearStartMonth", 1, 12);
        if (!v.IsValid)
        {
            return Result<Valid>.Failure(v.Errors);
        }

        return await db.Companies.AnyAsync(c => c.Code == code && c.Id != id, ct)
            ? Error.Conflict("company.code_taken", $"A company with code {code} already exists.", "code")
            : new Valid(code, name, currency.Code, zone!.Id, startMonth);
    }

    private static void Apply(Company c, Valid v)
    {
        c.Code = v.Code;
        c.Name = v.Name;
        c.BaseCurrency = v.BaseCurrency;
        c.TimeZone = v.TimeZone;
        c.FiscalYearStartMonth = v.FiscalYearStartMonth;
    }
}
