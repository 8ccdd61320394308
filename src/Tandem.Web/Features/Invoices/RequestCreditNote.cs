using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Audit;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Email;

namespace Tandem.Web.Features.Invoices;

/// <summary>
/// Ask the vendor for a credit note for an invoice in exception (AP, buyers): an e-mail to the vendor's billing contact
/// with what does not match and why; the invoice waits, and the credit note, when it comes, is matched against it.
/// </summary>
public static class RequestCreditNote
{
    public sealed record Request(string? Reason);

    public static Task<Result<InvoiceResponse>> HandleAsync(TandemDb db, CurrentUser user, Guid id, Request request, CancellationToken ct) =>
        Transactions.RunAsync(db, async () =>
        {
            var loaded = await InvoiceMatching.StartResolutionAsync(db, user.CompanyId, id, request.Reason, ct);
            if (!loaded.IsSuccess)
            {
                return Result<InvoiceResponse>.Failure(loaded.Errors);
            }

            var (invoice, order) = loaded.Value;
            var vendor = await db.Vendors.AsNoTracking().Include(x => x.Contacts).SingleAsync(x => x.Id == invoice.VendorId, ct);
            var withMail = vendor.Contacts.Where(c => !string.IsNullOrWhiteSpace(c.Email)).ToList();
            var contact = withMail.FirstOrDefault(c => c.Role is { } r && (r.Contains("billing", StringComparison.OrdinalIgnoreCase) || r.Contains("account", StringComparison.OrdinalIgnoreCase)))
                ?? withMail.FirstOrDefault();
            if (contact is null)
            {
                return Error.Conflict("invoice.vendor_no_contact", $"{vendor.LegalName} has no contact with an e-mail address; add one to the vendor first.");
            }

            var currency = Currency.Of(invoice.Currency);
            var lines = string.Join('\n', invoice.Lines.Where(l => l.Exceptions.Length > 0).OrderBy(l => l.LineNo)
                .Select(l => $"- line {l.LineNo} ({l.Description}): {l.Explanation}"));
            var body = $"""
                Dear {contact.Name},

                Your invoice {invoice.Number} of {invoice.InvoiceDate:yyyy-MM-dd} ({new Money(invoice.TotalMinor, currency).ToAmountString()} {currency.Code}) {(order is null ? "(no purchase order)" : $"for our purchase order {order.Number}")} does not match what we ordered and received:
                {lines}
                {invoice.HeaderExplanation}

                {invoice.ResolutionReason}

                Please send a credit note that references invoice {invoice.Number}.
                """;
            Outbox.Enqueue(db, invoice.CompanyId, contact.Email!, $"Credit note requested: invoice {invoice.Number}{(order is null ? "" : $" (order {order.Number})")}", body);
            invoice.CreditRequestedAtUtc = db.Clock.GetUtcNow().UtcDateTime;
            AuditWriter.Event(db, invoice.CompanyId, nameof(Invoice), invoice.Id, "credit_requested", new { to = contact.Email, reason = invoice.ResolutionReason });
            await db.SaveChangesAsync(ct);
            return InvoiceResponse.From(invoice);
        }, ct);

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/invoices/{id:guid}/request-credit", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                (await HandleAsync(db, user, id, request, ct)).ToOk(http))
            .RequireRoles([.. CreateInvoice.Clerks, Domain.Organization.Role.Buyer]);
}
