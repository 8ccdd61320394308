using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Domain.Organization;
using Tandem.Domain.Payments;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Invoices;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Vendors;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Payments;

/// <summary>Something the run left out, and why (shown on the run builder).</summary>
public sealed record RunExclusion(Guid VendorId, string Vendor, int Invoices, string Reason);

/// <summary>
/// Proposes a payment run: the company's ready-to-pay invoices not yet paid nor in another run, chosen by
/// <see cref="PaymentSelection"/> (due by the due-by date, or a discount worth taking still available on the pay date),
/// credit notes netted, one payment per vendor and currency. Vendors that are not active, have a bank change waiting
/// for approval or no verified bank account are left out, with the reason. Proposals of one company are serialized.
/// With <c>invoiceIds</c> the run considers only those invoices (an urgent payment, or one run per invoice); each must be
/// ready to pay and in no other run.
/// </summary>
public static class ProposePaymentRun
{
    public const int MaxChosenInvoices = 1000;

    public sealed record Request(string? PayDate, string? DueBy, Guid? BankAccountId, IReadOnlyList<Guid>? InvoiceIds = null);

    public static async Task<Result<PaymentRunSummary>> HandleAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct)
    {
        var v = new Validator();
        var payDate = v.Date(request.PayDate, "payDate");
        var dueBy = v.Date(request.DueBy, "dueBy") ?? payDate;
        if (string.IsNullOrWhiteSpace(request.PayDate))
        {
            v.Add("payDate", "required", "payDate is required: the day the bank pays.");
        }

        if (request.BankAccountId is null)
        {
            v.Add("bankAccountId", "required", "bankAccountId is required: the account the run pays from.");
        }

        if (request.InvoiceIds is { Count: 0 or > MaxChosenInvoices })
        {
            v.Add("invoiceIds", "invalid_count", $"invoiceIds names 1 to {MaxChosenInvoices} invoices, or is left out to consider every open invoice.");
        }

        if (payDate is { } p && dueBy is { } d && d < p)
        {
            v.Add("dueBy", "before_pay_date", "dueBy cannot be before payDate.");
        }

        if (payDate is { } pay && pay < await CompanyClock.TodayAsync(db, user.CompanyId, ct))
        {
            v.Add("payDate", "in_the_past", "payDate cannot be in the past.");
        }

        if (!v.IsValid)
        {
            return Result<PaymentRunSummary>.Failure(v.Errors);
        }

        if (await Accounting.AccountingSetup.CheckOpenAsync(db, user.CompanyId, payDate!.Value, "payDate", ct) is { } closed)
        {
            return closed;
        }

        return await Transactions.RunAsync<PaymentRunSummary>(db, async () =>
        {
            var account = await db.BankAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == request.BankAccountId && a.CompanyId == user.CompanyId && a.Active, ct);
            if (account is null)
            {
                return Error.Validation("bank_account.not_found", "No such active bank account.", "bankAccountId");
            }

            await PaymentLocks.LockCompanyAsync(db, user.CompanyId, ct);
            var settings = await PaymentSettings.ForAsync(db, user.CompanyId, ct);
            var rules = new SelectionRules(payDate!.Value, dueBy!.Value, settings.CostOfCapitalBasisPoints);
            var (candidates, exclusions) = await CandidatesAsync(db, user.CompanyId, rules, request.InvoiceIds, ct);
            var payments = PaymentSelection.Select(candidates, rules);
            if (request.InvoiceIds is { } chosen && chosen.Except(payments.SelectMany(p => p.Items).Select(i => i.Invoice.InvoiceId)).ToList() is { Count: > 0 } missing)
            {
                return Error.Validation("payment_run.invoice_not_payable",
                    $"Not payable in this run (not ready to pay, already in a run, not due by dueBy, or its vendor held): {string.Join(", ", missing.Take(5))}.", "invoiceIds");
            }

            if (payments.Count == 0)
            {
                return Error.Conflict("payment_run.nothing_to_pay",
                    $"Nothing is due by {rules.DueBy:yyyy-MM-dd} nor has a discount worth taking on {rules.PayDate:yyyy-MM-dd}" +
                    (exclusions.Count > 0 ? $" ({exclusions.Count} vendors left out: {string.Join("; ", exclusions.Take(3).Select(e => $"{e.Vendor}: {e.Reason}"))})." : "."));
            }

            var now = db.Clock.GetUtcNow().UtcDateTime;
            var run = new PaymentRun
            {
                Id = Ids.New(now),
                CompanyId = user.CompanyId,
                Number = await DocumentNumbers.NextAsync(db, user.CompanyId, "PAY", rules.PayDate.Year, ct),
                Status = PaymentRunStatus.Draft,
                PayDate = rules.PayDate,
                DueBy = rules.DueBy,
                BankAccountId = account.Id,
                CostOfCapitalBasisPoints = settings.CostOfCapitalBasisPoints,
                PreparedById = user.UserId,
                PreparedAtUtc = now,
                Exclusions = JsonSerializer.Serialize(exclusions, JsonNames.Options),
            };
            db.PaymentRuns.Add(run);
            await db.SaveChangesAsync(ct);
            await PaymentRunContent.ReplaceAsync(db, run, payments, ct);
            await db.SaveChangesAsync(ct);
            return await PaymentRunSummary.OfAsync(db, run, ct);
        }, ct);
    }

    /// <summary>What may be paid (active vendors with a verified account and no bank change pending), and the vendors left out.</summary>
    public static async Task<(List<PayCandidate> Candidates, List<RunExclusion> Exclusions)> CandidatesAsync(
        TandemDb db, Guid companyId, SelectionRules rules, IReadOnlyList<Guid>? only, CancellationToken ct)
    {
        // The database narrows to what could be chosen (credits, due, a discount still worth taking); PaymentSelection decides.
        var open = OpenQuery(db, companyId);
        if (only is not null)
        {
            open = open.Where(i => only.Contains(i.Id));
        }

        var rows = await open
            .Where(i => i.Kind == InvoiceKind.CreditNote || i.DueDate <= rules.DueBy
                || (i.DiscountMinor > 0 && i.DiscountDate >= rules.PayDate && i.DiscountAnnualizedBasisPoints > rules.CostOfCapitalBasisPoints))
            .Select(i => new OpenInvoice(i.Id, i.VendorId, i.Currency, i.Kind, i.InvoiceDate, i.PayableMinor, i.DueDate, i.DiscountDate, i.DiscountMinor, i.DiscountAnnualizedBasisPoints))
            .ToListAsync(ct);
        var holds = await VendorHoldsAsync(db, rows.Select(r => r.VendorId), ct);
        var exclusions = new List<RunExclusion>();
        var candidates = new List<PayCandidate>(rows.Count);
        foreach (var group in rows.GroupBy(r => r.VendorId))
        {
            var (name, reason) = holds[group.Key];
            if (reason is not null)
            {
                exclusions.Add(new RunExclusion(group.Key, name, group.Count(r => r.Kind == InvoiceKind.Invoice), reason));
                continue;
            }

            candidates.AddRange(group.Select(r => r.ToCandidate()));
        }

        return (candidates, exclusions.Where(e => e.Invoices > 0).OrderBy(e => e.Vendor, StringComparer.Ordinal).ToList());
    }

    /// <summary>Each vendor's name and why a run may not pay it now (null when it may): not active, a bank change pending, no verified account.</summary>
    public static async Task<Dictionary<Guid, (string Name, string? Reason)>> VendorHoldsAsync(TandemDb db, IEnumerable<Guid> vendorIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = vendorIds.Distinct().ToList();
        var vendors = await db.Vendors.AsNoTracking().Where(x => ids.Contains(x.Id))
            .Select(x => new { x.Id, x.LegalName, x.Status, Verified = x.BankMasked != null && x.BankVerifiedAtUtc != null })
            .ToListAsync(ct);
        var pending = (await db.BankChanges.AsNoTracking().Where(b => ids.Contains(b.VendorId) && b.Status == BankChangeStatus.Pending)
            .Select(b => b.VendorId).Distinct().ToListAsync(ct)).ToHashSet();
        return vendors.ToDictionary(x => x.Id, x => (x.LegalName, !VendorLifecycle.PaidInRuns(x.Status) ? $"vendor is {JsonNames.Camel(x.Status.ToString())}"
            : pending.Contains(x.Id) ? "a bank change waits for approval"
            : !x.Verified ? "no verified bank account"
            : (string?)null));
    }

    /// <summary>Ready-to-pay invoices and credit notes of the company, unpaid and in no payment run.</summary>
    public static IQueryable<Invoice> OpenQuery(TandemDb db, Guid companyId) =>
        db.Invoices.AsNoTracking().Where(i => i.CompanyId == companyId && i.Status == InvoiceStatus.ReadyToPay && i.PaidAtUtc == null && i.PayableMinor > 0
            && !db.PaymentRunItems.Any(p => p.InvoiceId == i.Id));

    public sealed record OpenInvoice(
        Guid Id, Guid VendorId, string Currency, InvoiceKind Kind, DateOnly InvoiceDate, long PayableMinor, DateOnly? DueDate, DateOnly? DiscountDate,
        long DiscountMinor, int DiscountAnnualizedBasisPoints)
    {
        public PayCandidate ToCandidate() => new(Id, VendorId, Currency, Kind == InvoiceKind.CreditNote, InvoiceDate, PayableMinor,
            new InvoiceSchedule(DueDate ?? InvoiceDate, DiscountDate, DiscountMinor, DiscountAnnualizedBasisPoints));
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/payment-runs", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await HandleAsync(db, user, request, ct)).ToCreated(http, r => $"/api/v1/payment-runs/{r.Id}"))
            .RequireRoles(PaymentRunAccess.Preparers);
}

/// <summary>Serializes the changes that decide which invoices a run takes (proposals, additions) within a company.</summary>
public static class PaymentLocks
{
    public static Task LockCompanyAsync(TandemDb db, Guid companyId, CancellationToken ct) => DecisionLocks.LockAsync<Company>(db, [companyId], ct);
}
