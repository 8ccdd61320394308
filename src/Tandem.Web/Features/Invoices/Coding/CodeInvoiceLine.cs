using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices.Coding;

/// <summary>
/// AP sets an invoice line's GL account — accepting a suggestion or overriding any coding. The change is audited, it
/// becomes training data for the classifier, and an invoice already ready to pay moves its actual spend to the account.
/// </summary>
public static class CodeInvoiceLine
{
    public sealed record Request(Guid? GlAccountId, Guid? CostCenterId);

    public static Task<Result<InvoiceResponse>> HandleAsync(TandemDb db, CurrentUser user, Guid invoiceId, Guid lineId, Request request, CancellationToken ct) =>
        Transactions.RunAsync<InvoiceResponse>(db, async () =>
        {
            if (request.GlAccountId is not { } account || !await db.GlAccounts.AnyAsync(g => g.Id == account && g.CompanyId == user.CompanyId && g.IsActive, ct))
            {
                return Error.Validation("invoice.gl_account", "Choose an active GL account.", "glAccountId");
            }

            if (request.CostCenterId is { } costCenter && !await db.CostCenters.AnyAsync(c => c.Id == costCenter && c.CompanyId == user.CompanyId && c.IsActive, ct))
            {
                return Error.Validation("invoice.cost_center", "No such active cost center.", "costCenterId");
            }

            var invoice = await db.Invoices.Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == invoiceId && i.CompanyId == user.CompanyId, ct);
            var line = invoice?.Lines.SingleOrDefault(l => l.Id == lineId);
            if (invoice is null || line is null)
            {
                return Error.NotFound("invoice.line_not_found", "No such invoice line.");
            }

            if (invoice.Status == InvoiceStatus.Rejected)
            {
                return Error.Conflict("invoice.rejected", $"Invoice {invoice.Number} was rejected.");
            }

            line.GlAccountId = account;
            line.CostCenterId = request.CostCenterId ?? line.CostCenterId;
            line.CodingSource = "manual";
            line.CodingConfidenceBasisPoints = 10_000;
            invoice.Touched = true;
            await InvoiceCoding.LearnAsync(db, invoice, [line], ct);
            if (invoice.Status == InvoiceStatus.ReadyToPay)
            {
                var order = await PurchaseOrders.OrderLocks.LoadLockedAsync(db, invoice.PurchaseOrderId, ct);
                await BudgetLedger.ApplyAsync(db, LedgerDocument.Of(invoice, order), enforce: false, ct);
            }

            await db.SaveChangesAsync(ct);
            return InvoiceResponse.From(invoice);
        }, ct);

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/invoices/{id:guid}/lines/{lineId:guid}/coding", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, Guid lineId, Request request, CancellationToken ct) =>
                (await HandleAsync(db, user, id, lineId, request, ct)).ToOk(http))
            .RequireRoles(CreateInvoice.Clerks);
}
