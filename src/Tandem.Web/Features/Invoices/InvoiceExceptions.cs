using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Invoicing;
using Tandem.Domain.Money;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Notifications;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices;

/// <summary>
/// The exceptions queue: every invoice in exception with its age, amount and reasons, each reason routed to the person
/// who can answer it (<see cref="ExceptionRouting"/>: price → the order's buyer, receipt → the requester, duplicates and
/// tax → accounts payable, blocked vendor → a controller,
/// no purchase order → the approvers of the invoice approval policy). The people named are told when the invoice arrives.
/// </summary>
public static class InvoiceExceptions
{
    public sealed record Owner(string Role, Guid? PersonId, string? Name, IReadOnlyList<string> Reasons);

    public sealed record Row(Guid InvoiceId, string Number, string Vendor, string Order, int AgeDays, MoneyDto Amount, IReadOnlyList<string> Reasons, IReadOnlyList<Owner> Owners,
        DateTime? CreditRequestedAtUtc);

    private sealed record Routed(ExceptionOwner Owner, Guid? PersonId, string Reason);

    /// <summary>
    /// The invoice's reasons with the person (or role) each is routed to: a non-PO invoice's to the undecided approvers
    /// of its pending approval step (<paramref name="approvers"/>).
    /// </summary>
    private static List<Routed> Route(Invoice invoice, Guid? buyerId, Dictionary<Guid, Guid> requesterByOrderLine, List<Guid> approvers)
    {
        var routed = new List<Routed>();
        foreach (var reason in invoice.HeaderExceptions.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var owner = ExceptionRouting.OwnerOf(Enum.Parse<HeaderException>(reason, ignoreCase: true));
            if (owner == ExceptionOwner.Approver && approvers.Count > 0)
            {
                routed.AddRange(approvers.Select(a => new Routed(owner, a, reason)));
                continue;
            }

            routed.Add(new Routed(owner, owner == ExceptionOwner.Buyer ? buyerId : null, reason));
        }

        foreach (var line in invoice.Lines)
        {
            foreach (var reason in line.Exceptions.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var owner = ExceptionRouting.OwnerOf(Enum.Parse<MatchException>(reason, ignoreCase: true));
                var person = owner switch
                {
                    ExceptionOwner.Buyer => buyerId,
                    ExceptionOwner.Requester => line.PurchaseOrderLineId is { } l && requesterByOrderLine.TryGetValue(l, out var requester) ? requester : buyerId,
                    _ => (Guid?)null,
                };
                routed.Add(new Routed(owner, person, reason));
            }
        }

        return routed;
    }

    private static Task<Dictionary<Guid, Guid>> RequestersAsync(TandemDb db, IEnumerable<Guid> orderIds, CancellationToken ct) =>
        db.PurchaseOrderLines.AsNoTracking().Where(l => orderIds.Contains(l.PurchaseOrderId) && l.RequisitionId != null)
            .Join(db.Requisitions, l => l.RequisitionId, r => r.Id, (l, r) => new { l.Id, r.RequesterId })
            .ToDictionaryAsync(x => x.Id, x => x.RequesterId, ct);

    /// <summary>
    /// Tells the buyer and requesters an invoice needs them (in the caller's transaction). A non-PO invoice's approvers
    /// are told by its approval step; only those named for other reasons are told here.
    /// </summary>
    public static async Task NotifyAsync(TandemDb db, Invoice invoice, PurchaseOrder? order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(invoice);
        if (invoice.Status != InvoiceStatus.Exception)
        {
            return;
        }

        var requesters = order is null ? [] : await RequestersAsync(db, [order.Id], ct);
        var routed = Route(invoice, order?.BuyerId, requesters, []).Where(r => r.PersonId is not null).ToList();
        var ids = routed.Select(r => r.PersonId!.Value).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new Notify.Person(u.Id, u.Email)).ToDictionaryAsync(p => p.Id, ct);
        foreach (var person in routed.GroupBy(r => r.PersonId!.Value))
        {
            var user = people[person.Key];
            var reasons = string.Join(", ", person.Select(r => r.Reason).Distinct());
            Notify.Send(db, invoice.CompanyId, [user], $"Invoice {invoice.Number} for {order?.Number ?? "no PO"} needs you: {reasons}", $"/Invoices/Detail?id={invoice.Id}",
                $"The invoice does not match its order or receipts ({reasons}). {invoice.HeaderExplanation}".Trim());
        }
    }

    /// <summary>
    /// Every invoice in exception, oldest first; <paramref name="mine"/> keeps those routed to the caller (by name or
    /// role). Buyers and requesters outside accounts payable only ever see their own.
    /// </summary>
    public static async Task<List<Row>> QueueAsync(TandemDb db, CurrentUser user, bool mine, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        mine = mine || !user.HasAnyRole(CreateInvoice.Clerks);
        var invoices = await db.Invoices.AsNoTracking().Include(i => i.Lines).Where(i => i.CompanyId == user.CompanyId && i.Status == InvoiceStatus.Exception)
            .OrderBy(i => i.CreatedAtUtc).Take(500).ToListAsync(ct);
        var orderIds = invoices.Select(i => i.PurchaseOrderId).OfType<Guid>().Distinct().ToList();
        var orders = await db.PurchaseOrders.AsNoTracking().Where(p => orderIds.Contains(p.Id)).Select(p => new { p.Id, p.Number, p.BuyerId }).ToDictionaryAsync(p => p.Id, ct);
        var vendorIds = invoices.Select(i => i.VendorId).Distinct().ToList();
        var vendors = await db.Vendors.AsNoTracking().Where(v => vendorIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.TradingName ?? v.LegalName, ct);
        var requesters = await RequestersAsync(db, orderIds, ct);
        var approvers = await NonPoApproval.PendingApproversAsync(db, [.. invoices.Where(i => i.IsNonPo).Select(i => i.Id)], ct);
        var routedByInvoice = invoices.ToDictionary(i => i.Id, i => Route(i, i.PurchaseOrderId is { } o ? orders[o].BuyerId : null, requesters, approvers.GetValueOrDefault(i.Id) ?? []));
        var peopleIds = routedByInvoice.Values.SelectMany(r => r).Select(r => r.PersonId).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => peopleIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        bool IsMine(Routed r) => r.PersonId == user.UserId
            || (r.PersonId is null && r.Owner == ExceptionOwner.AccountsPayable && user.HasRole(Role.ApClerk))
            || (r.PersonId is null && r.Owner == ExceptionOwner.Controller && user.HasRole(Role.Controller));
        return
        [
            .. invoices.Where(i => !mine || routedByInvoice[i.Id].Any(IsMine)).Select(i => new Row(
                i.Id, i.Number, vendors.GetValueOrDefault(i.VendorId, ""), i.PurchaseOrderId is { } order ? orders[order].Number : "", (int)(now - i.CreatedAtUtc).TotalDays,
                MoneyDto.From(new Money(i.TotalMinor, Currency.Of(i.Currency))),
                [.. routedByInvoice[i.Id].Select(r => r.Reason).Distinct()],
                [.. routedByInvoice[i.Id].GroupBy(r => (r.Owner, r.PersonId)).Select(g => new Owner(JsonNames.Camel(g.Key.Owner.ToString()), g.Key.PersonId,
                    g.Key.PersonId is { } p ? names.GetValueOrDefault(p) : null, [.. g.Select(r => r.Reason).Distinct()]))],
                i.CreditRequestedAtUtc)),
        ];
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/invoices/exceptions", async (TandemDb db, CurrentUser user, bool? mine, CancellationToken ct) => Results.Ok(await QueueAsync(db, user, mine ?? false, ct)))
            .RequireSignedIn(); // everyone sees what is routed to them; only accounts payable sees the whole queue
}
