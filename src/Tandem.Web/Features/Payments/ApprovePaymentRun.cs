using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Domain.Payments;
using Tandem.Web.Features.Invoices;
using Tandem.Web.Features.Notifications;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Audit;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Payments;

/// <summary>
/// A run's way to the bank: AP submits it; a controller who did not prepare it approves (and, at or above the company's
/// threshold, a second, different controller); or sends it back to draft with a reason. Final approval takes each
/// vendor's verified account as it is then, lists each payment's invoices and writes the bank files, stored with the run.
/// A run not yet executed may be cancelled: its invoices are free again.
/// </summary>
public static class ApprovePaymentRun
{
    public sealed record Decision(string? Reason);

    public static async Task<Result<PaymentRunSummary>> SubmitAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
        await Transactions.RunAsync<PaymentRunSummary>(db, async () =>
        {
            var run = await LoadAsync(db, user, id, PaymentRunStatus.Draft, ct);
            if (!run.IsSuccess)
            {
                return Result<PaymentRunSummary>.Failure(run.Errors);
            }

            var r = run.Value;
            await PaymentRunContent.RecountAsync(db, r, ct);
            r.Status = PaymentRunStatus.AwaitingApproval;
            r.SubmittedAtUtc = db.Clock.GetUtcNow().UtcDateTime;
            r.Note = null;
            var controllers = await db.Users.AsNoTracking()
                .Where(u => u.CompanyId == user.CompanyId && u.IsActive && u.Id != r.PreparedById && u.Roles.Any(a => a.Role == Role.Controller))
                .Select(u => new Notify.Person(u.Id, u.Email)).ToListAsync(ct);
            await db.SaveChangesAsync(ct);
            var summary = await PaymentRunSummary.OfAsync(db, r, ct);
            Notify.Send(db, user.CompanyId, controllers, $"Payment run {r.Number} waits for your approval: {summary.Total.Amount} {summary.Total.Currency}",
                $"/Payments/Run?id={r.Id}", $"{r.PaymentCount} payments, {r.InvoiceCount} invoices, pay date {r.PayDate:yyyy-MM-dd}.");
            await db.SaveChangesAsync(ct);
            return summary;
        }, ct);

    public static async Task<Result<PaymentRunSummary>> ApproveAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var run = await LoadAsync(db, user, id, PaymentRunStatus.AwaitingApproval, ct);
        if (!run.IsSuccess)
        {
            return Result<PaymentRunSummary>.Failure(run.Errors);
        }

        var r = run.Value;
        var step = RunApproval.Check(r.PreparedById, r.FirstApprovedById, r.NeedsSecondApproval, user.UserId);
        if (!step.IsSuccess)
        {
            // A refused attempt is on the record too.
            AuditWriter.Event(db, r.CompanyId, nameof(PaymentRun), r.Id, "approvalRefused", new { code = step.Errors[0].Code });
            await db.SaveChangesAsync(ct);
            return Result<PaymentRunSummary>.Failure(step.Errors);
        }

        return await Transactions.RunAsync<PaymentRunSummary>(db, async () =>
        {
            var blocked = await UnpayableVendorsAsync(db, r, ct);
            if (blocked.Count > 0)
            {
                return Error.Conflict("payment_run.vendor_not_payable",
                    $"These vendors cannot be paid now: {string.Join("; ", blocked)}. Send the run back to draft and remove their invoices.");
            }

            var now = db.Clock.GetUtcNow().UtcDateTime;
            if (step.Value == RunApprovalStep.First)
            {
                (r.FirstApprovedById, r.FirstApprovedAtUtc) = (user.UserId, now);
            }
            else
            {
                (r.ApprovedById, r.ApprovedAtUtc, r.Status) = (user.UserId, now, PaymentRunStatus.Approved);
                await WriteFilesAsync(db, r, now, ct);
            }

            await db.SaveChangesAsync(ct);
            return await PaymentRunSummary.OfAsync(db, r, ct);
        }, ct);
    }

    public static async Task<Result<PaymentRunSummary>> ReturnAsync(TandemDb db, CurrentUser user, Guid id, Decision request, CancellationToken ct)
    {
        var v = new Validator();
        var reason = v.Required(request.Reason, "reason", 2000);
        if (!v.IsValid)
        {
            return Result<PaymentRunSummary>.Failure(v.Errors);
        }

        var run = await LoadAsync(db, user, id, PaymentRunStatus.AwaitingApproval, ct);
        if (!run.IsSuccess)
        {
            return Result<PaymentRunSummary>.Failure(run.Errors);
        }

        var r = run.Value;
        (r.Status, r.Note, r.FirstApprovedById, r.FirstApprovedAtUtc, r.SubmittedAtUtc) = (PaymentRunStatus.Draft, reason, null, null, null);
        var preparer = await db.Users.AsNoTracking().Where(u => u.Id == r.PreparedById).Select(u => new Notify.Person(u.Id, u.Email)).SingleAsync(ct);
        Notify.Send(db, user.CompanyId, [preparer], $"Payment run {r.Number} was sent back", $"/Payments/Run?id={r.Id}", reason);
        await db.SaveChangesAsync(ct);
        return await PaymentRunSummary.OfAsync(db, r, ct);
    }

    public static async Task<Result<PaymentRunSummary>> CancelAsync(TandemDb db, CurrentUser user, Guid id, Decision request, CancellationToken ct)
    {
        var v = new Validator();
        var reason = v.Required(request.Reason, "reason", 2000);
        if (!v.IsValid)
        {
            return Result<PaymentRunSummary>.Failure(v.Errors);
        }

        return await Transactions.RunAsync<PaymentRunSummary>(db, async () =>
        {
            var run = await LoadAsync(db, user, id, null, ct);
            if (!run.IsSuccess)
            {
                return Result<PaymentRunSummary>.Failure(run.Errors);
            }

            var r = run.Value;
            if (r.Status is not (PaymentRunStatus.Draft or PaymentRunStatus.AwaitingApproval or PaymentRunStatus.Approved))
            {
                return Error.Conflict("payment_run.not_cancellable", $"Run {r.Number} is {JsonNames.Camel(r.Status.ToString())}; only runs not yet executing can be cancelled.");
            }

            var released = await db.PaymentRunItems.Where(i => i.PaymentRunId == r.Id).ExecuteDeleteAsync(ct);
            (r.Status, r.Note) = (PaymentRunStatus.Cancelled, reason);
            AuditWriter.Event(db, user.CompanyId, nameof(PaymentRun), r.Id, "invoicesReleased", new { invoices = released, reason });
            await db.SaveChangesAsync(ct);
            return await PaymentRunSummary.OfAsync(db, r, ct);
        }, ct);
    }

    /// <summary>The run (tracked), in the expected status when one is given.</summary>
    public static async Task<Result<PaymentRun>> LoadAsync(TandemDb db, CurrentUser user, Guid id, PaymentRunStatus? expected, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var run = await db.PaymentRuns.SingleOrDefaultAsync(r => r.Id == id && r.CompanyId == user.CompanyId, ct);
        if (run is null)
        {
            return PaymentRunQueries.NotFound();
        }

        return expected is { } status && run.Status != status
            ? Error.Conflict("payment_run.wrong_status", $"Run {run.Number} is {JsonNames.Camel(run.Status.ToString())}; this needs it {JsonNames.Camel(status.ToString())}.")
            : run;
    }

    /// <summary>Vendors of the run that may not be paid any more (not active, bank change pending, no verified account).</summary>
    private static async Task<List<string>> UnpayableVendorsAsync(TandemDb db, PaymentRun run, CancellationToken ct)
    {
        var vendorIds = await db.Payments.AsNoTracking().Where(p => p.PaymentRunId == run.Id).Select(p => p.VendorId).Distinct().ToListAsync(ct);
        return [.. (await ProposePaymentRun.VendorHoldsAsync(db, vendorIds, ct)).Values.Where(h => h.Reason is not null).Select(h => $"{h.Name} ({h.Reason})")];
    }

    /// <summary>
    /// Each payment takes its vendor's verified account as it is now (in one statement: a copy of vendor data whose
    /// changes the vendor's own trail records); the bank files are written from them and stored with the run.
    /// </summary>
    private static async Task WriteFilesAsync(TandemDb db, PaymentRun run, DateTime now, CancellationToken ct)
    {
        await db.Payments.Where(p => p.PaymentRunId == run.Id).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.PayeeName, p => db.Vendors.Where(v => v.Id == p.VendorId).Select(v => v.BankAccountHolder ?? v.LegalName).First())
            .SetProperty(p => p.Iban, p => db.Vendors.Where(v => v.Id == p.VendorId).Select(v => v.BankIban).First())
            .SetProperty(p => p.Bic, p => db.Vendors.Where(v => v.Id == p.VendorId).Select(v => v.BankBic).First())
            .SetProperty(p => p.AccountNumber, p => db.Vendors.Where(v => v.Id == p.VendorId).Select(v => v.BankAccountNumber).First())
            .SetProperty(p => p.RoutingNumber, p => db.Vendors.Where(v => v.Id == p.VendorId).Select(v => v.BankRoutingNumber).First())
            .SetProperty(p => p.BankMasked, p => db.Vendors.Where(v => v.Id == p.VendorId).Select(v => v.BankMasked).First()), ct);
        AuditWriter.Event(db, run.CompanyId, nameof(PaymentRun), run.Id, "payeeAccountsTaken", new { payments = run.PaymentCount });
        var payments = await db.Payments.AsNoTracking().Where(p => p.PaymentRunId == run.Id).OrderBy(p => p.EndToEndId).ToListAsync(ct);
        var numbers = await InvoiceNumbersAsync(db, run.Id, ct);
        foreach (var p in payments)
        {
            p.InvoiceNumbers = numbers[p.Id];
        }

        var company = await db.Companies.AsNoTracking().Where(c => c.Id == run.CompanyId).Select(c => c.Name).SingleAsync(ct);
        var account = await db.BankAccounts.AsNoTracking().SingleAsync(a => a.Id == run.BankAccountId, ct);
        var data = new PaymentFileData(run.Number, now, company, account, run.PayDate, payments);
        foreach (var format in PaymentFiles.All)
        {
            var xml = format != PaymentFiles.Csv;
            db.PaymentRunFiles.Add(new PaymentRunFile
            {
                Id = Ids.New(now),
                PaymentRunId = run.Id,
                Format = format,
                FileName = $"{run.Number}.{(xml ? format + ".xml" : "csv")}",
                ContentType = xml ? "application/xml" : "text/csv",
                MessageId = PaymentFiles.MessageId(run.Number, format),
                Content = PaymentFiles.Write(data, format),
                CreatedAtUtc = now,
            });
        }
    }

    /// <summary>Each payment's invoices as its reference lists them.</summary>
    public static async Task<Dictionary<Guid, string>> InvoiceNumbersAsync(TandemDb db, Guid runId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.PaymentRunItems.AsNoTracking().Where(i => i.PaymentRunId == runId)
            .Join(db.Invoices, i => i.InvoiceId, inv => inv.Id, (i, inv) => new { i.PaymentId, inv.Number, inv.Kind, inv.InvoiceDate })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.PaymentId).ToDictionary(g => g.Key, g => PaymentRunContent.InvoiceList(g.Select(i => (i.Number, i.Kind == InvoiceKind.CreditNote, i.InvoiceDate))));
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/payment-runs/{id:guid}/submit", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await SubmitAsync(db, user, id, ct)).ToOk(http))
            .RequireRoles(PaymentRunAccess.Preparers);
        api.MapPost("/payment-runs/{id:guid}/approve", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await ApproveAsync(db, user, id, ct)).ToOk(http))
            .RequireRoles(PaymentRunAccess.Approvers);
        api.MapPost("/payment-runs/{id:guid}/return", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, Decision request, CancellationToken ct) =>
                (await ReturnAsync(db, user, id, request, ct)).ToOk(http))
            .RequireRoles(PaymentRunAccess.Approvers);
        api.MapPost("/payment-runs/{id:guid}/cancel", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, Decision request, CancellationToken ct) =>
                (await CancelAsync(db, user, id, request, ct)).ToOk(http))
            .RequireRoles(PaymentRunAccess.Preparers);
    }
}
