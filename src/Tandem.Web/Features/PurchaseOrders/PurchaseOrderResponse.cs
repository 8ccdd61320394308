using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Money;
using Tandem.Domain.Purchasing;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

public sealed record PurchaseOrderLineResponse(
    Guid Id, int LineNo, Guid? RequisitionId, string? RequisitionNumber, Guid? RequisitionLineId, Guid? ItemId, Guid? OfferId, string Description,
    Guid? CategoryId, string Quantity, string Unit, string UnitPrice, MoneyDto Amount, string TaxRate, MoneyDto Tax, DateOnly? NeedBy, Guid? GlAccountId,
    string ReceiveBy, string Received, string Remaining, IReadOnlyList<SplitResponse> Splits);

public sealed record ReceiptRef(Guid Id, string Number, DateOnly ReceivedOn);

public sealed record RevisionResponse(
    int Number, string Status, string Reason, IReadOnlyList<string> Changes, MoneyDto SubtotalBefore, MoneyDto? SubtotalAfter, PersonRef By, DateTime AtUtc,
    Guid? ApprovalRequisitionId);

public sealed record PurchaseOrderResponse(
    Guid Id, string Number, PurchaseOrderStatus Status, string? StatusReason, Guid VendorId, string VendorName, PersonRef Buyer, string Currency,
    string RateToCompany, Guid? ShipToLocationId, Guid? BillToLocationId, string PaymentTerms, int PaymentNetDays, string? DiscountPercent, int PaymentDiscountDays,
    string? Incoterms, string? Notes, MoneyDto Subtotal, MoneyDto Tax, MoneyDto Total, MoneyDto CompanyTotal, IReadOnlyList<PurchaseOrderLineResponse> Lines,
    IReadOnlyList<ReceiptRef> Receipts, Guid? BlanketOrderId, bool OverrunPending, int Revision, IReadOnlyList<RevisionResponse> Revisions, DateTime CreatedAtUtc, DateTime? IssuedAtUtc, DateTime? AcknowledgedAtUtc, string? AcknowledgedBy, DateTime? ClosedAtUtc, int Version)
    : IVersionedResponse
{
    public static string Percent(long basisPoints) => ((decimal)basisPoints / 100).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Amount(ReceiveBy by, long value, Currency currency) =>
        by == ReceiveBy.Amount ? new Money(value, currency).ToAmountString() : new Quantity(value).ToString();

    /// <summary>A line's cost splits with what each is charged (the carried-over percentages or amounts as weights of the line's amount).</summary>
    public static IReadOnlyList<SplitResponse> SplitsOf(PurchaseOrderLine line, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(line);
        var splits = line.Splits.OrderBy(s => s.Position).ToList();
        var weights = splits.Select(s => s.PercentUnits ?? s.AmountMinor ?? 0).ToArray();
        var amount = new Money(line.AmountMinor, currency);
        var shares = weights.Sum() == 0 ? [.. splits.Select(_ => Money.Zero(currency))] : Allocation.ByWeights(amount, weights);
        return [.. splits.Select((s, i) => new SplitResponse(s.DepartmentId, s.LocationId, s.CostCenterId, s.GlAccountId, s.ProjectId,
            s.PercentUnits is { } pu ? ((decimal)pu / 10_000).ToString("0.####", CultureInfo.InvariantCulture) : null, MoneyDto.From(shares[i])))];
    }

    /// <summary>The order with its lines (requisition links, splits, what arrived), its receipts and its revisions: six queries.</summary>
    public static async Task<PurchaseOrderResponse> BuildAsync(TandemDb db, PurchaseOrder p, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(p);
        var requisitionIds = p.Lines.Select(l => l.RequisitionId).OfType<Guid>().Distinct().ToList();
        // The vendor's and the buyer's names and the requisitions' numbers in one round trip (ids are unique across tables).
        var labels = await db.Vendors.AsNoTracking().Where(v => v.Id == p.VendorId).Select(v => new { v.Id, Text = v.TradingName ?? v.LegalName })
            .Concat(db.Users.AsNoTracking().Where(u => u.Id == p.BuyerId).Select(u => new { u.Id, Text = u.DisplayName }))
            .Concat(db.Requisitions.AsNoTracking().Where(r => requisitionIds.Contains(r.Id)).Select(r => new { r.Id, Text = r.Number }))
            .ToDictionaryAsync(x => x.Id, x => x.Text, ct);
        var receipts = await db.Receipts.AsNoTracking().Where(r => r.PurchaseOrderId == p.Id).OrderBy(r => r.ReceivedOn).ThenBy(r => r.Number)
            .Select(r => new ReceiptRef(r.Id, r.Number, r.ReceivedOn)).ToListAsync(ct);
        var revisions = await db.PurchaseOrderRevisions.AsNoTracking().Where(r => r.PurchaseOrderId == p.Id).OrderBy(r => r.Number)
            .Select(r => new { Revision = r, By = db.Users.Where(u => u.Id == r.ById).Select(u => u.DisplayName).FirstOrDefault() ?? "" }).ToListAsync(ct);
        var company = await CompanyClock.CurrencyAsync(db, p.CompanyId, ct);
        var currency = Domain.Money.Currency.Of(p.Currency);
        MoneyDto M(long minor) => MoneyDto.From(new Money(minor, currency));
        RevisionResponse Revision(PurchaseOrderRevision r, string by) => new(r.Number, Platform.Api.JsonNames.Camel(r.Status.ToString()), r.Reason,
            r.Diff.Split('\n', StringSplitOptions.RemoveEmptyEntries), M(r.SubtotalBeforeMinor), r.Status == RevisionStatus.Applied ? M(r.SubtotalAfterMinor) : null,
            new PersonRef(r.ById, by), r.AtUtc, r.ApprovalRequisitionId);
        var companyTotal = Conversion.Convert(new Money(p.TotalMinor, currency), p.RateUnits, Organization.ExchangeRate.Scale, company);
        return new PurchaseOrderResponse(
            p.Id, p.Number, p.Status, p.StatusReason, p.VendorId, labels.GetValueOrDefault(p.VendorId, ""), new PersonRef(p.BuyerId, labels.GetValueOrDefault(p.BuyerId, "")), p.Currency,
            ((decimal)p.RateUnits / Organization.ExchangeRate.Scale).ToString("0.##########", CultureInfo.InvariantCulture), p.ShipToLocationId, p.BillToLocationId,
            p.Terms.ToString(), p.PaymentNetDays,
            p.PaymentDiscountBasisPoints == 0 ? null : Percent(p.PaymentDiscountBasisPoints), p.PaymentDiscountDays, p.Incoterms, p.Notes,
            M(p.SubtotalMinor), M(p.TaxMinor), M(p.TotalMinor), MoneyDto.From(companyTotal),
            [.. p.Lines.OrderBy(l => l.LineNo).Select(l => new PurchaseOrderLineResponse(
                l.Id, l.LineNo, l.RequisitionId, l.RequisitionId is { } r ? labels.GetValueOrDefault(r) : null, l.RequisitionLineId, l.ItemId, l.OfferId, l.Description,
                l.CategoryId, new Quantity(l.QuantityUnits).ToString(), l.Unit,
                new UnitPrice(l.UnitPriceMicros, currency).ToDecimal().ToString("0.00####", CultureInfo.InvariantCulture), M(l.AmountMinor),
                Percent(l.TaxRateBasisPoints), M(l.TaxMinor), l.NeedBy, l.GlAccountId, Platform.Api.JsonNames.Camel(l.ReceiveBy.ToString()),
                Amount(l.ReceiveBy, l.ReceivedNet, currency), Amount(l.ReceiveBy, Math.Max(0, l.Ordered - l.ReceivedNet), currency),
                SplitsOf(l, currency)))],
            receipts, p.BlanketOrderId, p.OverrunPending, p.Revision,
            [.. revisions.Select(x => Revision(x.Revision, x.By))],
            p.CreatedAtUtc, p.IssuedAtUtc, p.AcknowledgedAtUtc, p.AcknowledgedBy, p.ClosedAtUtc, p.Version);
    }
}
