using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Invoicing;
using Tandem.Domain.Money;
using Tandem.Domain.Organization;
using Tandem.Domain.Purchasing;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices;

/// <summary>
/// Enter a vendor invoice (AP clerks): against a purchase order — number, date, lines against the order's lines
/// (quantity, unit price), tax — or, without one, the vendor, currency and department with lines described in words
/// (a non-PO invoice, approved through the invoice approval policy: <see cref="NonPoApproval"/>). The same number from
/// the same vendor written another way ("INV-00123", "inv 123") is refused as a duplicate. The invoice is matched (or
/// routed) at once (<see cref="InvoiceMatching"/>).
/// </summary>
public static class CreateInvoice
{
    public static readonly string[] Clerks = [Role.ApClerk, Role.Controller, Role.Admin];

    public sealed record LineRequest(Guid? PurchaseOrderLineId, string? Quantity, string? UnitPrice, string? Description = null);

    /// <summary>With <see cref="PurchaseOrderId"/> an invoice against that order; without it, <see cref="VendorId"/>, <see cref="Currency"/> and <see cref="DepartmentId"/> make a non-PO invoice.</summary>
    public sealed record Request(Guid? PurchaseOrderId, string? Number, string? InvoiceDate, string? Tax, IReadOnlyList<LineRequest>? Lines,
        Guid? VendorId = null, string? Currency = null, Guid? DepartmentId = null);

    public static Task<Result<InvoiceResponse>> HandleAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct) =>
        Transactions.RunAsync(db, async () =>
        {
            var v = new Validator();
            var number = v.Required(request.Number, "number", 50);
            var date = v.Date(request.InvoiceDate, "invoiceDate");
            if (string.IsNullOrWhiteSpace(request.InvoiceDate))
            {
                v.Add("invoiceDate", "required", "invoiceDate is required.");
            }

            var nonPo = request.PurchaseOrderId is null;
            if (nonPo)
            {
                RequireNonPo(v, request);
            }

            var lines = request.Lines ?? [];
            if (lines.Count == 0)
            {
                v.Add("lines", "required", "An invoice has at least one line.");
            }

            if (!v.IsValid)
            {
                return Result<InvoiceResponse>.Failure(v.Errors);
            }

            if (await Accounting.AccountingSetup.CheckOpenAsync(db, user.CompanyId, date!.Value, "invoiceDate", ct) is { } closed)
            {
                return closed;
            }

            var start = nonPo ? await NonPoHeaderAsync(db, user, request, date.Value, ct) : await OrderHeaderAsync(db, user, request, ct);
            if (!start.IsSuccess)
            {
                return Result<InvoiceResponse>.Failure(start.Errors);
            }

            var (invoice, order) = start.Value;
            if (await DuplicateAsync(db, user.CompanyId, invoice.VendorId, number, ct) is { } duplicate)
            {
                return duplicate;
            }

            var currency = Currency.Of(invoice.Currency);
            var now = db.Clock.GetUtcNow().UtcDateTime;
            invoice.Id = Ids.New(now);
            invoice.CompanyId = user.CompanyId;
            invoice.Number = number;
            invoice.NumberKey = InvoiceNumbers.Key(number);
            invoice.InvoiceDate = date.Value;
            invoice.CreatedById = user.UserId;
            invoice.CreatedAtUtc = now;
            invoice.Touched = true; // keyed by hand
            invoice.TaxMinor = string.IsNullOrWhiteSpace(request.Tax) ? 0 : v.Money(new MoneyDto(request.Tax, currency.Code), "tax")?.Minor ?? 0;
            var orderLines = order?.Lines.ToDictionary(l => l.Id) ?? [];
            for (var i = 0; i < lines.Count; i++)
            {
                var quantity = Required(v, v.Quantity(lines[i].Quantity, $"lines[{i}].quantity"), lines[i].Quantity, $"lines[{i}].quantity");
                var price = Required(v, v.UnitPrice(lines[i].UnitPrice, currency, $"lines[{i}].unitPrice"), lines[i].UnitPrice, $"lines[{i}].unitPrice");
                var orderLine = lines[i].PurchaseOrderLineId is { } lineId ? orderLines.GetValueOrDefault(lineId) : null;
                var description = nonPo ? v.Required(lines[i].Description, $"lines[{i}].description", 1000) : orderLine?.Description;
                if (!nonPo && orderLine is null)
                {
                    v.Add($"lines[{i}].purchaseOrderLineId", "not_found", "No such line on this order.");
                }

                if (description is not null && quantity is { } qty && price is { } unitPrice)
                {
                    invoice.Lines.Add(new InvoiceLine
                    {
                        Id = Ids.New(now),
                        InvoiceId = invoice.Id,
                        LineNo = i + 1,
                        PurchaseOrderLineId = orderLine?.Id,
                        Description = description,
                        QuantityUnits = qty.Units,
                        UnitPriceMicros = unitPrice.Micros,
                        AmountMinor = LineAmount.Of(qty, unitPrice).Minor,
                    });
                }
            }

            if (!v.IsValid)
            {
                return Result<InvoiceResponse>.Failure(v.Errors);
            }

            invoice.SubtotalMinor = invoice.Lines.Sum(l => l.AmountMinor);
            invoice.TotalMinor = invoice.SubtotalMinor + invoice.TaxMinor;
            invoice.PayableMinor = invoice.TotalMinor;
            db.Invoices.Add(invoice);
            await InvoiceMatching.FirstMatchAsync(db, invoice, order, ct);
            await db.SaveChangesAsync(ct);
            return await InvoiceQueries.ResponseAsync(db, invoice, ct);
        }, ct);

    private static void RequireNonPo(Validator v, Request request)
    {
        const string Why = " (an invoice without purchaseOrderId is a non-PO invoice)";
        if (request.VendorId is null)
        {
            v.Add("vendorId", "required", "vendorId is required" + Why + ".");
        }

        if (request.DepartmentId is null)
        {
            v.Add("departmentId", "required", "departmentId is required: whose spend it is and whose manager approves it" + Why + ".");
        }

        if (!Currency.TryFrom(request.Currency, out _))
        {
            v.Add("currency", "invalid_currency", "currency must be an ISO 4217 code" + Why + ".");
        }
    }

    /// <summary>The invoice's header from its order (locked, tracked with lines and splits), which must be open.</summary>
    private static async Task<Result<(Invoice, PurchaseOrder?)>> OrderHeaderAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct)
    {
        await OrderLocks.LockAsync(db, request.PurchaseOrderId, ct);
        var order = await OrderWithLines.SingleOrDefaultAsync(db, db.PurchaseOrders.Where(p => p.Id == request.PurchaseOrderId && p.CompanyId == user.CompanyId), ct);
        if (order is null)
        {
            return Error.Validation("invoice.order_not_found", "No such purchase order.", "purchaseOrderId");
        }

        if (!PurchaseOrderLifecycle.CanReceive(order.Status))
        {
            return Error.Conflict("invoice.order_not_open", $"{order.Number} is {JsonNames.Camel(order.Status.ToString())}; invoices are entered against issued orders.", "purchaseOrderId");
        }

        return (new Invoice { VendorId = order.VendorId, PurchaseOrderId = order.Id, RateUnits = order.RateUnits, Currency = order.Currency }, order);
    }

    /// <summary>A non-PO invoice's header: the vendor, its department, and the latest rate for its currency.</summary>
    private static async Task<Result<(Invoice, PurchaseOrder?)>> NonPoHeaderAsync(TandemDb db, CurrentUser user, Request request, DateOnly date, CancellationToken ct)
    {
        if (!await db.Vendors.AnyAsync(x => x.Id == request.VendorId && x.CompanyId == user.CompanyId, ct))
        {
            return Error.Validation("invoice.vendor_not_found", "No such vendor.", "vendorId");
        }

        var currency = Currency.Of(request.Currency!);
        var rate = await NonPoApproval.CaptureRateAsync(db, user.CompanyId, request.DepartmentId!.Value, currency, date, "departmentId", ct);
        return rate.IsSuccess
            ? (new Invoice { VendorId = request.VendorId!.Value, DepartmentId = request.DepartmentId, RateUnits = rate.Value, Currency = currency.Code }, null)
            : Result<(Invoice, PurchaseOrder?)>.Failure(rate.Errors);
    }

    /// <summary>The hard duplicate rule: the vendor already has an invoice with this number written any way (all years).</summary>
    public static async Task<Error?> DuplicateAsync(TandemDb db, Guid companyId, Guid vendorId, string number, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var key = InvoiceNumbers.Key(number);
        return await db.Invoices.AsNoTracking().Where(i => i.CompanyId == companyId && i.VendorId == vendorId && i.NumberKey == key).Select(i => i.Number).FirstOrDefaultAsync(ct) is { } earlier
            ? Error.Conflict("invoice.duplicate", $"This vendor's invoice {earlier} has the same number; {number} is refused as a duplicate.", "number")
            : null;
    }

    /// <summary>A parsed value that must be there: an error on <paramref name="field"/> when the text was empty.</summary>
    private static T? Required<T>(Validator v, T? value, string? text, string field)
        where T : struct
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            v.Add(field, "required", $"{field} is required.");
        }

        return value;
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/invoices", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await HandleAsync(db, user, request, ct)).ToCreated(http, i => $"/api/v1/invoices/{i.Id}"))
            .RequireRoles(Clerks);
}
