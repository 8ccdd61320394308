using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Payments;
using Tandem.Web.Features.Invoices;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Audit;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Payments;

/// <summary>
/// AP adjusts a draft run: removes invoices (they are free for a later run) or adds open ones (paid in full, or less
/// the discount when it is worth taking and still available). The payments touched are regrouped by the same rule as a
/// proposal: credit notes netted oldest first while the payment stays positive, a payment without invoices dropped.
/// </summary>
public static class AdjustPaymentRun
{
    public sealed record Request(IReadOnlyList<Guid>? Remove, IReadOnlyList<Guid>? Add);

    public static async Task<Result<PaymentRunSummary>> HandleAsync(TandemDb db, CurrentUser user, Guid id, Request request, CancellationToken ct)
    {
        var remove = request.Remove ?? [];
        var add = request.Add ?? [];
        if (remove.Count + add.Count == 0)
        {
            return Error.Validation("required", "Name the invoices to remove or add.", "remove");
        }

        return await Transactions.RunAsync<PaymentRunSummary>(db, async () =>
        {
            var run = await ApprovePaymentRun.LoadAsync(db, user, id, PaymentRunStatus.Draft, ct);
            if (!run.IsSuccess)
            {
                return Result<PaymentRunSummary>.Failure(run.Errors);
            }

            var r = run.Value;
            await PaymentLocks.LockCompanyAsync(db, user.CompanyId, ct);
            var v = new Validator();
            var removed = await db.PaymentRunItems.Where(i => i.PaymentRunId == r.Id && remove.Contains(i.InvoiceId)).ToListAsync(ct);
            for (var i = 0; i < remove.Count; i++)
            {
                if (!removed.Any(x => x.InvoiceId == remove[i]))
                {
                    v.Add($"remove[{i}]", "not_in_run", $"Invoice {remove[i]} is not in run {r.Number}.");
                }
            }

            var added = await ProposePaymentRun.OpenQuery(db, user.CompanyId).Where(i => add.Contains(i.Id))
                .Select(i => new ProposePaymentRun.OpenInvoice(i.Id, i.VendorId, i.Currency, i.Kind, i.InvoiceDate, i.PayableMinor, i.DueDate, i.DiscountDate, i.DiscountMinor, i.DiscountAnnualizedBasisPoints))
                .ToListAsync(ct);
            var holds = await ProposePaymentRun.VendorHoldsAsync(db, added.Select(a => a.VendorId), ct);
            for (var i = 0; i < add.Count; i++)
            {
                var invoice = added.FirstOrDefault(a => a.Id == add[i]);
                if (invoice is null)
                {
                    v.Add($"add[{i}]", "not_open", $"Invoice {add[i]} is not ready to pay, or already paid or in a run.");
                }
                else if (holds[invoice.VendorId].Reason is { } hold)
                {
                    v.Add($"add[{i}]", "vendor_not_payable", $"{holds[invoice.VendorId].Name} cannot be paid now: {hold}.");
                }
            }

            if (!v.IsValid)
            {
                return Result<PaymentRunSummary>.Failure(v.Errors);
            }

            var rules = new SelectionRules(r.PayDate, r.DueBy, r.CostOfCapitalBasisPoints);
            var paymentIds = removed.Select(x => x.PaymentId).Distinct().ToList();
            var keys = added.Select(a => (a.VendorId, a.Currency)).ToList();
            var addedVendors = added.Select(a => a.VendorId).Distinct().ToList();
            var payments = await db.Payments.Where(p => p.PaymentRunId == r.Id && (paymentIds.Contains(p.Id) || addedVendors.Contains(p.VendorId))).ToListAsync(ct);
            var touchedIds = payments.Select(p => p.Id).ToList();
            var items = await db.PaymentRunItems.Where(i => touchedIds.Contains(i.PaymentId)).ToListAsync(ct);
            var itemIds = items.Select(i => i.InvoiceId).ToList();
            var facts = await db.Invoices.AsNoTracking().Where(i => itemIds.Contains(i.Id))
                .Select(i => new ProposePaymentRun.OpenInvoice(i.Id, i.VendorId, i.Currency, i.Kind, i.InvoiceDate, i.PayableMinor, i.DueDate, i.DiscountDate, i.DiscountMinor, i.DiscountAnnualizedBasisPoints))
                .ToDictionaryAsync(i => i.Id, ct);
            var now = db.Clock.GetUtcNow();
            var kept = items.Where(i => !remove.Contains(i.InvoiceId))
                .Select(i => new PayItem(facts[i.InvoiceId].ToCandidate(), Enum.Parse<PayReason>(i.Reason, ignoreCase: true), i.DiscountMinor))
                .Concat(added.Select(a => PaymentSelection.Decide(a.ToCandidate(), rules) ?? new PayItem(a.ToCandidate(), PayReason.Due, 0)));
            var groups = PaymentSelection.Group(kept).ToDictionary(g => (g.VendorId, g.Currency));
            var names = await PaymentRunContent.VendorNamesAsync(db, user.CompanyId, groups.Keys.Select(k => k.VendorId), ct);
            // New payments number on after the highest sequence the run has used (end-to-end ids are never reused).
            var sequence = (await db.Payments.Where(p => p.PaymentRunId == r.Id).Select(p => p.EndToEndId).ToListAsync(ct))
                .Select(e => int.Parse(e[^5..], System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
            foreach (var key in payments.Select(p => (p.VendorId, p.Currency)).Concat(keys).Distinct())
            {
                var payment = payments.FirstOrDefault(p => p.VendorId == key.VendorId && p.Currency == key.Currency);
                if (!groups.TryGetValue(key, out var group))
                {
                    if (payment is not null)
                    {
                        db.PaymentRunItems.RemoveRange(items.Where(i => i.PaymentId == payment.Id));
                        db.Payments.Remove(payment);
                    }

                    continue;
                }

                if (payment is null)
                {
                    payment = PaymentRunContent.NewPayment(r, key.VendorId, key.Currency, names[key.VendorId], ++sequence, now);
                    db.Payments.Add(payment);
                }

                PaymentRunContent.Apply(payment, group);
                var inGroup = group.Items.Select(i => i.Invoice.InvoiceId).ToHashSet();
                db.PaymentRunItems.RemoveRange(items.Where(i => i.PaymentId == payment.Id && !inGroup.Contains(i.InvoiceId)));
                var existing = items.Where(i => i.PaymentId == payment.Id).Select(i => i.InvoiceId).ToHashSet();
                db.PaymentRunItems.AddRange(group.Items.Where(i => !existing.Contains(i.Invoice.InvoiceId)).Select(i => PaymentRunContent.Item(r, payment, i, now)));
            }

            AuditWriter.Event(db, user.CompanyId, nameof(PaymentRun), r.Id, "adjusted", new { removed = remove, added = add });
            await db.SaveChangesAsync(ct);
            await PaymentRunContent.RecountAsync(db, r, ct);
            await db.SaveChangesAsync(ct);
            return await PaymentRunSummary.OfAsync(db, r, ct);
        }, ct);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/payment-runs/{id:guid}/adjust", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                (await HandleAsync(db, user, id, request, ct)).ToOk(http))
            .RequireRoles(PaymentRunAccess.Preparers);
}
