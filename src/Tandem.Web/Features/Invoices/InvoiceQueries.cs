using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices;

public sealed record InvoiceLineResponse(Guid Id, int LineNo, Guid? PurchaseOrderLineId, string Description, string Quantity, string UnitPrice, MoneyDto Amount,
    string CreditedQuantity, MoneyDto Credited, string MatchStatus, IReadOnlyList<string> Exceptions, MoneyDto Variance, string OverQuantity, string Explanation,
    Guid? GlAccountId, Guid? CostCenterId, string CodingSource, int CodingConfidence, Guid? SuggestedGlAccountId);

/// <summary>How and when the invoice is paid: its terms, dates and discount, and the payment once confirmed.</summary>
public sealed record InvoicePaymentView(string Terms, DateOnly? DueDate, DateOnly? DiscountDate, MoneyDto Discount, string DiscountAnnualizedPercent,
    DateOnly? PaidOn, MoneyDto Paid, MoneyDto DiscountTaken);

/// <summary>A non-PO invoice's approval: the policy version, when it completed, what routing noted, and every step of every round.</summary>
public sealed record InvoiceApprovalView(int? PolicyVersion, DateTime? ApprovedAtUtc, string? Note, IReadOnlyList<Requisitions.StepResponse> Route);

public sealed record InvoiceResponse(Guid Id, string Kind, string Number, Guid VendorId, Guid? PurchaseOrderId, Guid? DepartmentId, Guid? CreditsInvoiceId, DateOnly InvoiceDate, DateOnly? DueDate, string Status,
    MoneyDto Subtotal, MoneyDto Charges, MoneyDto Tax, MoneyDto Total, MoneyDto Prepaid, MoneyDto Payable, IReadOnlyList<string> HeaderExceptions, string HeaderExplanation,
    Guid? PossibleDuplicateOfId, bool DuplicateCleared, DateTime? CreditRequestedAtUtc, string? ResolutionReason, IReadOnlyList<InvoiceLineResponse> Lines, InvoicePaymentView Payment, InvoiceApprovalView? Approval, int Version) : IVersionedResponse
{
    public static InvoiceResponse From(Invoice i, InvoiceApprovalView? approval = null)
    {
        ArgumentNullException.ThrowIfNull(i);
        var currency = Currency.Of(i.Currency);
        MoneyDto M(long minor) => MoneyDto.From(new Money(minor, currency));
        static string[] List(string csv) => csv.Split(',', StringSplitOptions.RemoveEmptyEntries);
        return new InvoiceResponse(i.Id, JsonNames.Camel(i.Kind.ToString()), i.Number, i.VendorId, i.PurchaseOrderId, i.DepartmentId, i.CreditsInvoiceId, i.InvoiceDate, i.DueDate, JsonNames.Camel(i.Status.ToString()),
            M(i.SubtotalMinor), M(i.ChargesMinor), M(i.TaxMinor), M(i.TotalMinor), M(i.PrepaidMinor), M(i.PayableMinor), List(i.HeaderExceptions), i.HeaderExplanation,
            i.PossibleDuplicateOfId, i.DuplicateCleared, i.CreditRequestedAtUtc, i.ResolutionReason,
            [.. i.Lines.OrderBy(l => l.LineNo).Select(l => new InvoiceLineResponse(l.Id, l.LineNo, l.PurchaseOrderLineId, l.Description, new Quantity(l.QuantityUnits).ToString(),
                new UnitPrice(l.UnitPriceMicros, currency).ToDecimal().ToString("0.00####", System.Globalization.CultureInfo.InvariantCulture), M(l.AmountMinor),
                new Quantity(l.CreditedUnits).ToString(), M(l.CreditedMinor), l.MatchStatus, List(l.Exceptions), M(l.VarianceMinor), new Quantity(l.OverUnits).ToString(), l.Explanation,
                l.GlAccountId, l.CostCenterId, l.CodingSource, l.CodingConfidenceBasisPoints / 100, l.SuggestedGlAccountId))],
            new InvoicePaymentView(i.Terms.ToString(), i.DueDate, i.DiscountDate, M(i.DiscountMinor), PercentText.Of(i.DiscountAnnualizedBasisPoints), i.PaidOn, M(i.PaidMinor), M(i.DiscountTakenMinor)),
            approval, i.Version);
    }
}

/// <summary>
/// Reading an invoice with its match results (AP clerks, controllers, admins) or, for a non-PO invoice, its approval
/// route — which the approvers it names (and their delegates) may read too.
/// </summary>
public static class InvoiceQueries
{
    public static async Task<Result<InvoiceResponse>> GetAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == id && i.CompanyId == user.CompanyId, ct);
        if (invoice is null || (!user.HasAnyRole(CreateInvoice.Clerks) && !await IsApproverAsync(db, user, invoice, ct)))
        {
            return Error.NotFound("invoice.not_found", "No such invoice.");
        }

        return await ResponseAsync(db, invoice, ct);
    }

    /// <summary>The caller (or someone who delegated to them today) is on a step of this non-PO invoice's approval.</summary>
    public static async Task<bool> IsApproverAsync(TandemDb db, CurrentUser user, Invoice invoice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(invoice);
        if (!invoice.IsNonPo)
        {
            return false;
        }

        var delegators = await Approvals.Delegations.ActiveForAsync(db, user, await CompanyClock.TodayAsync(db, user.CompanyId, ct), ct);
        return await db.ApprovalSteps.AnyAsync(s => s.InvoiceId == invoice.Id && s.Approvers.Any(a => a.UserId == user.UserId || delegators.Contains(a.UserId)), ct);
    }

    /// <summary>The invoice as the API shows it; a non-PO invoice with its approval.</summary>
    public static async Task<InvoiceResponse> ResponseAsync(TandemDb db, Invoice invoice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(invoice);
        if (!invoice.IsNonPo)
        {
            return InvoiceResponse.From(invoice);
        }

        var steps = await db.ApprovalSteps.AsNoTracking().Include(s => s.Approvers).Where(s => s.InvoiceId == invoice.Id).OrderBy(s => s.Round).ThenBy(s => s.Sequence).ToListAsync(ct);
        var names = await Users.UserQueries.NamesAsync(db, Requisitions.StepResponse.People(steps), ct);
        var policy = invoice.PolicyVersionId is { } pv ? await db.ApprovalPolicyVersions.Where(p => p.Id == pv).Select(p => (int?)p.Number).SingleAsync(ct) : null;
        return InvoiceResponse.From(invoice, new InvoiceApprovalView(policy, invoice.ApprovedAtUtc, invoice.ApprovalNote, [.. steps.Select(s => Requisitions.StepResponse.From(s, names))]));
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/invoices/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireSignedIn(); // accounts payable, or an approver of the (non-PO) invoice: checked in GetAsync
}
