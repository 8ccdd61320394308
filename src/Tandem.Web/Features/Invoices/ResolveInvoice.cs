using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices;

/// <summary>
/// Resolve an invoice in exception, with a reason that is recorded: a controller accepts the variance (the invoice
/// becomes ready to pay and actual spend), or an AP clerk or controller rejects the invoice (it no longer counts
/// against the order). Requesting a credit note or adjusting the invoice come with the full exceptions queue.
/// </summary>
public static class ResolveInvoice
{
    public static readonly string[] Accepters = [Role.Controller, Role.Admin];

    public sealed record Request(string? Reason);

    public static Task<Result<InvoiceResponse>> AcceptAsync(TandemDb db, CurrentUser user, Guid id, Request request, CancellationToken ct) =>
        ResolveAsync(db, user, id, request, accept: true, ct);

    public static Task<Result<InvoiceResponse>> RejectAsync(TandemDb db, CurrentUser user, Guid id, Request request, CancellationToken ct) =>
        ResolveAsync(db, user, id, request, accept: false, ct);

    private static Task<Result<InvoiceResponse>> ResolveAsync(TandemDb db, CurrentUser user, Guid id, Request request, bool accept, CancellationToken ct) =>
        Transactions.RunAsync(db, async () =>
        {
            var v = new Validator();
            var reason = v.Required(request.Reason, "reason", 2000);
            if (!v.IsValid)
            {
                return Result<InvoiceResponse>.Failure(v.Errors);
            }

            var invoice = await db.Invoices.Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == id && i.CompanyId == user.CompanyId, ct);
            if (invoice is null)
            {
                return Error.NotFound("invoice.not_found", "No such invoice.");
            }

            if (invoice.Status != InvoiceStatus.Exception)
            {
                return Error.Conflict("invoice.not_in_exception", $"Invoice {invoice.Number} is {JsonNames.Camel(invoice.Status.ToString())}; only invoices in exception are resolved.");
            }

            invoice.ResolutionReason = reason;
            invoice.ResolvedById = user.UserId;
            if (accept)
            {
                var order = await db.PurchaseOrders.Include(p => p.Lines).ThenInclude(l => l.Splits).AsSplitQuery().SingleAsync(p => p.Id == invoice.PurchaseOrderId, ct);
                foreach (var line in invoice.Lines.Where(l => l.Exceptions.Length > 0))
                {
                    line.MatchStatus = "accepted";
                }

                await InvoiceMatching.ReadyAsync(db, invoice, order, ct);
            }
            else
            {
                invoice.Status = InvoiceStatus.Rejected;
            }

            await db.SaveChangesAsync(ct);
            return InvoiceResponse.From(invoice);
        }, ct);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/invoices/{id:guid}/accept", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                (await AcceptAsync(db, user, id, request, ct)).ToOk(http))
            .RequireRoles(Accepters);
        api.MapPost("/invoices/{id:guid}/reject", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                (await RejectAsync(db, user, id, request, ct)).ToOk(http))
            .RequireRoles(CreateInvoice.Clerks);
    }
}
