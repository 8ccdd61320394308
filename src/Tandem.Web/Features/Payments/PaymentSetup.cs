using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Domain.Organization;
using Tandem.Domain.Payments;
using Tandem.Web.Features.Vendors;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Payments;

public sealed record PaymentSettingsDto(string? CostOfCapitalPercent, string? WeekendRule, MoneyDto? SecondApprovalFrom);

public sealed record BankAccountRequest(string? Name, string? Currency, string? FileFormat, bool? Active, BankDto? Bank);

public sealed record BankAccountResponse(Guid Id, string Name, string Currency, string AccountHolder, string Masked, string FileFormat, bool Active, int Version) : IVersionedResponse
{
    public static BankAccountResponse From(BankAccount a) => new(a.Id, a.Name, a.Currency, a.AccountHolder, a.Masked, a.FileFormat, a.Active, a.Version);
}

/// <summary>The company's payment settings and its own bank accounts: controllers and admins change them; AP reads them.</summary>
public static class PaymentSetup
{
    public static readonly string[] Readers = [Role.ApClerk, Role.Controller, Role.Admin];

    public static readonly string[] Editors = [Role.Controller, Role.Admin];

    public static async Task<PaymentSettingsDto> SettingsAsync(TandemDb db, Guid companyId, CancellationToken ct)
    {
        var s = await PaymentSettings.ForAsync(db, companyId, ct);
        return new(PercentText.Of(s.CostOfCapitalBasisPoints), JsonNames.Camel(s.WeekendRule.ToString()),
            MoneyDto.From(s.SecondApprovalMinor, (await CompanyClock.CurrencyAsync(db, companyId, ct)).Code));
    }

    public static async Task<Result<PaymentSettingsDto>> SaveSettingsAsync(TandemDb db, CurrentUser user, PaymentSettingsDto request, CancellationToken ct)
    {
        var v = new Validator();
        var cost = v.Percent(request.CostOfCapitalPercent, "costOfCapitalPercent");
        var weekend = request.WeekendRule is null ? (WeekendRule?)null : v.Enum<WeekendRule>(request.WeekendRule, "weekendRule");
        var company = await CompanyClock.CurrencyAsync(db, user.CompanyId, ct);
        var threshold = request.SecondApprovalFrom is null ? null : v.Money(request.SecondApprovalFrom, "secondApprovalFrom");
        if (threshold is { } t && t.Currency != company)
        {
            v.Add("secondApprovalFrom.currency", "currency_mismatch", $"secondApprovalFrom is set in the company currency, {company.Code}.");
        }

        if (!v.IsValid)
        {
            return Result<PaymentSettingsDto>.Failure(v.Errors);
        }

        var settings = await db.PaymentSettings.SingleOrDefaultAsync(s => s.CompanyId == user.CompanyId, ct);
        if (settings is null)
        {
            settings = PaymentSettings.Default(user.CompanyId);
            db.PaymentSettings.Add(settings);
        }

        settings.CostOfCapitalBasisPoints = cost ?? settings.CostOfCapitalBasisPoints;
        settings.WeekendRule = weekend ?? settings.WeekendRule;
        settings.SecondApprovalMinor = threshold?.Minor ?? settings.SecondApprovalMinor;
        await db.SaveChangesAsync(ct);
        return await SettingsAsync(db, user.CompanyId, ct);
    }

    public static async Task<Result<BankAccountResponse>> SaveAccountAsync(TandemDb db, CurrentUser user, Guid? id, int? version, BankAccountRequest request, CancellationToken ct)
    {
        var v = new Validator();
        var name = v.Required(request.Name, "name", 100);
        var currency = v.Currency(request.Currency, "currency");
        var format = request.FileFormat ?? PaymentFiles.Pain001V09;
        if (!PaymentFiles.BankFormats.Contains(format))
        {
            v.Add("fileFormat", "invalid_value", $"fileFormat must be one of: {string.Join(", ", PaymentFiles.BankFormats)}.");
        }

        var bank = BankInput.Validate(request.Bank ?? new BankDto(null, null, null, null, null));
        if (!v.IsValid || !bank.IsSuccess)
        {
            return Result<BankAccountResponse>.Failure([.. v.Errors, .. bank.Errors]);
        }

        var account = id is null ? new BankAccount { Id = Ids.New(db.Clock.GetUtcNow()), CompanyId = user.CompanyId }
            : await db.BankAccounts.SingleOrDefaultAsync(a => a.Id == id && a.CompanyId == user.CompanyId, ct);
        if (account is null)
        {
            return Error.NotFound("bank_account.not_found", "No such bank account.");
        }

        if (version is { } expected && expected != account.Version)
        {
            return ApiResults.StaleVersion("bank account");
        }

        if (await db.BankAccounts.AnyAsync(a => a.CompanyId == user.CompanyId && a.Name == name && a.Id != account.Id, ct))
        {
            return Error.Conflict("bank_account.name_taken", $"A bank account named {name} exists.", "name");
        }

        if (id is null)
        {
            db.BankAccounts.Add(account);
        }

        var d = bank.Value;
        (account.Name, account.Currency, account.FileFormat, account.Active) = (name, currency.Code, format, request.Active ?? account.Active);
        (account.AccountHolder, account.Iban, account.Bic, account.AccountNumber, account.RoutingNumber, account.Masked) =
            (d.Holder, d.Iban, d.Bic, d.AccountNumber, d.RoutingNumber, d.Masked);
        await db.SaveChangesAsync(ct);
        return BankAccountResponse.From(account);
    }

    public static async Task<IReadOnlyList<BankAccountResponse>> AccountsAsync(TandemDb db, Guid companyId, CancellationToken ct) =>
        [.. (await db.BankAccounts.AsNoTracking().Where(a => a.CompanyId == companyId).OrderBy(a => a.Name).ToListAsync(ct)).Select(BankAccountResponse.From)];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/payment-settings", async (TandemDb db, CurrentUser user, CancellationToken ct) => TypedResults.Ok(await SettingsAsync(db, user.CompanyId, ct)))
            .RequireRoles(Readers);
        api.MapPut("/payment-settings", async (TandemDb db, CurrentUser user, HttpContext http, PaymentSettingsDto request, CancellationToken ct) =>
                (await SaveSettingsAsync(db, user, request, ct)).ToOk(http))
            .RequireRoles(Editors);
        api.MapGet("/bank-accounts", async (TandemDb db, CurrentUser user, CancellationToken ct) => TypedResults.Ok(await AccountsAsync(db, user.CompanyId, ct)))
            .RequireRoles(Readers);
        api.MapPost("/bank-accounts", async (TandemDb db, CurrentUser user, HttpContext http, BankAccountRequest request, CancellationToken ct) =>
                (await SaveAccountAsync(db, user, null, null, request, ct)).ToCreated(http, a => $"/api/v1/bank-accounts/{a.Id}"))
            .RequireRoles(Editors);
        api.MapPut("/bank-accounts/{id:guid}", (TandemDb db, CurrentUser user, HttpContext http, Guid id, BankAccountRequest request, CancellationToken ct) =>
                ApiResults.UpdateAsync(http, version => SaveAccountAsync(db, user, id, version, request, ct)))
            .RequireRoles(Editors);
    }
}
