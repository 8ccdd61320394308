using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Money;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Approvals;

/// <summary>A request waiting for the caller: why (the step's rule), for whom (a delegator), what it is, and by when.</summary>
public sealed record InboxItem(
    Guid RequisitionId, string Number, string Title, PersonRef Requester, MoneyDto Total, MoneyDto? CompanyTotal, IReadOnlyList<string> Flags,
    int Sequence, string Explanation, PersonRef? OnBehalfOf, DateTime? DueAtUtc, bool Overdue, IReadOnlyList<BudgetNote> Budget);

/// <summary>A non-PO invoice waiting for the caller: the vendor, department, amount, why (the step's rule) and by when.</summary>
public sealed record InvoiceInboxItem(
    Guid InvoiceId, string Number, string Vendor, string? Department, MoneyDto Total, DateOnly InvoiceDate, int Sequence, string Explanation, PersonRef? OnBehalfOf,
    DateTime? DueAtUtc, bool Overdue);

/// <summary>
/// The approval inbox: pending steps where the caller (or someone who delegated to them today) has not decided, each with
/// the budget lines the request would consume and what would remain.
/// </summary>
public static class ApprovalInbox
{
    /// <summary>The caller's inbox; with <paramref name="requisitionId"/>, only that request (is it waiting for me?).</summary>
    public static async Task<IReadOnlyList<InboxItem>> ListAsync(TandemDb db, CurrentUser user, CancellationToken ct, Guid? requisitionId = null)
    {
        var today = await CompanyClock.TodayAsync(db, user.CompanyId, ct);
        var delegators = await Delegations.ActiveForAsync(db, user, today, ct);
        var me = user.UserId;
        var rows = await db.ApprovalSteps.AsNoTracking()
            .Where(s => s.CompanyId == user.CompanyId && s.Status == StepStatus.Pending && (requisitionId == null || s.RequisitionId == requisitionId))
            .SelectMany(s => s.Approvers.Where(a => a.Decision == null && (a.UserId == me || delegators.Contains(a.UserId))), (s, a) => new { Step = s, a.UserId })
            .Join(db.Requisitions.AsNoTracking(), x => x.Step.RequisitionId, r => (Guid?)r.Id, (x, r) => new { x.Step, x.UserId, Requisition = r })
            .Where(x => x.Requisition.RequesterId != me)
            .OrderBy(x => x.Step.DueAtUtc).Take(500).ToListAsync(ct);
        var names = await UserQueries.NamesAsync(db, rows.SelectMany(r => new[] { r.UserId, r.Requisition.RequesterId }), ct);
        var company = (await CompanyClock.CurrencyAsync(db, user.CompanyId, ct)).Code;
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var budgets = await BudgetContext.ForAsync(db, user.CompanyId, [.. rows.Select(r => r.Requisition.Id).Distinct()], ct);
        return [.. rows.DistinctBy(r => r.Step.Id).Select(x => new InboxItem(
            x.Requisition.Id, x.Requisition.Number, x.Requisition.Title, new PersonRef(x.Requisition.RequesterId, names.GetValueOrDefault(x.Requisition.RequesterId, "")),
            MoneyDto.From(new Domain.Money.Money(x.Requisition.TotalMinor, Currency.Of(x.Requisition.Currency))), MoneyDto.From(x.Requisition.CompanyTotalMinor, company),
            [.. x.Requisition.Flags.Split(',', StringSplitOptions.RemoveEmptyEntries)], x.Step.Sequence, x.Step.Explanation,
            x.UserId == me ? null : new PersonRef(x.UserId, names.GetValueOrDefault(x.UserId, "")), x.Step.DueAtUtc, x.Step.DueAtUtc < now,
            budgets.GetValueOrDefault(x.Requisition.Id) ?? []))];
    }

    /// <summary>The non-PO invoices waiting for the caller (or someone who delegated to them today), soonest due first.</summary>
    public static async Task<IReadOnlyList<InvoiceInboxItem>> InvoicesAsync(TandemDb db, CurrentUser user, CancellationToken ct)
    {
        var today = await CompanyClock.TodayAsync(db, user.CompanyId, ct);
        var delegators = await Delegations.ActiveForAsync(db, user, today, ct);
        var me = user.UserId;
        var rows = await db.ApprovalSteps.AsNoTracking()
            .Where(s => s.CompanyId == user.CompanyId && s.Status == StepStatus.Pending && s.InvoiceId != null)
            .SelectMany(s => s.Approvers.Where(a => a.Decision == null && (a.UserId == me || delegators.Contains(a.UserId))), (s, a) => new { Step = s, a.UserId })
            .Join(db.Invoices.AsNoTracking(), x => x.Step.InvoiceId, i => i.Id, (x, i) => new { x.Step, x.UserId, Invoice = i })
            .Where(x => x.Invoice.CreatedById != me && x.Invoice.Status == Invoices.InvoiceStatus.Exception)
            .Select(x => new
            {
                x.Step,
                x.UserId,
                x.Invoice.Id,
                x.Invoice.Number,
                x.Invoice.TotalMinor,
                x.Invoice.Currency,
                x.Invoice.InvoiceDate,
                Vendor = db.Vendors.Where(v => v.Id == x.Invoice.VendorId).Select(v => v.LegalName).First(),
                Department = db.Departments.Where(d => d.Id == x.Invoice.DepartmentId).Select(d => d.Name).FirstOrDefault(),
            })
            .OrderBy(x => x.Step.DueAtUtc).Take(500).ToListAsync(ct);
        var names = await UserQueries.NamesAsync(db, rows.Select(r => r.UserId), ct);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        return [.. rows.DistinctBy(r => r.Step.Id).Select(x => new InvoiceInboxItem(
            x.Id, x.Number, x.Vendor, x.Department, MoneyDto.From(new Domain.Money.Money(x.TotalMinor, Currency.Of(x.Currency))), x.InvoiceDate, x.Step.Sequence,
            x.Step.Explanation, x.UserId == me ? null : new PersonRef(x.UserId, names.GetValueOrDefault(x.UserId, "")), x.Step.DueAtUtc, x.Step.DueAtUtc < now))];
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/approvals", async (TandemDb db, CurrentUser user, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, user, ct)))
            .RequireSignedIn();
        api.MapGet("/approvals/invoices", async (TandemDb db, CurrentUser user, CancellationToken ct) => TypedResults.Ok(await InvoicesAsync(db, user, ct)))
            .RequireSignedIn();
    }
}
