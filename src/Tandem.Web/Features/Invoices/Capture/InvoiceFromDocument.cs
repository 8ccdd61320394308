using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Invoicing;
using Tandem.Domain.Money;
using Tandem.Domain.Purchasing;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Features.Vendors;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices.Capture;

/// <summary>
/// Turns a received electronic invoice into an invoice: the vendor by any of the seller's identifiers (VAT id, legal
/// registration, electronic address), the order by the document's order reference, each line to its order line by the
/// line reference (or position). A credit note finds the invoice it references and reduces it. What cannot be found
/// leaves the document waiting with the reason ("unknown vendor", "order not found") for a clerk, who names the vendor
/// and the order — or, for an invoice that has none, the department: it becomes a non-PO invoice.
/// </summary>
public static class InvoiceFromDocument
{
    /// <summary>The vendor whose tax id equals one of the seller's identifiers (with or without a VAT country prefix).</summary>
    public static async Task<Vendor?> FindVendorAsync(TandemDb db, Guid companyId, ElectronicParty seller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(seller);
        var keys = seller.AllIdentifiers().Select(VendorNames.NormalizeTaxId).Where(k => k.Length > 0)
            .SelectMany(k => k.Length > 2 && char.IsLetter(k[0]) && char.IsLetter(k[1]) ? new[] { k, k[2..] } : [k]).Distinct().ToList();
        return keys.Count == 0 ? null : await db.Vendors.AsNoTracking().Where(v => v.CompanyId == companyId && v.TaxIdKey != null && keys.Contains(v.TaxIdKey)).OrderBy(v => v.Code).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Routes a (tracked) document: an invoice or an applied credit note when vendor and order are found, otherwise the
    /// document waits with its reason. <paramref name="orderId"/> is a clerk's choice of order when the reference did not
    /// find one; <paramref name="departmentId"/> a clerk's word that it has no order (a non-PO invoice of that department).
    /// </summary>
    public static async Task<Result<InvoiceDocument>> RouteAsync(TandemDb db, InvoiceDocument document, ElectronicInvoice e, Vendor? vendor, Guid? orderId, Guid? departmentId,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(e);
        if (vendor is null)
        {
            return Wait(document, InvoiceDocumentStatus.UnknownVendor, $"Unknown vendor: no vendor has the seller's identifiers ({string.Join(", ", e.Seller.AllIdentifiers().DefaultIfEmpty("none given"))}). Name the vendor, or add the tax id to a vendor.");
        }

        document.VendorId = vendor.Id;
        if (vendor.Status == VendorStatus.Blocked)
        {
            return Wait(document, InvoiceDocumentStatus.NoOrder, $"{vendor.LegalName} is blocked; its invoices are not accepted.");
        }

        if (await CreateInvoice.DuplicateAsync(db, document.CompanyId, vendor.Id, e.Number, ct) is { } duplicate)
        {
            return duplicate;
        }

        Invoice? credited = null;
        if (e.IsCreditNote)
        {
            credited = e.PrecedingInvoice is { } number ? await InvoiceCredits.FindAsync(db, document.CompanyId, vendor.Id, number, ct) : null;
            if (credited is null)
            {
                return Wait(document, InvoiceDocumentStatus.NoOrder, e.PrecedingInvoice is null
                    ? "The credit note names no invoice it credits (BillingReference)."
                    : $"The credit note credits invoice {e.PrecedingInvoice}, which {vendor.LegalName} has not sent us.");
            }

            orderId = credited.PurchaseOrderId;
            if (credited.IsNonPo && credited.Currency != e.Currency)
            {
                return Wait(document, InvoiceDocumentStatus.NoOrder, $"The credit note is in {e.Currency}, invoice {credited.Number} in {credited.Currency}.");
            }

            if (credited.IsNonPo)
            {
                return await CaptureAsync(db, document, e, vendor, null, credited, credited.RateUnits, credited.DepartmentId, ct);
            }
        }
        else if (departmentId is { } department && orderId is null)
        {
            var rate = await Invoices.NonPoApproval.CaptureRateAsync(db, document.CompanyId, department, Currency.Of(e.Currency), e.IssueDate, "departmentId", ct);
            if (!rate.IsSuccess)
            {
                return Result<InvoiceDocument>.Failure(rate.Errors);
            }

            return await CaptureAsync(db, document, e, vendor, null, null, rate.Value, department, ct);
        }

        orderId ??= e.OrderReference is { } reference
            ? await db.PurchaseOrders.Where(p => p.Number == reference && p.CompanyId == document.CompanyId && p.VendorId == vendor.Id).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct)
            : null;
        await OrderLocks.LockAsync(db, orderId, ct);
        var order = orderId is { } id
            ? await OrderWithLines.SingleOrDefaultAsync(db, db.PurchaseOrders.Where(p => p.Id == id && p.CompanyId == document.CompanyId && p.VendorId == vendor.Id), ct)
            : null;
        if (order is null)
        {
            return Wait(document, InvoiceDocumentStatus.NoOrder, e.OrderReference is null
                ? $"The invoice names no purchase order of {vendor.LegalName}; choose the order it bills."
                : $"{vendor.LegalName} has no purchase order {e.OrderReference}; choose the order it bills.");
        }

        if (!e.IsCreditNote && !PurchaseOrderLifecycle.CanReceive(order.Status))
        {
            return Wait(document, InvoiceDocumentStatus.NoOrder, $"{order.Number} is {order.Status.ToString().ToLowerInvariant()}; invoices are accepted against issued orders.");
        }

        if (order.Currency != e.Currency)
        {
            return Wait(document, InvoiceDocumentStatus.NoOrder, $"The invoice is in {e.Currency}, {order.Number} in {order.Currency}.");
        }

        return await CaptureAsync(db, document, e, vendor, order, credited, order.RateUnits, null, ct);
    }

    /// <summary>The invoice (or credit note of <paramref name="credited"/>) made, matched or routed; the document captured.</summary>
    private static async Task<Result<InvoiceDocument>> CaptureAsync(TandemDb db, InvoiceDocument document, ElectronicInvoice e, Vendor vendor, PurchaseOrder? order,
        Invoice? credited, long rateUnits, Guid? departmentId, CancellationToken ct)
    {
        var built = Build(document, e, vendor, order, rateUnits);
        if (!built.IsSuccess)
        {
            return Wait(document, InvoiceDocumentStatus.NoOrder, built.FirstError.Message);
        }

        var invoice = built.Value;
        invoice.DepartmentId = departmentId;
        db.Invoices.Add(invoice);
        if (credited is not null)
        {
            if (await InvoiceCredits.ApplyAsync(db, invoice, credited, order, ct) is { } refused)
            {
                return refused;
            }
        }
        else
        {
            await InvoiceMatching.FirstMatchAsync(db, invoice, order, ct);
        }

        document.InvoiceId = invoice.Id;
        document.Status = InvoiceDocumentStatus.Captured;
        document.Reason = "";
        return document;
    }

    private static InvoiceDocument Wait(InvoiceDocument document, InvoiceDocumentStatus status, string reason)
    {
        document.Status = status;
        document.Reason = reason;
        return document;
    }

    /// <summary>
    /// The invoice (or credit note) with each line on its order line (none without an order); amounts exactly as the
    /// vendor stated them.
    /// </summary>
    private static Result<Invoice> Build(InvoiceDocument document, ElectronicInvoice e, Vendor vendor, PurchaseOrder? order, long rateUnits)
    {
        if (e.Number.Length > 50)
        {
            return Error.Validation("invoice.number_too_long", $"The invoice number has {e.Number.Length} characters; Tandem keeps at most 50.");
        }

        var currency = Currency.Of(e.Currency);
        var now = document.ReceivedAtUtc;
        var invoice = new Invoice
        {
            Id = Ids.New(now),
            CompanyId = document.CompanyId,
            VendorId = vendor.Id,
            Kind = e.IsCreditNote ? InvoiceKind.CreditNote : InvoiceKind.Invoice,
            Number = e.Number,
            NumberKey = InvoiceNumbers.Key(e.Number),
            InvoiceDate = e.IssueDate,
            PurchaseOrderId = order?.Id,
            RateUnits = rateUnits,
            Currency = currency.Code,
            CreatedById = document.ReceivedById,
            CreatedAtUtc = now,
        };
        var orderLines = order?.Lines.OrderBy(l => l.LineNo).ToList() ?? [];
        var byNumber = orderLines.ToDictionary(l => l.LineNo.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (var i = 0; i < e.Lines.Count; i++)
        {
            var line = e.Lines[i];
            var orderLine = order is null ? null
                : line.OrderLineReference is { } reference ? byNumber.GetValueOrDefault(reference)
                : i < orderLines.Count ? orderLines[i] : null;
            if (order is not null && orderLine is null)
            {
                return Error.Validation("invoice.line_unmatched", $"Invoice line {line.Id} refers to order line {line.OrderLineReference ?? "(none)"}, which {order.Number} does not have.");
            }

            if (line.Quantity <= 0 || !Quantity.TryFromDecimal(line.Quantity, out var quantity))
            {
                return Error.Validation("invoice.line_quantity", $"Invoice line {line.Id} has quantity {line.Quantity}; Tandem matches positive quantities of up to {Quantity.Decimals} decimals.");
            }

            if (!Minor(line.Amount, currency, out var amount))
            {
                return Error.Validation("invoice.line_amount", $"Invoice line {line.Id}: {line.Amount} has more decimals than {currency.Code} allows.");
            }

            invoice.Lines.Add(new InvoiceLine
            {
                Id = Ids.New(now),
                InvoiceId = invoice.Id,
                LineNo = i + 1,
                PurchaseOrderLineId = orderLine?.Id,
                Description = line.Name.Length > 1000 ? line.Name[..1000] : line.Name,
                QuantityUnits = quantity.Units,
                UnitPriceMicros = (long)Math.Round(line.UnitPrice * UnitPrice.Scale, MidpointRounding.AwayFromZero),
                AmountMinor = amount,
            });
        }

        if (!Minor(e.LineTotal, currency, out var subtotal) || !Minor(e.ChargeTotal - e.AllowanceTotal, currency, out var charges) || !Minor(e.Tax, currency, out var tax)
            || !Minor(e.Prepaid, currency, out var prepaid) || !Minor(e.Payable, currency, out var payable))
        {
            return Error.Validation("invoice.amount_precision", $"An amount has more decimals than {currency.Code} allows.");
        }

        invoice.SubtotalMinor = subtotal;
        invoice.ChargesMinor = charges;
        invoice.TaxMinor = tax;
        invoice.TotalMinor = subtotal + charges + tax;
        invoice.PrepaidMinor = prepaid;
        invoice.PayableMinor = payable;
        return invoice;
    }

    /// <summary>A decimal amount in minor units of the currency, when it has no more decimals than the currency allows.</summary>
    public static bool Minor(decimal amount, Currency currency, out long minor)
    {
        var scaled = amount * currency.MinorPerMajor;
        minor = scaled == decimal.Truncate(scaled) && Math.Abs(scaled) < long.MaxValue ? (long)scaled : 0;
        return scaled == decimal.Truncate(scaled);
    }
}
