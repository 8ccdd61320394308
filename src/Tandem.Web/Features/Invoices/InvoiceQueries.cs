using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices;

public sealed record InvoiceLineResponse(Guid Id, int LineNo, Guid PurchaseOrderLineId, string Description, string Quantity, string UnitPrice, MoneyDto Amount,
    string CreditedQuantity, MoneyDto Credited, string MatchStatus, IReadOnlyList<string> Exceptions, MoneyDto Variance, string OverQuantity, string Explanation,
    Guid? GlAccountId, Guid? CostCenterId, string CodingSource, int CodingConfidence, Guid? SuggestedGlAccountId);

/// <summary>How and when the invoice is paid: its terms, dates and discount, and the payment once confirmed.</summary>
public sealed record InvoicePaymentView(string Terms, DateOnly? DueDate, DateOnly? DiscountDate, MoneyDto Discount, string DiscountAnnualizedPercent,
    DateOnly? PaidOn, MoneyDto Paid, MoneyDto DiscountTaken);

public sealed record InvoiceResponse(Guid Id, string Kind, string Number, Guid VendorId, Guid PurchaseOrderId, Guid? CreditsInvoiceId, DateOnly InvoiceDate, DateOnly? DueDate, string Status,
    MoneyDto Subtotal, MoneyDto Charges, MoneyDto Tax, MoneyDto Total, MoneyDto Prepaid, MoneyDto Payable, IReadOnlyList<string> HeaderExceptions, string HeaderExplanation,
    Guid? PossibleDuplicateOfId, bool DuplicateCleared, DateTime? CreditRequestedAtUtc, string? ResolutionReason, IReadOnlyList<InvoiceLineResponse> Lines, InvoicePaymentView Payment, int Version) : IVersionedResponse
{
    public static InvoiceResponse From(Invoice i)
    {
        ArgumentNullException.ThrowIfNull(i);
        var currency = Currency.Of(i.Currency);
        MoneyDto M(long minor) => MoneyDto.From(new Money(minor, currency));
        static string[] List(string csv) => csv.Split(',', StringSplitOptions.RemoveEmptyEntries);
        return new InvoiceResponse(i.Id, JsonNames.Camel(i.Kind.ToString()), i.Number, i.VendorId, i.PurchaseOrderId, i.CreditsInvoiceId, i.InvoiceDate, i.DueDate, JsonNames.Camel(i.Status.ToString()),
            M(i.SubtotalMinor), M(i.ChargesMinor), M(i.TaxMinor), M(i.TotalMinor), M(i.PrepaidMinor), M(i.PayableMinor), List(i.HeaderExceptions), i.HeaderExplanation,
            i.PossibleDuplicateOfId, i.DuplicateCleared, i.CreditRequestedAtUtc, i.ResolutionReason,
            [.. i.Lines.OrderBy(l => l.LineNo).Select(l => new InvoiceLineResponse(l.Id, l.LineNo, l.PurchaseOrderLineId, l.Description, new Quantity(l.QuantityUnits).ToString(),
                new UnitPrice(l.UnitPriceMicros, currency).ToDecimal().ToString("0.00####", System.Globalization.CultureInfo.InvariantCulture), M(l.AmountMinor),
                new Quantity(l.CreditedUnits).ToString(), M(l.CreditedMinor), l.MatchStatus, List(l.Exceptions), M(l.VarianceMinor), new Quantity(l.OverUnits).ToString(), l.Explanation,
                l.GlAccountId, l.CostCenterId, l.CodingSource, l.CodingConfidenceBasisPoints / 100, l.SuggestedGlAccountId))],
            new InvoicePaymentView(i.Terms.ToString(), i.DueDate, i.DiscountDate, M(i.DiscountMinor), PercentText.Of(i.DiscountAnnualizedBasisPoints), i.PaidOn, M(i.PaidMinor), M(i.DiscountTakenMinor)),
            i.Version);
    }
}

/// <summary>Reading an invoice with its match results (AP clerks, controllers, admins).</summary>
public static class InvoiceQueries
{
    public static async Task<Result<InvoiceResponse>> GetAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
        await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == id && i.CompanyId == user.CompanyId, ct) is { } invoice
            ? InvoiceResponse.From(invoice) : Error.NotFound("invoice.not_found", "No such invoice.");

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/invoices/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireRoles(CreateInvoice.Clerks);
}
