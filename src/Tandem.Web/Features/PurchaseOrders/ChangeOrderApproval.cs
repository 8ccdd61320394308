using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Domain.Requisitions;
using Tandem.Web.Features.Approvals;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>
/// Growth beyond the tolerance re-enters approval through the approval engine itself: a change request — a requisition
/// by the buyer, for the original requester, with one line per growing order line (the increase, charged like that line)
/// — is routed by the current policy (its budget check pre-commits the increase). When it is approved the held revision
/// applies and the request's lines move onto the order (so the increase is committed once, by the order); when it is
/// rejected or cancelled the revision is marked rejected and the order stays as it was.
/// </summary>
public static class ChangeOrderApproval
{
    public static async Task<Error?> RequestAsync(
        TandemDb db, CurrentUser user, VendorLinks links, PurchaseOrder order, PurchaseOrderRevision revision, ChangeOrder change, ChangeOrder.Outcome outcome, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(revision);
        ArgumentNullException.ThrowIfNull(outcome);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var firstRequest = order.Lines.Select(l => l.RequisitionId).OfType<Guid>().FirstOrDefault();
        var requester = firstRequest == Guid.Empty ? (Guid?)null : await db.Requisitions.Where(r => r.Id == firstRequest).Select(r => r.RequesterId).SingleAsync(ct);
        var currency = Currency.Of(order.Currency);
        var title = $"Change to {order.Number} (revision {revision.Number}): {revision.Reason}";
        var request = new Requisition
        {
            Id = Ids.New(now),
            CompanyId = order.CompanyId,
            Number = await DocumentNumbers.NextAsync(db, order.CompanyId, "REQ", (await CompanyClock.TodayAsync(db, order.CompanyId, ct)).Year, ct),
            Title = title.Length > 200 ? title[..200] : title,
            Justification = revision.Diff,
            RequesterId = user.UserId,
            OnBehalfOfId = requester is { } r && r != user.UserId ? r : null,
            ShipToLocationId = order.ShipToLocationId,
            Currency = order.Currency,
            Status = RequisitionStatus.Draft,
            CreatedAtUtc = now,
            SubmittedAtUtc = now,
            ChangeOfRevisionId = revision.Id,
        };
        var targets = new Dictionary<Guid, Guid>();
        foreach (var (line, increase) in order.Lines.Where(l => outcome.Increases.ContainsKey(l.Id)).OrderBy(l => l.LineNo).Select(l => (l, outcome.Increases[l.Id])))
        {
            var requestLine = new RequisitionLine
            {
                Id = Ids.New(now),
                RequisitionId = request.Id,
                LineNo = request.Lines.Count + 1,
                Description = $"{order.Number} line {line.LineNo}: {line.Description} (increase)",
                CategoryId = line.CategoryId,
                VendorId = order.VendorId,
                QuantityUnits = Quantity.Scale,
                Unit = "EA",
                UnitPriceMicros = increase * (UnitPrice.Scale / currency.MinorPerMajor),
                AmountMinor = increase,
                NeedBy = line.NeedBy,
                GlAccountId = line.GlAccountId,
            };
            request.Lines.Add(requestLine);
            request.Splits.AddRange(line.Splits.OrderBy(s => s.Position).Select((s, k) => new RequisitionSplit
            {
                Id = Ids.New(now),
                RequisitionId = request.Id,
                LineId = requestLine.Id,
                Position = k,
                DepartmentId = s.DepartmentId,
                LocationId = s.LocationId,
                CostCenterId = s.CostCenterId,
                GlAccountId = s.GlAccountId,
                ProjectId = s.ProjectId,
                PercentUnits = s.PercentUnits,
                AmountMinor = s.AmountMinor,
            }));
            targets[requestLine.Id] = line.Id;
        }

        request.TotalMinor = request.Lines.Sum(l => l.AmountMinor);
        revision.Status = RevisionStatus.PendingApproval;
        revision.ApprovalRequisitionId = request.Id;
        revision.ChangeJson = JsonSerializer.Serialize(new ChangePurchaseOrder.Stored(change, targets));
        db.Requisitions.Add(request);
        db.PurchaseOrderRevisions.Add(revision);
        if (await SubmitRequisition.RouteAsync(db, user, request, ct) is { } refused)
        {
            return refused;
        }

        await db.SaveChangesAsync(ct);
        return request.Status == RequisitionStatus.Approved ? await OnDecidedAsync(db, links, request, ct) : null;
    }

    /// <summary>
    /// After a change request was decided or cancelled (in its transaction, after its save): approved → the revision
    /// applies (unless the order moved on so it no longer can — then it is rejected and the request cancelled, releasing
    /// its budget); rejected or cancelled → the revision is rejected. Anything else leaves it waiting.
    /// </summary>
    public static async Task<Error?> OnDecidedAsync(TandemDb db, VendorLinks? links, Requisition request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        if (request.ChangeOfRevisionId is not { } revisionId
            || await db.PurchaseOrderRevisions.SingleAsync(r => r.Id == revisionId, ct) is not { Status: RevisionStatus.PendingApproval } revision)
        {
            return null;
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        if (request.Status is RequisitionStatus.Rejected or RequisitionStatus.Cancelled)
        {
            revision.Status = RevisionStatus.Rejected;
            revision.DecidedAtUtc = now;
            await db.SaveChangesAsync(ct);
            return null;
        }

        if (request.Status != RequisitionStatus.Approved)
        {
            return null;
        }

        var order = await OrderWithLines.SingleAsync(db, db.PurchaseOrders.Where(p => p.Id == revision.PurchaseOrderId), ct);
        var stored = JsonSerializer.Deserialize<ChangePurchaseOrder.Stored>(revision.ChangeJson)!;
        var lineIds = order.Lines.Select(l => l.Id).ToList();
        var received = (await db.ReceiptLines.Where(r => lineIds.Contains(r.PurchaseOrderLineId)).Select(r => r.PurchaseOrderLineId).Distinct().ToListAsync(ct)).ToHashSet();
        var outcome = stored.Change.Preview(order, received);
        if (outcome.Errors.Count > 0 || !Domain.Purchasing.PurchaseOrderLifecycle.CanChange(order.Status))
        {
            revision.Status = RevisionStatus.Rejected;
            revision.DecidedAtUtc = now;
            revision.Diff += $"\nNot applied: {(outcome.Errors.Count > 0 ? outcome.Errors[0].Message : $"the order is {order.Status}.")}";
            request.Status = RequisitionStatus.Cancelled;
            request.StatusReason = "The order changed before this change was approved; it was not applied.";
            await BudgetLedger.ApplyAsync(db, request, enforce: false, ct);
            await ApprovalRouting.TellAsync(db, ApprovalSubject.Of(request), [request.RequesterId], $"{order.Number}: approved change not applied", request.StatusReason, ct);
            await db.SaveChangesAsync(ct);
            return null;
        }

        foreach (var line in request.Lines.Where(l => stored.ApprovalLines.ContainsKey(l.Id)))
        {
            line.PurchaseOrderLineId = stored.ApprovalLines[line.Id];
        }

        return await ChangePurchaseOrder.ApplyAsync(db, links, order, revision, stored.Change, growthApproved: true, [request], ct);
    }
}
