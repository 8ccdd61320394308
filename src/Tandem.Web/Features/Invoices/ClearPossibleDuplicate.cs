using Tandem.Domain;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices;

/// <summary>
/// The soft duplicate rule flagged an invoice (same vendor and total, dated close to an earlier one); an AP clerk who
/// checked confirms it is a different invoice, with the reason recorded, and it is matched again.
/// </summary>
public static class ClearPossibleDuplicate
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
            if (invoice.PossibleDuplicateOfId is null || invoice.DuplicateCleared)
            {
                return Error.Conflict("invoice.not_possible_duplicate", $"Invoice {invoice.Number} is not flagged as a possible duplicate.");
            }

            invoice.DuplicateCleared = true;
            invoice.ResolvedById = user.UserId;
            await InvoiceMatching.RecheckAsync(db, invoice, order, ct);
            await db.SaveChangesAsync(ct);
            return InvoiceResponse.From(invoice);
        }, ct);

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/invoices/{id:guid}/not-duplicate", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                (await HandleAsync(db, user, id, request, ct)).ToOk(http))
            .RequireRoles(CreateInvoice.Clerks);
}
