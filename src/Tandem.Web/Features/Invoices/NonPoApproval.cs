using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Approvals;
using Tandem.Domain.Invoicing;
using Tandem.Domain.Money;
using Tandem.Domain.Requisitions;
using Tandem.Web.Features.Approvals;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Audit;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;
using Money = Tandem.Domain.Money.Money;

namespace Tandem.Web.Features.Invoices;

/// <summary>
/// Invoices without a purchase order (ADR 0022). Nothing to match them against, so the company's invoice approval
/// policy (<see cref="PolicyKind.Invoice"/>, edited like the requisition policy) routes each one through the approval
/// engine: amount in the company currency, department, vendor, GL accounts and its budget check (the owner of a line it
/// would exceed approves too) decide the steps; whoever captured it is never its approver. It waits in exception ("noPurchaseOrder", owned by the approvers) until the last step approves;
/// a rejection rejects the invoice. Approved, it is ready to pay once no other exception (duplicate, blocked vendor) holds it.
/// </summary>
public static class NonPoApproval
{
    public sealed record Request(string? Decision, string? Comment);

    /// <summary>
    /// What a non-PO invoice needs at capture: an active department of the company (<paramref name="field"/> names it in
    /// the error) and the company's latest rate for its currency (it has no order to take one from).
    /// </summary>
    public static async Task<Result<long>> CaptureRateAsync(TandemDb db, Guid companyId, Guid departmentId, Currency currency, DateOnly on, string field, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.Departments.AnyAsync(d => d.Id == departmentId && d.CompanyId == companyId && d.IsActive, ct))
        {
            return Error.Validation("invoice.department_not_found", "No such active department.", field);
        }

        var company = await CompanyClock.CurrencyAsync(db, companyId, ct);
        if (currency == company)
        {
            return ExchangeRate.Scale;
        }

        return (await Rates.LatestAsync(db, companyId, on, ct)).TryGetValue(currency.Code, out var rate) ? rate
            : Error.Validation("invoice.no_exchange_rate", $"There is no exchange rate from {currency.Code} to {company.Code}; ask a controller to add one.", "currency");
    }

    /// <summary>Routes a new (tracked, coded) non-PO invoice and checks it: steps written and the first approvers told, or approved outright.</summary>
    public static async Task StartAsync(TandemDb db, Invoice invoice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(invoice);
        var company = await CompanyClock.CurrencyAsync(db, invoice.CompanyId, ct);
        var (version, policy) = await ApprovalRouting.CurrentAsync(db, invoice.CompanyId, PolicyKind.Invoice, company, ct);
        var total = Conversion.Convert(new Money(invoice.TotalMinor, Currency.Of(invoice.Currency)), invoice.RateUnits, ExchangeRate.Scale, company);
        // What paying it would do to its department's budgets: states the rules can test, and owners of lines it would exceed.
        var budget = await Budgets.BudgetLedger.EvaluateAsync(db, Budgets.LedgerDocument.Of(invoice, null) with { Kind = Domain.Budgets.ConsumptionKind.Actual }, ct);
        var check = budget.IsSuccess ? budget.Value.Result : null;
        var routed = check is null ? policy.Policy : Domain.Budgets.BudgetRouting.WithBudgetOwners(policy.Policy, check);
        var facts = new RouteFacts(total, invoice.CreatedById, invoice.DepartmentId is { } d ? new HashSet<Guid> { d } : [], new HashSet<Guid>(), new HashSet<Guid>(),
            new HashSet<Guid> { invoice.VendorId }, invoice.Lines.Select(l => l.GlAccountId).OfType<Guid>().ToHashSet(), new HashSet<PolicyFlag>(),
            check?.States ?? new HashSet<BudgetState>(), check?.Owners ?? []);
        var plan = RouteEngine.Evaluate(routed, facts, await ApprovalRouting.OrgAsync(db, invoice.CompanyId, company, routed, ct));
        var now = db.Clock.GetUtcNow().UtcDateTime;
        invoice.PolicyVersionId = version.Id;
        invoice.ApprovalRound++;
        invoice.ApprovalNote = plan.Problem?.Message ?? (plan.Notes.Count > 0 ? string.Join(" ", plan.Notes) : null);
        if (plan.AutoApproved)
        {
            invoice.ApprovedAtUtc = now;
        }
        else if (plan.Problem is null)
        {
            var steps = ApprovalRouting.NewSteps(plan, invoice.CompanyId, invoice.ApprovalRound, now, s => s.InvoiceId = invoice.Id);
            db.ApprovalSteps.AddRange(steps);
            await ApprovalRouting.ActivateAsync(db, await SubjectAsync(db, invoice, ct), steps[0], policy.EscalateAfterBusinessDays, ct);
        }

        await CheckAsync(db, invoice, ct);
    }

    /// <summary>
    /// The header checks of a (tracked) non-PO invoice: waiting for approval, possible duplicate, blocked vendor. With
    /// none left it is ready to pay (<see cref="InvoiceMatching.ReadyAsync"/>).
    /// </summary>
    public static async Task CheckAsync(TandemDb db, Invoice invoice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(invoice);
        var (vendorBlocked, duplicateOf) = await InvoiceMatching.VendorAndDuplicateAsync(db, invoice, ct);
        var header = HeaderChecks.CheckWithoutOrder(invoice.ApprovedAtUtc is null ? await WaitingForAsync(db, invoice, ct) : null, vendorBlocked, duplicateOf);
        invoice.HeaderExceptions = string.Join(',', header.Exceptions.Select(e => JsonNames.Camel(e.ToString())));
        invoice.HeaderExplanation = header.Explanation;
        if (header.Exceptions.Count == 0)
        {
            await InvoiceMatching.ReadyAsync(db, invoice, null, ct);
        }
        else
        {
            invoice.Status = InvoiceStatus.Exception;
        }
    }

    /// <summary>Who the invoice waits for, in words: the pending step's undecided approvers, or why there are none.</summary>
    private static async Task<string> WaitingForAsync(TandemDb db, Invoice invoice, CancellationToken ct)
    {
        var step = db.ApprovalSteps.Local.FirstOrDefault(s => s.InvoiceId == invoice.Id && s.Round == invoice.ApprovalRound && s.Status == StepStatus.Pending)
            ?? await db.ApprovalSteps.Include(s => s.Approvers).FirstOrDefaultAsync(s => s.InvoiceId == invoice.Id && s.Round == invoice.ApprovalRound && s.Status == StepStatus.Pending, ct);
        if (step is null)
        {
            return $"nobody: {invoice.ApprovalNote ?? "the invoice approval policy names no approver"}";
        }

        var names = await Users.UserQueries.NamesAsync(db, step.Approvers.Where(a => a.Decision is null).Select(a => a.UserId), ct);
        return $"{string.Join(" or ", names.Values.Order(StringComparer.Ordinal))} ({step.RuleName})";
    }

    private static async Task<ApprovalSubject> SubjectAsync(TandemDb db, Invoice invoice, CancellationToken ct) =>
        ApprovalSubject.Of(invoice, await db.Vendors.Where(v => v.Id == invoice.VendorId).Select(v => v.LegalName).SingleAsync(ct));

    /// <summary>The undecided approvers of each invoice's pending step.</summary>
    public static async Task<Dictionary<Guid, List<Guid>>> PendingApproversAsync(TandemDb db, IReadOnlyCollection<Guid> invoiceIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (invoiceIds.Count == 0)
        {
            return [];
        }

        var rows = await db.ApprovalSteps.AsNoTracking().Where(s => s.InvoiceId != null && invoiceIds.Contains(s.InvoiceId.Value) && s.Status == StepStatus.Pending)
            .SelectMany(s => s.Approvers.Where(a => a.Decision == null), (s, a) => new { InvoiceId = s.InvoiceId!.Value, a.UserId }).ToListAsync(ct);
        return rows.GroupBy(r => r.InvoiceId).ToDictionary(g => g.Key, g => g.Select(r => r.UserId).Distinct().ToList());
    }

    /// <summary>
    /// Approve or reject (reason required) the pending step of a non-PO invoice, as one of its approvers or their
    /// delegate. The step's version lets exactly one of two simultaneous decisions count; the other is refused.
    /// </summary>
    public static async Task<Result<InvoiceResponse>> DecideAsync(TandemDb db, CurrentUser user, Guid id, Request request, CancellationToken ct)
    {
        var v = new Validator();
        var decision = v.Enum<Decision>(request.Decision, "decision");
        if (v.IsValid && decision == Decision.RequestChanges)
        {
            v.Add("decision", "invalid_value", "An invoice is approved or rejected; ask the vendor for a credit note to change it.");
        }

        var comment = decision == Decision.Reject ? v.Required(request.Comment, "comment", 2000) : v.Optional(request.Comment, "comment", 2000);
        if (!v.IsValid)
        {
            return Result<InvoiceResponse>.Failure(v.Errors);
        }

        var result = await Transactions.RunAsync<InvoiceResponse>(db, async () =>
        {
            var invoice = await db.Invoices.Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == id && i.CompanyId == user.CompanyId && i.PurchaseOrderId == null, ct);
            if (invoice is null)
            {
                return Error.NotFound("invoice.not_found", "No such invoice without a purchase order.");
            }

            if (invoice.CreatedById == user.UserId)
            {
                return Error.Forbidden("approval.own_request", "You captured this invoice; someone else approves it.");
            }

            var step = invoice.Status != InvoiceStatus.Exception ? null
                : await db.ApprovalSteps.Include(s => s.Approvers).SingleOrDefaultAsync(s => s.InvoiceId == id && s.Round == invoice.ApprovalRound && s.Status == StepStatus.Pending, ct);
            if (step is null)
            {
                return Error.Conflict("approval.not_pending",
                    $"Invoice {invoice.Number} is {JsonNames.Camel(invoice.Status.ToString())}: there is no decision waiting (someone may have decided just before you).");
            }

            var delegators = await Delegations.ActiveForAsync(db, user, await CompanyClock.TodayAsync(db, user.CompanyId, ct), ct);
            var assignment = step.OpenAssignmentFor(user.UserId, delegators);
            if (assignment is null)
            {
                return step.DecidedBy(user.UserId)
                    ? Error.Conflict("approval.already_decided", "You have already decided on this step.")
                    : Error.Forbidden("approval.not_your_step", $"Invoice {invoice.Number} waits for another approver: {step.Explanation}");
            }

            var now = db.Clock.GetUtcNow().UtcDateTime;
            (assignment.Decision, assignment.DecidedAtUtc, assignment.DecidedById, assignment.Comment) = (decision, now, user.UserId, comment);
            db.Entry(step).Property(s => s.Version).IsModified = true;
            await ApplyAsync(db, user, invoice, step, decision, comment, now, ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Error.Conflict("approval.not_pending", $"Someone decided on invoice {invoice.Number} just before you; reload it.");
            }

            return await InvoiceQueries.ResponseAsync(db, invoice, ct);
        }, ct);
        if (!result.IsSuccess && result.FirstError.Code is "approval.not_pending" or "approval.already_decided")
        {
            // A refused attempt changes nothing, but it is on the record: who tried what, and why it was refused.
            db.ChangeTracker.Clear();
            AuditWriter.Event(db, user.CompanyId, nameof(Invoice), id, "decisionRefused", new { decision = JsonNames.Camel(decision.ToString()), reason = result.FirstError.Code });
            await db.SaveChangesAsync(ct);
        }

        return result;
    }

    private static async Task ApplyAsync(TandemDb db, CurrentUser user, Invoice invoice, ApprovalStep step, Decision decision, string? comment, DateTime now, CancellationToken ct)
    {
        var waiting = await db.ApprovalSteps.Include(s => s.Approvers)
            .Where(s => s.InvoiceId == invoice.Id && s.Round == invoice.ApprovalRound && s.Status == StepStatus.Waiting).OrderBy(s => s.Sequence).ToListAsync(ct);
        var subject = await SubjectAsync(db, invoice, ct);
        if (decision == Decision.Approve)
        {
            if (!step.Approved)
            {
                await CheckAsync(db, invoice, ct);
                return;
            }

            step.Status = StepStatus.Approved;
            step.CompletedAtUtc = now;
            if (waiting.Count > 0)
            {
                await ApprovalRouting.ActivateAsync(db, subject, waiting[0], (await ApprovalRouting.PolicyOfAsync(db, subject, ct)).EscalateAfterBusinessDays, ct);
            }
            else
            {
                invoice.ApprovedAtUtc = now;
            }

            await CheckAsync(db, invoice, ct);
            return;
        }

        step.Status = StepStatus.Rejected;
        step.CompletedAtUtc = now;
        waiting.ForEach(s => s.Status = StepStatus.Closed);
        invoice.Status = InvoiceStatus.Rejected;
        invoice.ResolutionReason = comment;
        invoice.ResolvedById = user.UserId;
        await ApprovalRouting.TellAsync(db, subject, [invoice.CreatedById], $"{subject.Number} was rejected", $"{subject.Title} ({subject.Total}) was rejected: {comment}", ct);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/invoices/{id:guid}/approval", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                (await DecideAsync(db, user, id, request, ct)).ToOk(http))
            .RequireSignedIn(); // the approvers the policy names, whatever their role; checked against the step
}
