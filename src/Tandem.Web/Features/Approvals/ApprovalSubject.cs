using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Approvals;
using Tandem.Domain.Money;
using Tandem.Web.Features.Invoices;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Platform.Data;
using Money = Tandem.Domain.Money.Money;

namespace Tandem.Web.Features.Approvals;

/// <summary>
/// What an approval step approves, as its messages, deadlines and escalations need it: a requisition, or an invoice
/// without a purchase order. <paramref name="RequesterId"/> is who asked (never their own approver);
/// <paramref name="PolicyVersionId"/> the policy version it was routed with.
/// </summary>
public sealed record ApprovalSubject(Guid CompanyId, string Number, string Title, string Total, string Link, Guid RequesterId, Guid? PolicyVersionId)
{
    public static ApprovalSubject Of(Requisition requisition)
    {
        ArgumentNullException.ThrowIfNull(requisition);
        return new(requisition.CompanyId, requisition.Number, requisition.Title, RouteEngine.Format(new Money(requisition.TotalMinor, Currency.Of(requisition.Currency))),
            $"/Requisitions/Detail/{requisition.Id}", requisition.RequesterId, requisition.PolicyVersionId);
    }

    public static ApprovalSubject Of(Invoice invoice, string vendorName)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return new(invoice.CompanyId, $"Invoice {invoice.Number}", $"Non-PO invoice {invoice.Number} from {vendorName}",
            RouteEngine.Format(new Money(invoice.TotalMinor, Currency.Of(invoice.Currency))), $"/Invoices/Detail?id={invoice.Id}", invoice.CreatedById, invoice.PolicyVersionId);
    }

    /// <summary>The subject of a step: its requisition or its invoice.</summary>
    public static async Task<ApprovalSubject> OfStepAsync(TandemDb db, ApprovalStep step, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(step);
        if (step.RequisitionId is { } requisitionId)
        {
            return Of(await db.Requisitions.AsNoTracking().SingleAsync(r => r.Id == requisitionId, ct));
        }

        var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == step.InvoiceId, ct);
        return Of(invoice, await db.Vendors.Where(v => v.Id == invoice.VendorId).Select(v => v.LegalName).SingleAsync(ct));
    }
}
