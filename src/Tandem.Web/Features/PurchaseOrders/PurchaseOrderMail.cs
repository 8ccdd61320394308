using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Purchasing;
using Tandem.Web.Features.Vendors;
using Tandem.Web.Platform.Audit;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Email;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>
/// Sends an order to the vendor through the outbox: the PDF attached, and — while it waits for the vendor's
/// confirmation — the signed link where the vendor confirms it. The recipient is the vendor's order contact (a contact whose role mentions orders or sales), else its first
/// contact with an e-mail; with none, the audit trail says the order was not sent so the buyer can send it by hand.
/// </summary>
public static class PurchaseOrderMail
{
    /// <summary>The order's vendor as <see cref="SendAsync"/> needs it: with its contacts and addresses, in one query.</summary>
    public static Task<Vendor> VendorAsync(TandemDb db, PurchaseOrder order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        return db.Vendors.AsNoTracking().Include(v => v.Contacts).Include(v => v.Addresses).AsSingleQuery().SingleAsync(v => v.Id == order.VendorId, ct);
    }

    /// <summary>Puts the order's mail in the outbox, or records why it could not be sent.</summary>
    /// <param name="vendor">The order's vendor from <see cref="VendorAsync"/>.</param>
    public static async Task SendAsync(TandemDb db, VendorLinks? links, PurchaseOrder order, Vendor vendor, string subject, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(vendor);
        var withMail = vendor.Contacts.Where(c => !string.IsNullOrWhiteSpace(c.Email)).ToList();
        var contact = withMail.FirstOrDefault(c => c.Role is { } r && (r.Contains("order", StringComparison.OrdinalIgnoreCase) || r.Contains("sales", StringComparison.OrdinalIgnoreCase)))
            ?? withMail.FirstOrDefault();
        if (contact is null)
        {
            AuditWriter.Event(db, order.CompanyId, nameof(PurchaseOrder), order.Id, "not_sent", new { reason = $"{vendor.LegalName} has no contact with an e-mail address." });
            return;
        }

        var document = await OrderDocument.LoadAsync(db, order, vendor, ct);
        var pdf = PurchaseOrderPdf.Render(document);
        var confirm = links is not null && PurchaseOrderLifecycle.CanAcknowledge(order.Status) ? $"\n\nPlease confirm the order here: {links.OrderUrl(order.Id)}" : "";
        var body = $"""
            Dear {contact.Name},

            {subject} {order.Number} from {document.CompanyName} is attached ({order.Lines.Count} lines, {new Domain.Money.Money(order.TotalMinor, document.Currency).ToAmountString()} {order.Currency}).{confirm}

            Quote {order.Number} on your delivery note and invoice.
            """;
        Outbox.Enqueue(db, order.CompanyId, contact.Email!, $"{subject} {order.Number} from {document.CompanyName}", body,
            new Outbox.File($"{order.Number}.pdf", "application/pdf", pdf));
    }
}
