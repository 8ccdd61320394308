using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices;

/// <summary>
/// Resolve an invoice in exception, with a reason that is recorded: a controller accepts the variance (the invoice
/// becomes ready to pay and actual spend) — only within their approval limit, and never for a blocked vendor — or an AP
/// clerk or controller rejects the invoice (it no longer counts against the order). The other resolutions are
/// <see cref="RequestCreditNote"/>, <see cref="AdjustInvoice"/> and <see cref="ClearPossibleDuplicate"/>.
/// </summary>
public static class ResolveInvoice
{
    public static readonly string[] Accepters = [Role.Controller, Role.Admin];

    public sealed record Request(string? Reason);

    public static Task<Result<InvoiceResponse>> AcceptAsync(TandemDb db, CurrentUser user, Guid id, Request request, CancellationToken ct) =>
        ResolveAsync(db, user, id, request, accept: true, ct);

    public static Task<Result<InvoiceResponse>> RejectAsync(TandemDb db, CurrentUser user, Guid id, Request request, CancellationToken ct) =>
        ResolveAsync(db, user, id, request, accept: false, ct);

    private static Task<Result<InvoiceResponse>> ResolveAsync(TandemDb db, CurrentUser user, Guid id, Request request, bool accept, CancellationToken ct) =>
        Transactions.RunAsync(db, async () =>
        {
            var loaded = await InvoiceMatching.StartResolutionAsync(db, user.CompanyId, id, request.Reason, ct);
            if (!loaded.IsSuccess)
            {
                return Result<InvoiceResponse>.Failure(loaded.Errors);
            }

            var (invoice, order) = loaded.Value;
            invoice.ResolvedById = user.UserId;
            if (accept)
            {
                if (invoice.HeaderExceptions.Contains("blockedVendor", StringComparison.Ordinal))
                {
                    return Error.Conflict("invoice.vendor_blocked", "The vendor is blocked: its invoices cannot be accepted for payment. Reject it, or have the vendor unblocked first.");
                }

                if (invoice.IsNonPo && invoice.ApprovedAtUtc is null)
                {
                    return Error.Conflict("invoice.awaiting_approval",
                        $"Invoice {invoice.Number} has no purchase order: the approvers its approval route names decide it ({invoice.HeaderExplanation}).");
                }

                if (await BeyondAuthorityAsync(db, user, invoice, ct) is { } refused)
                {
                    return refused;
                }

                foreach (var line in invoice.Lines.Where(l => l.Exceptions.Length > 0))
                {
                    line.MatchStatus = "accepted";
                }

                await InvoiceMatching.ReadyAsync(db, invoice, order, ct);
            }
            else
            {
                invoice.Status = InvoiceStatus.Rejected;
                await db.ApprovalSteps.Where(s => s.InvoiceId == invoice.Id && (s.Status == Approvals.StepStatus.Waiting || s.Status == Approvals.StepStatus.Pending))
                    .ForEachAsync(s => s.Status = Approvals.StepStatus.Closed, ct);
            }

            await db.SaveChangesAsync(ct);
            return InvoiceResponse.From(invoice);
        }, ct);

    /// <summary>
    /// The variance being accepted (price variance plus the amount billed beyond what may be billed), in the company
    /// currency at the order's rate, against the person's approval limit (no limit set: no cap).
    /// </summary>
    private static async Task<Error?> BeyondAuthorityAsync(TandemDb db, CurrentUser user, Invoice invoice, CancellationToken ct)
    {
        var limit = await db.Users.AsNoTracking().Where(u => u.Id == user.UserId).Select(u => new { u.ApprovalLimitMinor, u.ApprovalLimitCurrency }).SingleAsync(ct);
        if (limit.ApprovalLimitMinor is not { } limitMinor)
        {
            return null;
        }

        var currency = Currency.Of(invoice.Currency);
        var variance = invoice.Lines.Where(l => l.Exceptions.Length > 0)
            .Sum(l => Math.Abs(l.VarianceMinor) + LineAmount.Of(new Quantity(l.OverUnits), new UnitPrice(l.UnitPriceMicros, currency)).Minor);
        var company = await CompanyClock.CurrencyAsync(db, invoice.CompanyId, ct);
        var inCompany = invoice.Currency == company.Code ? variance : (long)((Int128)variance * invoice.RateUnits / Organization.ExchangeRate.Scale);
        var limitCurrency = Currency.TryFrom(limit.ApprovalLimitCurrency, out var c) ? c : company;
        var rates = await Organization.Rates.LatestAsync(db, invoice.CompanyId, await CompanyClock.TodayAsync(db, invoice.CompanyId, ct), ct);
        var cap = Organization.Rates.ToCompany(new Money(limitMinor, limitCurrency), company, rates)?.Minor ?? limitMinor;
        return inCompany <= cap ? null
            : Error.Forbidden("invoice.variance_beyond_limit",
                $"The variance is {new Money(inCompany, company).ToAmountString()} {company.Code}, beyond your approval limit of {new Money(cap, company).ToAmountString()} {company.Code}; someone with a higher limit must accept it.");
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/invoices/{id:guid}/accept", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                (await AcceptAsync(db, user, id, request, ct)).ToOk(http))
            .RequireRoles(Accepters);
        api.MapPost("/invoices/{id:guid}/reject", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                (await RejectAsync(db, user, id, request, ct)).ToOk(http))
            .RequireRoles(CreateInvoice.Clerks);
    }
}
