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
/// Enter a vendor invoice against a purchase order (AP clerks): number, date, lines against the order's lines
/// (quantity, unit price), tax. The same number from the same vendor written another way ("INV-00123", "inv 123") is
/// refused as a duplicate. The invoice is matched at once (<see cref="InvoiceMatching"/>).
/// </summary>
public static class CreateInvoice
{
    public static readonly string[] Clerks = [Role.ApClerk, Role.Controller, Role.Admin];

    public sealed record LineRequest(Guid? PurchaseOrderLineId, string? Quantity, string? UnitPrice);

    public sealed record Request(Guid? PurchaseOrderId, string? Number, string? InvoiceDate, string? Tax, IReadOnlyList<LineRequest>? Lines);

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

            if (request.PurchaseOrderId is null)
            {
                v.Add("purchaseOrderId", "required", "purchaseOrderId is required (invoices without an order come with the accounts-payable capability).");
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

            await OrderLocks.LockAsync(db, request.PurchaseOrderId, ct);
            var order = await db.PurchaseOrders.Include(p => p.Lines).ThenInclude(l => l.Splits).AsSplitQuery()
                .SingleOrDefaultAsync(p => p.Id == request.PurchaseOrderId && p.CompanyId == user.CompanyId, ct);
            if (order is null)
            {
                return Error.Validation("invoice.order_not_found", "No such purchase order.", "purchaseOrderId");
            }

            if (!PurchaseOrderLifecycle.CanReceive(order.Status))
            {
                return Error.Conflict("invoice.order_not_open", $"{order.Number} is {JsonNames.Camel(order.Status.ToString())}; invoices are entered against issued orders.", "purchaseOrderId");
            }

            var key = InvoiceNumbers.Key(number);
            if (await DuplicateAsync(db, user.CompanyId, order.VendorId, number, ct) is { } duplicate)
            {
                return duplicate;
            }

            var currency = Currency.Of(order.Currency);
            var tax = string.IsNullOrWhiteSpace(request.Tax) ? 0 : v.Money(new MoneyDto(request.Tax, currency.Code), "tax")?.Minor ?? 0;
            var now = db.Clock.GetUtcNow().UtcDateTime;
            var invoice = new Invoice
            {
                Id = Guid.CreateVersion7(now),
                CompanyId = user.CompanyId,
                VendorId = order.VendorId,
                Number = number,
                NumberKey = key,
                InvoiceDate = date!.Value,
                PurchaseOrderId = order.Id,
                RateUnits = order.RateUnits,
                Currency = currency.Code,
                CreatedById = user.UserId,
                CreatedAtUtc = now,
                Touched = true, // keyed by hand
                TaxMinor = tax,
            };
            var orderLines = order.Lines.ToDictionary(l => l.Id);
            for (var i = 0; i < lines.Count; i++)
            {
                var orderLine = lines[i].PurchaseOrderLineId is { } lineId ? orderLines.GetValueOrDefault(lineId) : null;
                var quantity = Required(v, v.Quantity(lines[i].Quantity, $"lines[{i}].quantity"), lines[i].Quantity, $"lines[{i}].quantity");
                var price = Required(v, v.UnitPrice(lines[i].UnitPrice, currency, $"lines[{i}].unitPrice"), lines[i].UnitPrice, $"lines[{i}].unitPrice");
                if (orderLine is null)
                {
                    v.Add($"lines[{i}].purchaseOrderLineId", "not_found", "No such line on this order.");
                }

                if (orderLine is not null && quantity is { } qty && price is { } unitPrice)
                {
                    invoice.Lines.Add(new InvoiceLine
                    {
                        Id = Guid.CreateVersion7(now),
                        InvoiceId = invoice.Id,
                        LineNo = i + 1,
                        PurchaseOrderLineId = orderLine.Id,
                        Description = orderLine.Description,
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
            return InvoiceResponse.From(invoice);
        }, ct);

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
