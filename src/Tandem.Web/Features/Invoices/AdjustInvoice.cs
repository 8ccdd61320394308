using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices;

/// <summary>
/// Correct an invoice in exception as the vendor agreed (AP): a line's quantity or unit price, with the reason; the
/// change is audited (before and after) and the invoice is matched again.
/// </summary>
public static class AdjustInvoice
{
    public sealed record LineRequest(Guid? InvoiceLineId, string? Quantity, string? UnitPrice);

    public sealed record Request(string? Reason, IReadOnlyList<LineRequest>? Lines);

    public static Task<Result<InvoiceResponse>> HandleAsync(TandemDb db, CurrentUser user, Guid id, Request request, CancellationToken ct) =>
        Transactions.RunAsync(db, async () =>
        {
            var lines = request.Lines ?? [];
            if (lines.Count == 0)
            {
                return Error.Validation("required", "Name at least one line to adjust.", "lines");
            }

            var loaded = await InvoiceMatching.StartResolutionAsync(db, user.CompanyId, id, request.Reason, ct);
            if (!loaded.IsSuccess)
            {
                return Result<InvoiceResponse>.Failure(loaded.Errors);
            }

            var (invoice, order) = loaded.Value;
            var v = new Validator();
            var currency = Currency.Of(invoice.Currency);
            for (var i = 0; i < lines.Count; i++)
            {
                var line = invoice.Lines.FirstOrDefault(l => l.Id == lines[i].InvoiceLineId);
                if (line is null)
                {
                    v.Add($"lines[{i}].invoiceLineId", "not_found", "No such line on this invoice.");
                    continue;
                }

                var quantity = lines[i].Quantity is null ? new Quantity(line.QuantityUnits) : v.Quantity(lines[i].Quantity, $"lines[{i}].quantity");
                var price = lines[i].UnitPrice is null ? new UnitPrice(line.UnitPriceMicros, currency) : v.UnitPrice(lines[i].UnitPrice, currency, $"lines[{i}].unitPrice");
                if (quantity is { } q && q.Units < line.CreditedUnits)
                {
                    v.Add($"lines[{i}].quantity", "below_credited", "A line cannot bill less than its credit notes took back.");
                }

                if (quantity is { } qty && price is { } unitPrice)
                {
                    line.QuantityUnits = qty.Units;
                    line.UnitPriceMicros = unitPrice.Micros;
                    line.AmountMinor = LineAmount.Of(qty, unitPrice).Minor;
                }
            }

            if (!v.IsValid)
            {
                return Result<InvoiceResponse>.Failure(v.Errors);
            }

            invoice.SubtotalMinor = invoice.Lines.Sum(l => l.AmountMinor);
            invoice.TotalMinor = invoice.SubtotalMinor + invoice.ChargesMinor + invoice.TaxMinor;
            invoice.PayableMinor = invoice.TotalMinor - invoice.PrepaidMinor;
            invoice.ResolvedById = user.UserId;
            await InvoiceMatching.RecheckAsync(db, invoice, order, ct);
            await db.SaveChangesAsync(ct);
            return InvoiceResponse.From(invoice);
        }, ct);

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/invoices/{id:guid}/adjust", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                (await HandleAsync(db, user, id, request, ct)).ToOk(http))
            .RequireRoles(CreateInvoice.Clerks);
}
