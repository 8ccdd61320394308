using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices;

/// <summary>
/// A credit note reduces the invoice it references, line by line (same order line): the invoice then bills less. If
/// the invoice was ready to pay, the order counts less as invoiced and the ledger's actual spend drops; if it waited in
/// exception, it is matched again with the reduced quantities (often resolving "quantity over received"). A non-PO
/// invoice's lines have no order line: the credit takes back from them in line order.
/// </summary>
public static class InvoiceCredits
{
    /// <summary>Applies an (unsaved, tracked) credit note to its invoice and order, in the caller's transaction.</summary>
    public static async Task<Error?> ApplyAsync(TandemDb db, Invoice credit, Invoice invoice, PurchaseOrder? order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(credit);
        ArgumentNullException.ThrowIfNull(invoice);
        if (invoice.Status == InvoiceStatus.Rejected)
        {
            return Error.Conflict("invoice.credit_on_rejected", $"Invoice {invoice.Number} was rejected; there is nothing to credit.");
        }

        foreach (var line in credit.Lines)
        {
            var billed = invoice.Lines.Where(l => l.PurchaseOrderLineId == line.PurchaseOrderLineId).OrderBy(l => l.LineNo).ToList();
            if (billed.Sum(l => l.NetUnits) < line.QuantityUnits)
            {
                return Error.Validation("invoice.credit_exceeds_invoice", $"Credit line {line.LineNo} takes back more than invoice {invoice.Number} billed for that order line.", $"lines[{line.LineNo - 1}].quantity");
            }

            var units = line.QuantityUnits;
            var amount = line.AmountMinor;
            foreach (var target in billed.Where(l => l.NetUnits > 0))
            {
                var take = Math.Min(units, target.NetUnits);
                var share = take == units ? amount : amount * take / Math.Max(1, line.QuantityUnits);
                target.CreditedUnits += take;
                target.CreditedMinor += share;
                units -= take;
                amount -= share;
                if (invoice.Status == InvoiceStatus.ReadyToPay && order is not null)
                {
                    order.Lines.Single(l => l.Id == target.PurchaseOrderLineId).InvoicedUnits -= take;
                }

                if (units == 0)
                {
                    break;
                }
            }
        }

        credit.CreditsInvoiceId = invoice.Id;
        credit.Status = InvoiceStatus.ReadyToPay;
        credit.ReadyAtUtc = db.Clock.GetUtcNow().UtcDateTime;
        foreach (var line in credit.Lines)
        {
            line.MatchStatus = "matched";
            line.Explanation = $"Credits invoice {invoice.Number}.";
        }

        if (invoice.Status == InvoiceStatus.ReadyToPay)
        {
            if (order is not null)
            {
                await BudgetLedger.ApplyAsync(db, LedgerDocument.Of(order), enforce: false, ct);
            }

            await BudgetLedger.ApplyAsync(db, LedgerDocument.Of(invoice, order), enforce: false, ct);
        }
        else
        {
            await InvoiceMatching.RecheckAsync(db, invoice, order, ct);
        }

        return null;
    }

    /// <summary>The vendor's invoice a credit note names (by number written any way), tracked with its lines.</summary>
    public static Task<Invoice?> FindAsync(TandemDb db, Guid companyId, Guid vendorId, string number, CancellationToken ct)
    {
        var key = Domain.Invoicing.InvoiceNumbers.Key(number);
        return db.Invoices.Include(i => i.Lines).SingleOrDefaultAsync(i => i.CompanyId == companyId && i.VendorId == vendorId && i.NumberKey == key && i.Kind == InvoiceKind.Invoice, ct);
    }
}
