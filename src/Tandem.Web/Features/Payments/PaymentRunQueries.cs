using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Payments;

public sealed record PaymentRunSummary(
    Guid Id, string Number, string Status, DateOnly PayDate, DateOnly DueBy, Guid BankAccountId, string BankAccount, int PaymentCount, int InvoiceCount,
    MoneyDto Total, MoneyDto Discount, bool NeedsSecondApproval, Guid PreparedById, DateTime PreparedAtUtc, DateTime? SubmittedAtUtc, Guid? FirstApprovedById,
    Guid? ApprovedById, DateTime? ApprovedAtUtc, DateTime? ExecutedAtUtc, string? Note, string CostOfCapitalPercent, IReadOnlyList<RunExclusion> Exclusions,
    IReadOnlyList<string> Files, int Version) : IVersionedResponse
{
    public static async Task<PaymentRunSummary> OfAsync(TandemDb db, PaymentRun r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(r);
        return (await ManyAsync(db, [r], withExclusions: true, ct))[0];
    }

    /// <summary>Summaries of runs of one company, their bank accounts and files read in one query each.</summary>
    public static async Task<List<PaymentRunSummary>> ManyAsync(TandemDb db, IReadOnlyList<PaymentRun> runs, bool withExclusions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            return [];
        }

        var company = await CompanyClock.CurrencyAsync(db, runs[0].CompanyId, ct);
        var accountIds = runs.Select(r => r.BankAccountId).Distinct().ToList();
        var accounts = await db.BankAccounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name + " (" + a.Masked + ")", ct);
        var runIds = runs.Select(r => r.Id).ToList();
        var files = (await db.PaymentRunFiles.AsNoTracking().Where(f => runIds.Contains(f.PaymentRunId)).Select(f => new { f.PaymentRunId, f.Format }).ToListAsync(ct))
            .ToLookup(f => f.PaymentRunId, f => f.Format);
        return [.. runs.Select(r => new PaymentRunSummary(r.Id, r.Number, JsonNames.Camel(r.Status.ToString()), r.PayDate, r.DueBy, r.BankAccountId, accounts[r.BankAccountId],
            r.PaymentCount, r.InvoiceCount, MoneyDto.From(new Money(r.TotalCompanyMinor, company)), MoneyDto.From(new Money(r.DiscountCompanyMinor, company)), r.NeedsSecondApproval,
            r.PreparedById, r.PreparedAtUtc, r.SubmittedAtUtc, r.FirstApprovedById, r.ApprovedById, r.ApprovedAtUtc, r.ExecutedAtUtc, r.Note, PercentText.Of(r.CostOfCapitalBasisPoints),
            withExclusions ? JsonSerializer.Deserialize<List<RunExclusion>>(r.Exclusions, JsonNames.Options) ?? [] : [],
            [.. files[r.Id].Order(StringComparer.Ordinal)], r.Version))];
    }
}

public sealed record PaymentItemView(Guid InvoiceId, string Number, string Kind, DateOnly InvoiceDate, DateOnly? DueDate, DateOnly? DiscountDate, string Reason,
    MoneyDto Payable, MoneyDto Discount, MoneyDto Paid, string DiscountAnnualizedPercent);

public sealed record PaymentView(Guid Id, Guid VendorId, string Payee, string Currency, MoneyDto Amount, MoneyDto Discount, string EndToEndId, string Status,
    string? BankMasked, DateTime? SettledAtUtc, string? RejectionReason, IReadOnlyList<PaymentItemView> Items);

public sealed record PaymentRunDetail(PaymentRunSummary Run, IReadOnlyList<PaymentView> Payments) : IVersionedResponse
{
    public int Version => Run.Version;
}

/// <summary>Reading payment runs: the list, one run with its payments and invoices, and its stored bank files.</summary>
public static class PaymentRunQueries
{
    public static async Task<Result<PaymentRunDetail>> GetAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var run = await db.PaymentRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.CompanyId == user.CompanyId, ct);
        if (run is null)
        {
            return NotFound();
        }

        var payments = await db.Payments.AsNoTracking().Where(p => p.PaymentRunId == id).OrderBy(p => p.EndToEndId).ToListAsync(ct);
        var items = (await db.PaymentRunItems.AsNoTracking().Where(i => i.PaymentRunId == id)
            .Join(db.Invoices, i => i.InvoiceId, inv => inv.Id, (i, inv) => new
            {
                i.PaymentId,
                i.InvoiceId,
                inv.Number,
                inv.Kind,
                inv.InvoiceDate,
                inv.DueDate,
                inv.DiscountDate,
                i.Reason,
                i.PayableMinor,
                i.DiscountMinor,
                i.PaidMinor,
                inv.DiscountAnnualizedBasisPoints,
                inv.Currency,
            })
            .ToListAsync(ct)).ToLookup(i => i.PaymentId);
        MoneyDto M(long minor, string currency) => MoneyDto.From(new Money(minor, Currency.Of(currency)));
        return new PaymentRunDetail(await PaymentRunSummary.OfAsync(db, run, ct), [.. payments.Select(p => new PaymentView(
            p.Id, p.VendorId, p.PayeeName, p.Currency, M(p.AmountMinor, p.Currency), M(p.DiscountMinor, p.Currency), p.EndToEndId, JsonNames.Camel(p.Status.ToString()),
            p.BankMasked, p.SettledAtUtc, p.RejectionReason,
            [.. items[p.Id].OrderBy(i => i.InvoiceDate).ThenBy(i => i.Number, StringComparer.Ordinal).Select(i => new PaymentItemView(
                i.InvoiceId, i.Number, JsonNames.Camel(i.Kind.ToString()), i.InvoiceDate, i.DueDate, i.DiscountDate, i.Reason, M(i.PayableMinor, i.Currency),
                M(i.DiscountMinor, i.Currency), M(i.PaidMinor, i.Currency), PercentText.Of(i.DiscountAnnualizedBasisPoints)))]))]);
    }

    public static async Task<IReadOnlyList<PaymentRunSummary>> ListAsync(TandemDb db, CurrentUser user, string? status, CancellationToken ct)
    {
        var query = db.PaymentRuns.AsNoTracking().Where(r => r.CompanyId == user.CompanyId);
        if (status is not null && Enum.TryParse<PaymentRunStatus>(status, ignoreCase: true, out var s))
        {
            query = query.Where(r => r.Status == s);
        }

        var runs = await query.OrderByDescending(r => r.PreparedAtUtc).Take(200).ToListAsync(ct);
        return await PaymentRunSummary.ManyAsync(db, runs, withExclusions: false, ct);
    }

    /// <summary>A stored bank file of an approved run: the bank account's format unless another is asked for.</summary>
    public static async Task<Result<PaymentRunFile>> FileAsync(TandemDb db, CurrentUser user, Guid id, string? format, CancellationToken ct)
    {
        var run = await db.PaymentRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.CompanyId == user.CompanyId, ct);
        if (run is null)
        {
            return NotFound();
        }

        format ??= await db.BankAccounts.Where(a => a.Id == run.BankAccountId).Select(a => a.FileFormat).SingleAsync(ct);
        var file = await db.PaymentRunFiles.AsNoTracking().SingleOrDefaultAsync(f => f.PaymentRunId == id && f.Format == format, ct);
        return file is not null ? file
            : PaymentFiles.All.Contains(format) ? Error.Conflict("payment_run.no_file", $"Run {run.Number} has no files yet: they are written when it is approved.")
            : Error.Validation("invalid_value", $"format must be one of: {string.Join(", ", PaymentFiles.All)}.", "format");
    }

    public static Error NotFound() => Error.NotFound("payment_run.not_found", "No such payment run.");

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/payment-runs", async (TandemDb db, CurrentUser user, string? status, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, user, status, ct)))
            .RequireRoles(PaymentRunAccess.Readers);
        api.MapGet("/payment-runs/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireRoles(PaymentRunAccess.Readers);
        api.MapGet("/payment-runs/{id:guid}/file", async (TandemDb db, CurrentUser user, Guid id, string? format, CancellationToken ct) =>
            {
                var file = await FileAsync(db, user, id, format, ct);
                return file.IsSuccess ? Results.File(file.Value.Content, file.Value.ContentType, file.Value.FileName) : Problems.From(file.Errors);
            })
            .RequireRoles(PaymentRunAccess.Readers);
    }
}
