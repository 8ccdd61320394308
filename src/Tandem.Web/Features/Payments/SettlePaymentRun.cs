using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Features.Invoices;
using Tandem.Web.Features.Notifications;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Csv;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Email;
using Tandem.Web.Platform.Jobs;

namespace Tandem.Web.Features.Payments;

/// <summary>
/// Confirms what the bank did with an approved run, payment by payment, in batches that each commit on their own:
/// "executed" pays every pending payment; a bank status file settles the payments it names (accepted → paid,
/// rejected → its invoices are free for a later run). Each step moves a payment out of "pending" once — a retry, a
/// second instance or a rerun after a crash picks up exactly what is still pending, so nothing is paid twice or lost.
/// A paid payment's invoices record the payment, and the vendor gets a remittance advice through the outbox.
/// </summary>
public static class SettlePaymentRun
{
    public const int BatchSize = 200;

    /// <summary>What the bank said about one payment.</summary>
    public sealed record BankOutcome(bool Paid, string? Reason);

    public static async Task<Result<PaymentRunSummary>> ConfirmAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var run = await ApprovePaymentRun.LoadAsync(db, user, id, null, ct);
        if (!run.IsSuccess)
        {
            return Result<PaymentRunSummary>.Failure(run.Errors);
        }

        var r = run.Value;
        if (r.Status is not (PaymentRunStatus.Approved or PaymentRunStatus.Executing or PaymentRunStatus.Executed))
        {
            return Error.Conflict("payment_run.not_approved", $"Run {r.Number} is {JsonNames.Camel(r.Status.ToString())}; only approved runs are executed.");
        }

        if (r.ConfirmedAtUtc is null)
        {
            (r.Status, r.ConfirmedById, r.ConfirmedAtUtc) = (PaymentRunStatus.Executing, user.UserId, db.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
        }

        return await PaymentRunSummary.OfAsync(db, await ExecuteAsync(db, r.Id, null, BatchSize, null, ct), ct);
    }

    /// <summary>A bank status file (end_to_end_id, status accepted|paid|rejected, reason): settles the payments it names.</summary>
    public static async Task<Result<PaymentRunSummary>> BankStatusAsync(TandemDb db, CurrentUser user, Guid id, Stream csv, CancellationToken ct)
    {
        var run = await ApprovePaymentRun.LoadAsync(db, user, id, null, ct);
        if (!run.IsSuccess)
        {
            return Result<PaymentRunSummary>.Failure(run.Errors);
        }

        var r = run.Value;
        if (r.Status is not (PaymentRunStatus.Approved or PaymentRunStatus.Executing or PaymentRunStatus.Executed))
        {
            return Error.Conflict("payment_run.not_approved", $"Run {r.Number} is {JsonNames.Camel(r.Status.ToString())}; bank statuses apply to approved runs.");
        }

        var read = await CsvTable.ReadAsync(csv, ["end_to_end_id", "status"], CsvLimits.Default with { OptionalColumns = ["reason"] }, ct);
        if (!read.IsSuccess)
        {
            return Result<PaymentRunSummary>.Failure(read.Errors);
        }

        var known = await db.Payments.AsNoTracking().Where(p => p.PaymentRunId == id).ToDictionaryAsync(p => p.EndToEndId, p => p.Status, ct);
        var v = new Validator();
        var outcomes = new Dictionary<string, BankOutcome>(StringComparer.Ordinal);
        for (var i = 0; i < read.Value.Rows.Count; i++)
        {
            var row = read.Value.Rows[i];
            var line = read.Value.LineOf(i);
            var e2e = row["end_to_end_id"].Trim();
            var status = row["status"].Trim().ToLowerInvariant();
            if (!known.TryGetValue(e2e, out var current))
            {
                v.Add($"line {line}: end_to_end_id", "unknown_payment", $"line {line}: {e2e} is not a payment of run {r.Number}.");
                continue;
            }

            if (status is not ("accepted" or "paid" or "rejected"))
            {
                v.Add($"line {line}: status", "invalid_value", $"line {line}: status must be accepted, paid or rejected.");
                continue;
            }

            var paid = status != "rejected";
            if (current != PaymentStatus.Pending && (current == PaymentStatus.Paid) != paid)
            {
                v.Add($"line {line}: status", "already_settled", $"line {line}: {e2e} is already {JsonNames.Camel(current.ToString())}.");
                continue;
            }

            var reason = row.Optional("reason").Trim();
            outcomes[e2e] = new BankOutcome(paid, reason.Length == 0 ? null : reason[..Math.Min(500, reason.Length)]);
        }

        if (!v.IsValid)
        {
            return Result<PaymentRunSummary>.Failure(v.Errors);
        }

        if (r.Status == PaymentRunStatus.Approved)
        {
            r.Status = PaymentRunStatus.Executing;
            await db.SaveChangesAsync(ct);
        }

        return await PaymentRunSummary.OfAsync(db, await ExecuteAsync(db, id, outcomes, BatchSize, null, ct), ct);
    }

    /// <summary>
    /// Settles the run's pending payments (all as paid, or as <paramref name="outcomes"/> says) batch by batch, then
    /// marks the run executed when none is pending; returns the run as it is then. <paramref name="beforeCommit"/> runs
    /// inside each batch's transaction just before it commits (tests use it to kill the work there).
    /// </summary>
    public static async Task<PaymentRun> ExecuteAsync(TandemDb db, Guid runId, IReadOnlyDictionary<string, BankOutcome>? outcomes, int batchSize, Func<int, Task>? beforeCommit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var run = await db.PaymentRuns.AsNoTracking().SingleAsync(r => r.Id == runId, ct);
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == run.CompanyId).Select(c => c.Name).SingleAsync(ct);
        var clashes = 0;
        for (var batch = 1; ; batch++)
        {
            db.ChangeTracker.Clear();
            int settled;
            try
            {
                settled = (await Transactions.RunAsync(db, async () => Result<int>.Success(await BatchAsync(db, run, company, outcomes, batchSize, batch, beforeCommit, ct)), ct)).Value;
                clashes = 0;
            }
            catch (DbUpdateConcurrencyException) when (++clashes < 5)
            {
                // Someone else (a retry, the other instance) settled some of these first: take what is still pending.
                continue;
            }

            // A short batch took every payment still pending (that it was asked for): none becomes pending again.
            if (settled < batchSize)
            {
                break;
            }
        }

        db.ChangeTracker.Clear();
        var tracked = await db.PaymentRuns.SingleAsync(r => r.Id == runId, ct);
        if (tracked.Status == PaymentRunStatus.Executing
            && (outcomes is null || !await db.Payments.AnyAsync(p => p.PaymentRunId == runId && p.Status == PaymentStatus.Pending, ct)))
        {
            (tracked.Status, tracked.ExecutedAtUtc) = (PaymentRunStatus.Executed, db.Clock.GetUtcNow().UtcDateTime);
            await PaymentRunContent.RecountAsync(db, tracked, ct);
            await db.SaveChangesAsync(ct);
        }

        return tracked;
    }

    private static async Task<int> BatchAsync(
        TandemDb db, PaymentRun run, string company, IReadOnlyDictionary<string, BankOutcome>? outcomes, int batchSize, int batch, Func<int, Task>? beforeCommit, CancellationToken ct)
    {
        var query = db.Payments.Where(p => p.PaymentRunId == run.Id && p.Status == PaymentStatus.Pending);
        if (outcomes is not null)
        {
            var named = outcomes.Keys.ToList();
            query = query.Where(p => named.Contains(p.EndToEndId));
        }

        var payments = await query.OrderBy(p => p.EndToEndId).Take(batchSize).ToListAsync(ct);
        if (payments.Count == 0)
        {
            return 0;
        }

        var ids = payments.Select(p => p.Id).ToList();
        var items = (await db.PaymentRunItems.Where(i => ids.Contains(i.PaymentId)).ToListAsync(ct)).ToLookup(i => i.PaymentId);
        var invoiceIds = items.SelectMany(g => g).Select(i => i.InvoiceId).ToList();
        var invoices = await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var vendorIds = payments.Select(p => p.VendorId).Distinct().ToList();
        var emails = (await db.Vendors.AsNoTracking().Where(v => vendorIds.Contains(v.Id))
            .SelectMany(v => v.Contacts.Where(c => c.Email != null).Select(c => new { c.VendorId, c.Name, c.Email })).ToListAsync(ct))
            .GroupBy(c => c.VendorId).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Name, StringComparer.Ordinal).First().Email!);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var rejected = new List<Payment>();
        foreach (var payment in payments)
        {
            var outcome = outcomes?[payment.EndToEndId] ?? new BankOutcome(true, null);
            payment.SettledAtUtc = now;
            payment.InvoiceNumbers = PaymentRunContent.InvoiceList(items[payment.Id].Select(i => invoices[i.InvoiceId]).Select(i => (i.Number, i.Kind == InvoiceKind.CreditNote, i.InvoiceDate)));
            if (!outcome.Paid)
            {
                (payment.Status, payment.RejectionReason) = (PaymentStatus.Rejected, outcome.Reason ?? "Rejected by the bank");
                db.PaymentRunItems.RemoveRange(items[payment.Id]);
                rejected.Add(payment);
                continue;
            }

            payment.Status = PaymentStatus.Paid;
            var lines = new List<RemittanceLine>();
            foreach (var item in items[payment.Id])
            {
                var invoice = invoices[item.InvoiceId];
                if (invoice.PaidAtUtc is null)
                {
                    (invoice.PaidOn, invoice.PaidAtUtc, invoice.PaidMinor, invoice.DiscountTakenMinor) = (run.PayDate, now, Math.Abs(item.PaidMinor), item.DiscountMinor);
                }

                lines.Add(new RemittanceLine(invoice.Number, invoice.Kind == InvoiceKind.CreditNote, invoice.InvoiceDate, item.PayableMinor, item.DiscountMinor, item.PaidMinor));
            }

            if (emails.TryGetValue(payment.VendorId, out var email))
            {
                var ordered = lines.OrderBy(l => l.InvoiceDate).ThenBy(l => l.Number, StringComparer.Ordinal).ToList();
                Outbox.Enqueue(db, run.CompanyId, email, RemittanceAdvice.Subject(company, payment), RemittanceAdvice.Body(company, payment, run.PayDate, ordered),
                    new Outbox.File($"{payment.EndToEndId}.pdf", "application/pdf", RemittanceAdvice.Pdf(company, payment, run.PayDate, ordered)));
            }
        }

        if (rejected.Count > 0)
        {
            var preparer = await db.Users.AsNoTracking().Where(u => u.Id == run.PreparedById).Select(u => new Notify.Person(u.Id, u.Email)).SingleAsync(ct);
            Notify.Send(db, run.CompanyId, [preparer], $"The bank rejected {rejected.Count} payments of run {run.Number}", $"/Payments/Run?id={run.Id}",
                string.Join("\n", rejected.Select(p => $"{p.EndToEndId} {p.PayeeName}: {p.RejectionReason}. Its invoices are free for a later run.")));
        }

        await db.SaveChangesAsync(ct);
        if (beforeCommit is not null)
        {
            await beforeCommit(batch);
        }

        return payments.Count;
    }

    public static void Map(RouteGroupBuilder api)
    {
        string[] settlers = [.. PaymentRunAccess.Preparers.Union(PaymentRunAccess.Approvers)];
        api.MapPost("/payment-runs/{id:guid}/confirm", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await ConfirmAsync(db, user, id, ct)).ToOk(http))
            .RequireRoles(settlers);
        api.MapPost("/payment-runs/{id:guid}/bank-status", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
            {
                if (!http.Request.HasFormContentType)
                {
                    return (await BankStatusAsync(db, user, id, http.Request.Body, ct)).ToOk(http);
                }

                var form = await http.Request.ReadFormAsync(ct);
                if (form.Files.GetFile("file") is not { } file)
                {
                    return Problems.From(Error.Validation("required", "Attach the bank status CSV (field file).", "file"));
                }

                await using var stream = file.OpenReadStream();
                return (await BankStatusAsync(db, user, id, stream, ct)).ToOk(http);
            })
            .Accepts<IFormFile>("multipart/form-data", "text/csv")
            .RequireRoles(settlers);
    }
}

/// <summary>Finishes runs marked executed whose settlement stopped half-way (a crash, a restart): the pending payments are paid.</summary>
public sealed class PaymentRunResumeJob : IScheduledJob
{
    public string Name => "payment-run-resume";

    public TimeSpan Interval => TimeSpan.FromMinutes(1);

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<TandemDb>();
        var stuck = await db.PaymentRuns.AsNoTracking().Where(r => r.Status == PaymentRunStatus.Executing && r.ConfirmedAtUtc != null).Select(r => r.Id).ToListAsync(ct);
        foreach (var id in stuck)
        {
            await SettlePaymentRun.ExecuteAsync(db, id, null, SettlePaymentRun.BatchSize, null, ct);
        }
    }
}
