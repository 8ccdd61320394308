using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Accounting;
using Tandem.Domain.Money;
using Tandem.Domain.Organization;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Accounting;

public sealed record AccountingSettingsDto(Guid? PayablesAccountId, Guid? TaxAccountId, Guid? CashAccountId, Guid? DiscountsAccountId, Guid? AccrualsAccountId);

/// <summary>The accounts payables are booked with, the period lock, and how an expense is split into postings.</summary>
public static class AccountingSetup
{
    public static readonly string[] Finance = [Role.Controller, Role.ApClerk];

    private static readonly (string Code, string Field)[] Defaults =
        [("2000", "payablesAccountId"), ("2300", "taxAccountId"), ("1000", "cashAccountId"), ("4900", "discountsAccountId"), ("2100", "accrualsAccountId")];

    /// <summary>The company's payables accounts: the settings, else the chart's usual codes; a clear error when one is missing.</summary>
    public static async Task<Result<LedgerAccounts>> LedgerAccountsAsync(TandemDb db, Guid companyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var s = await db.AccountingSettings.AsNoTracking().SingleOrDefaultAsync(x => x.CompanyId == companyId, ct) ?? new AccountingSettings();
        var codes = Defaults.Select(d => d.Code).ToList();
        var byCode = await db.GlAccounts.AsNoTracking().Where(g => g.CompanyId == companyId && codes.Contains(g.Code)).ToDictionaryAsync(g => g.Code, g => g.Id, ct);
        Guid?[] chosen = [s.PayablesAccountId, s.TaxAccountId, s.CashAccountId, s.DiscountsAccountId, s.AccrualsAccountId];
        var ids = new Guid[Defaults.Length];
        var errors = new List<Error>();
        for (var i = 0; i < Defaults.Length; i++)
        {
            if ((chosen[i] ?? (byCode.TryGetValue(Defaults[i].Code, out var id) ? id : null)) is { } found)
            {
                ids[i] = found;
            }
            else
            {
                errors.Add(Error.Conflict("accounting.account_missing", $"Choose the {Defaults[i].Field[..^9]} account in /api/v1/accounting-settings (there is no GL account {Defaults[i].Code}).", Defaults[i].Field));
            }
        }

        return errors.Count > 0 ? Result<LedgerAccounts>.Failure(errors) : new LedgerAccounts(ids[0], ids[1], ids[2], ids[3], ids[4]);
    }

    public static async Task<Result<AccountingSettingsDto>> SaveAsync(TandemDb db, CurrentUser user, AccountingSettingsDto request, CancellationToken ct)
    {
        Guid?[] wanted = [request.PayablesAccountId, request.TaxAccountId, request.CashAccountId, request.DiscountsAccountId, request.AccrualsAccountId];
        var ids = wanted.OfType<Guid>().ToList();
        var known = await db.GlAccounts.AsNoTracking().Where(g => g.CompanyId == user.CompanyId && ids.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct);
        var v = new Validator();
        for (var i = 0; i < wanted.Length; i++)
        {
            if (wanted[i] is { } id && !known.Contains(id))
            {
                v.Add(Defaults[i].Field, "not_found", $"{Defaults[i].Field} is not a GL account of this company.");
            }
        }

        if (!v.IsValid)
        {
            return Result<AccountingSettingsDto>.Failure(v.Errors);
        }

        var s = await db.AccountingSettings.SingleOrDefaultAsync(x => x.CompanyId == user.CompanyId, ct);
        if (s is null)
        {
            s = new AccountingSettings { CompanyId = user.CompanyId };
            db.AccountingSettings.Add(s);
        }

        (s.PayablesAccountId, s.TaxAccountId, s.CashAccountId, s.DiscountsAccountId, s.AccrualsAccountId) = (wanted[0], wanted[1], wanted[2], wanted[3], wanted[4]);
        await db.SaveChangesAsync(ct);
        return await SettingsAsync(db, user.CompanyId, ct);
    }

    /// <summary>The accounts in use (chosen or by default code).</summary>
    public static async Task<Result<AccountingSettingsDto>> SettingsAsync(TandemDb db, Guid companyId, CancellationToken ct)
    {
        var accounts = await LedgerAccountsAsync(db, companyId, ct);
        return accounts.IsSuccess
            ? new AccountingSettingsDto(accounts.Value.Payables, accounts.Value.Tax, accounts.Value.Cash, accounts.Value.DiscountsReceived, accounts.Value.Accruals)
            : Result<AccountingSettingsDto>.Failure(accounts.Errors);
    }

    /// <summary>Refuses a date in a closed period (field named for the problem details).</summary>
    public static async Task<Error?> CheckOpenAsync(TandemDb db, Guid companyId, DateOnly date, string field, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var period = Periods.Of(date);
        return await db.AccountingPeriods.AnyAsync(p => p.CompanyId == companyId && p.Period == period && p.Status == PeriodStatus.Closed, ct)
            ? Error.Conflict("period.closed", $"{period} is closed: nothing can be dated into it unless a controller reopens it.", field)
            : null;
    }

    /// <summary>The first day on or after <paramref name="date"/> in an open period (an entry for a document dated in a closed month books in the next open one).</summary>
    public static DateOnly FirstOpen(DateOnly date, IReadOnlySet<string> closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        while (closed.Contains(Periods.Of(date)))
        {
            date = new DateOnly(date.Year, date.Month, 1).AddMonths(1);
        }

        return date;
    }

    public static async Task<HashSet<string>> ClosedAsync(TandemDb db, Guid companyId, CancellationToken ct) =>
        [.. await db.AccountingPeriods.AsNoTracking().Where(p => p.CompanyId == companyId && p.Status == PeriodStatus.Closed).Select(p => p.Period).ToListAsync(ct)];

    /// <summary>
    /// An amount of an order line as postings: split like the line (its allocation weights), each share on the split's
    /// account or the line's, with its department, cost center and project. Null when no account is known.
    /// </summary>
    public static List<(Posting Posting, long AmountMinor)>? Postings(long amountMinor, string currency, PurchaseOrderLine? orderLine, Guid? lineGl, Guid? lineCostCenter, Guid? departmentId = null)
    {
        var gl = lineGl ?? orderLine?.GlAccountId;
        var splits = orderLine?.Splits.OrderBy(s => s.Position).ToList() ?? [];
        var weights = splits.Select(s => s.PercentUnits ?? s.AmountMinor ?? 0).ToList();
        if (splits.Count == 0 || weights.Sum() == 0)
        {
            return gl is { } only ? [(new Posting(only, departmentId, lineCostCenter), amountMinor)] : null;
        }

        var shares = Allocation.ByWeights(new Money(amountMinor, Currency.Of(currency)), weights);
        var postings = new List<(Posting, long)>();
        for (var i = 0; i < splits.Count; i++)
        {
            if ((splits[i].GlAccountId ?? gl) is not { } account)
            {
                return null;
            }

            postings.Add((new Posting(account, splits[i].DepartmentId, splits[i].CostCenterId ?? lineCostCenter, splits[i].ProjectId), shares[i].Minor));
        }

        return postings;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/accounting-settings", async (TandemDb db, CurrentUser user, HttpContext http, CancellationToken ct) => (await SettingsAsync(db, user.CompanyId, ct)).ToOk(http))
            .RequireRoles(Role.Controller, Role.ApClerk, Role.Admin);
        api.MapPut("/accounting-settings", async (TandemDb db, CurrentUser user, HttpContext http, AccountingSettingsDto request, CancellationToken ct) =>
                (await SaveAsync(db, user, request, ct)).ToOk(http))
            .RequireRoles(Role.Controller, Role.Admin);
    }
}
