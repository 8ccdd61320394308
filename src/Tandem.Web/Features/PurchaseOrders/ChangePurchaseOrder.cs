using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Domain.Purchasing;
using Tandem.Web.Features.Approvals;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>
/// A change order on an order in progress: quantities, prices, dates and tax rates changed, lines removed, approved
/// requisition lines added — without cancelling it. Quantities below what arrived are refused. An issued order gets a
/// new revision (number, diff, who, why) and the vendor the revised PDF. Growth of the existing lines beyond the
/// approval policy's tolerance (against the subtotal last approved) is not applied: it becomes a change request routed
/// like any request, and the revision applies when that is approved (<see cref="ChangeOrderApproval"/>).
/// </summary>
public static class ChangePurchaseOrder
{
    public sealed record LineRequest(Guid? LineId, string? Quantity, string? UnitPrice, string? NeedBy, string? TaxRate, bool? Remove);

    public sealed record Request(string? Reason, IReadOnlyList<LineRequest>? Lines, IReadOnlyList<CreatePurchaseOrder.LineRequest>? Add);

    /// <summary>What a revision stores: the change and, when it needs approval, which order line each change-request line grows.</summary>
    public sealed record Stored(ChangeOrder Change, Dictionary<Guid, Guid> ApprovalLines);

    public static Task<Result<PurchaseOrderResponse>> HandleAsync(TandemDb db, CurrentUser user, VendorLinks links, Guid id, Request request, CancellationToken ct) =>
        Transactions.RunAsync(db, async () =>
        {
            var loaded = await PurchaseOrderAccess.LoadToChangeAsync(db, user, id, ct);
            if (!loaded.IsSuccess)
            {
                return Result<PurchaseOrderResponse>.Failure(loaded.Errors);
            }

            var order = loaded.Value;
            var v = new Validator();
            var reason = v.Required(request.Reason, "reason", 2000);
            var change = Parse(v, request, Currency.Of(order.Currency));
            if (!v.IsValid)
            {
                return Result<PurchaseOrderResponse>.Failure(v.Errors);
            }

            if (!PurchaseOrderLifecycle.CanChange(order.Status))
            {
                return Error.Conflict("changeOrder.not_changeable", $"A purchase order that is {JsonNames.Camel(order.Status.ToString())} cannot be changed.");
            }

            if (await db.PurchaseOrderRevisions.AnyAsync(r => r.PurchaseOrderId == id && r.Status == RevisionStatus.PendingApproval, ct))
            {
                return Error.Conflict("changeOrder.pending", "An earlier change to this order is waiting for approval; wait for it (or cancel its change request) first.");
            }

            var lineIds = order.Lines.Select(l => l.Id).ToList();
            var received = (await db.ReceiptLines.Where(r => lineIds.Contains(r.PurchaseOrderLineId)).Select(r => r.PurchaseOrderLineId).Distinct().ToListAsync(ct)).ToHashSet();
            var outcome = change.Preview(order, received);
            if (outcome.Errors.Count > 0)
            {
                return Result<PurchaseOrderResponse>.Failure(outcome.Errors);
            }

            if (outcome.Diff.Count == 0 && change.Additions.Count == 0)
            {
                return Error.Validation("changeOrder.nothing_changed", "Nothing changed: give a new quantity, price, date or tax rate, remove a line or add one.", "lines");
            }

            var revision = new PurchaseOrderRevision
            {
                Id = Ids.New(db.Clock.GetUtcNow()),
                CompanyId = order.CompanyId,
                PurchaseOrderId = order.Id,
                Number = await db.PurchaseOrderRevisions.CountAsync(r => r.PurchaseOrderId == id, ct) + 1,
                Reason = reason,
                Diff = string.Join('\n', outcome.Diff),
                SubtotalBeforeMinor = order.SubtotalMinor,
                ById = user.UserId,
                AtUtc = db.Clock.GetUtcNow().UtcDateTime,
                Status = RevisionStatus.Applied,
            };
            var needsApproval = await NeedsApprovalAsync(db, order, outcome.ExistingSubtotalMinor, ct);
            if (needsApproval && change.Additions.Count > 0)
            {
                return Error.Validation("changeOrder.add_separately", "This change needs approval; add lines in a change of their own.", "add");
            }

            var refused = needsApproval
                ? await ChangeOrderApproval.RequestAsync(db, user, links, order, revision, change, outcome, ct)
                : await ApplyAsync(db, links, order, revision, change, growthApproved: false, [], ct);
            return refused is null ? await PurchaseOrderResponse.BuildAsync(db, order, ct) : refused;
        }, ct);

    /// <summary>
    /// Applies a change to the tracked order and saves: lines and totals, the requests whose lines moved (and
    /// <paramref name="alsoRefresh"/>), the order's budget rows (growth of a change applied at once is checked against
    /// block-mode budgets; approved growth was checked by its request), the revision (a draft keeps no revision), and the
    /// revised PDF to the vendor.
    /// </summary>
    public static async Task<Error?> ApplyAsync(
        TandemDb db, VendorLinks? links, PurchaseOrder order, PurchaseOrderRevision revision, ChangeOrder change, bool growthApproved, IReadOnlyList<Requisition> alsoRefresh, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(revision);
        ArgumentNullException.ThrowIfNull(change);
        var moved = await change.ApplyAsync(db, order, ct);
        if (!moved.IsSuccess)
        {
            return moved.FirstError;
        }

        revision.Diff = string.Join('\n', revision.Diff.Split('\n', StringSplitOptions.RemoveEmptyEntries).Concat(change.AddedDiff(order)));
        revision.Status = RevisionStatus.Applied;
        revision.SubtotalAfterMinor = order.SubtotalMinor;
        revision.DecidedAtUtc = db.Clock.GetUtcNow().UtcDateTime;
        var issued = order.IssuedAtUtc is not null;
        if (issued)
        {
            order.Revision = revision.Number;
            revision.ChangeJson = revision.ChangeJson.Length > 0 ? revision.ChangeJson : JsonSerializer.Serialize(new Stored(change, []));
            if (db.Entry(revision).State == EntityState.Detached)
            {
                db.PurchaseOrderRevisions.Add(revision);
            }
        }

        if (growthApproved || !issued)
        {
            order.ApprovedSubtotalMinor = order.SubtotalMinor;
        }

        await RequisitionProgress.RefreshAsync(db, [.. moved.Value, .. alsoRefresh], linesMoved: true, ct);
        await db.SaveChangesAsync(ct);
        var budget = await BudgetLedger.ApplyAsync(db, LedgerDocument.Of(order), enforce: !growthApproved, ct);
        if (!budget.IsSuccess)
        {
            return budget.FirstError;
        }

        await Invoices.InvoiceMatching.RematchAsync(db, order, ct); // a changed price or quantity may resolve (or explain) a waiting invoice
        if (issued)
        {
            await PurchaseOrderMail.SendAsync(db, links, order, await PurchaseOrderMail.VendorAsync(db, order, ct), $"Revised (revision {order.Revision}) purchase order", ct);
        }

        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Whether the existing lines grow beyond the approval policy's tolerance, in the company currency at the order's rate.</summary>
    private static async Task<bool> NeedsApprovalAsync(TandemDb db, PurchaseOrder order, long existingSubtotalMinor, CancellationToken ct)
    {
        if (order.IssuedAtUtc is null)
        {
            return false; // a draft's lines were approved as requested; it is simply edited
        }

        var company = await CompanyClock.CurrencyAsync(db, order.CompanyId, ct);
        var (_, policy) = await ApprovalRouting.CurrentAsync(db, order.CompanyId, PolicyKind.Requisition, company, ct);
        var currency = Currency.Of(order.Currency);
        Money InCompany(long minor) => Conversion.Convert(new Money(minor, currency), order.RateUnits, ExchangeRate.Scale, company);
        return policy.Tolerance.NeedsReapproval(InCompany(order.ApprovedSubtotalMinor), InCompany(existingSubtotalMinor));
    }

    private static ChangeOrder Parse(Validator v, Request request, Currency currency)
    {
        var lines = new List<LineChange>();
        var requested = request.Lines ?? [];
        for (var i = 0; i < requested.Count; i++)
        {
            var r = requested[i];
            var field = $"lines[{i}]";
            if (r.LineId is null)
            {
                v.Add($"{field}.lineId", "required", "lineId is required.");
                continue;
            }

            lines.Add(new LineChange(r.LineId.Value, v.Quantity(r.Quantity, $"{field}.quantity")?.Units, v.UnitPrice(r.UnitPrice, currency, $"{field}.unitPrice")?.Micros,
                v.Date(r.NeedBy, $"{field}.needBy"), v.Percent(r.TaxRate, $"{field}.taxRate"), r.Remove == true));
        }

        var additions = new List<LineAddition>();
        var add = request.Add ?? [];
        for (var i = 0; i < add.Count; i++)
        {
            if (add[i].RequisitionLineId is not { } lineId)
            {
                v.Add($"add[{i}].requisitionLineId", "required", "requisitionLineId is required.");
                continue;
            }

            additions.Add(new LineAddition(lineId, v.Percent(add[i].TaxRate, $"add[{i}].taxRate") ?? 0,
                add[i].ReceiveBy is null ? ReceiveBy.Quantity : v.Enum<ReceiveBy>(add[i].ReceiveBy, $"add[{i}].receiveBy")));
        }

        if (lines.Count == 0 && additions.Count == 0 && v.IsValid)
        {
            v.Add("lines", "required", "Change, remove or add at least one line.");
        }

        if (lines.GroupBy(l => l.LineId).Any(g => g.Count() > 1))
        {
            v.Add("lines", "duplicate", "Each line appears once in a change.");
        }

        return new ChangeOrder(lines, additions);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/purchase-orders/{id:guid}/changes", async (TandemDb db, CurrentUser user, VendorLinks links, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                (await HandleAsync(db, user, links, id, request, ct)).ToOk(http))
            .RequireRoles(PurchaseOrderAccess.Buyers);
}
