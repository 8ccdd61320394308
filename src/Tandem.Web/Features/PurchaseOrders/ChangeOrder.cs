using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>A change to one line: new quantity, unit price, need-by date or tax rate (null keeps it), or its removal.</summary>
public sealed record LineChange(Guid LineId, long? QuantityUnits, long? UnitPriceMicros, DateOnly? NeedBy, int? TaxRateBasisPoints, bool Remove);

/// <summary>An approved requisition line added to the order.</summary>
public sealed record LineAddition(Guid RequisitionLineId, int TaxRateBasisPoints, ReceiveBy ReceiveBy);

/// <summary>
/// A change order as asked (stored as JSON on its revision, so it is applied exactly as approved): checked against the
/// order as it stands, previewed as a diff and the subtotal of the existing lines, and applied.
/// </summary>
public sealed record ChangeOrder(IReadOnlyList<LineChange> Lines, IReadOnlyList<LineAddition> Additions)
{
    /// <summary>What a change would do: errors (quantities below what arrived, removing received lines), the diff, the existing lines' new subtotal, and each line's increase.</summary>
    public sealed record Outcome(IReadOnlyList<Error> Errors, IReadOnlyList<string> Diff, long ExistingSubtotalMinor, IReadOnlyDictionary<Guid, long> Increases);

    public Outcome Preview(PurchaseOrder order, IReadOnlySet<Guid> linesWithReceipts)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(linesWithReceipts);
        var currency = Currency.Of(order.Currency);
        var errors = new List<Error>();
        var diff = new List<string>();
        var increases = new Dictionary<Guid, long>();
        long subtotal = 0;
        var positions = Lines.Select((c, k) => (c.LineId, k)).ToDictionary(x => x.LineId, x => x.k); // line ids are unique (checked when parsed)
        foreach (var line in order.Lines.OrderBy(l => l.LineNo))
        {
            if (!positions.TryGetValue(line.Id, out var i))
            {
                subtotal += line.AmountMinor;
                continue;
            }

            var change = Lines[i];
            var field = $"lines[{i}]";
            if (change.Remove)
            {
                if (linesWithReceipts.Contains(line.Id) || line.InvoicedUnits > 0)
                {
                    errors.Add(Error.Validation("changeOrder.line_received", $"Line {line.LineNo} has receipts or invoices; lower its quantity to what arrived instead of removing it.", $"{field}.remove"));
                }

                diff.Add($"Line {line.LineNo} ({line.Description}): removed");
                continue;
            }

            var quantity = change.QuantityUnits ?? line.QuantityUnits;
            var price = change.UnitPriceMicros ?? line.UnitPriceMicros;
            var amount = LineAmount.Of(new Quantity(quantity), new UnitPrice(price, currency)).Minor;
            var received = line.ReceivedNet;
            if ((line.ReceiveBy == ReceiveBy.Quantity ? quantity : amount) < received)
            {
                errors.Add(Error.Validation("changeOrder.below_received",
                    $"Line {line.LineNo} already received {PurchaseOrderResponse.Amount(line.ReceiveBy, received, currency)}; it cannot be ordered below that.", $"{field}.quantity"));
            }
            else if (quantity < line.InvoicedUnits)
            {
                errors.Add(Error.Validation("changeOrder.below_invoiced",
                    $"Line {line.LineNo} already invoiced {new Quantity(line.InvoicedUnits)}; it cannot be ordered below that.", $"{field}.quantity"));
            }

            Note(diff, line.LineNo, "quantity", new Quantity(line.QuantityUnits).ToString(), new Quantity(quantity).ToString());
            Note(diff, line.LineNo, "unit price", Price(line.UnitPriceMicros, currency), Price(price, currency));
            Note(diff, line.LineNo, "need-by", line.NeedBy?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none", (change.NeedBy ?? line.NeedBy)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none");
            Note(diff, line.LineNo, "tax rate", $"{PercentText.Of(line.TaxRateBasisPoints)} %", $"{PercentText.Of(change.TaxRateBasisPoints ?? line.TaxRateBasisPoints)} %");
            subtotal += amount;
            if (amount > line.AmountMinor)
            {
                increases[line.Id] = amount - line.AmountMinor;
            }
        }

        for (var i = 0; i < Lines.Count; i++)
        {
            if (order.Lines.All(l => l.Id != Lines[i].LineId))
            {
                errors.Add(Error.Validation("changeOrder.line_not_found", "No such line on this order.", $"lines[{i}].lineId"));
            }
        }

        if (Additions.Count == 0 && order.Lines.All(l => Lines.Any(c => c.LineId == l.Id && c.Remove)))
        {
            errors.Add(Error.Validation("changeOrder.no_lines_left", "An order keeps at least one line; cancel or close it instead.", "lines"));
        }

        return new Outcome(errors, diff, subtotal, increases);
    }

    /// <summary>
    /// Applies the change to the tracked order (with lines and splits): lines changed, removed (their request lines go
    /// back to the workbench) or added from approved requests; totals recalculated. Returns the requests whose lines moved.
    /// </summary>
    public async Task<Result<List<Requisition>>> ApplyAsync(TandemDb db, PurchaseOrder order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var removed = order.Lines.Where(l => Lines.Any(c => c.LineId == l.Id && c.Remove)).ToList();
        var v = new Platform.Api.Validator();
        var (requisitions, added) = await CreatePurchaseOrder.OrderableAsync(db, order.CompanyId, [.. Additions.Select(a => a.RequisitionLineId)], v, "add", ct);
        if (!v.IsValid)
        {
            return Result<List<Requisition>>.Failure(v.Errors);
        }

        if (added.FirstOrDefault(a => a.Requisition.Currency != order.Currency || (a.Line.OfferId is not null && a.Line.VendorId != order.VendorId)) is { Line: not null } foreign)
        {
            return Error.Validation("changeOrder.line_not_for_this_order", $"Line {foreign.Line.LineNo} of {foreign.Requisition.Number} is in another currency or a catalog offer of another vendor.", "add");
        }

        var back = await RequisitionProgress.LoadAsync(db, [.. removed.Select(l => l.RequisitionId).OfType<Guid>().Distinct().Where(id => requisitions.All(r => r.Id != id))], ct);
        requisitions.AddRange(back);
        foreach (var line in requisitions.SelectMany(r => r.Lines).Where(l => removed.Any(o => o.Id == l.PurchaseOrderLineId)))
        {
            line.PurchaseOrderLineId = null;
        }

        foreach (var line in order.Lines)
        {
            if (Lines.FirstOrDefault(c => c.LineId == line.Id && !c.Remove) is { } change)
            {
                line.QuantityUnits = change.QuantityUnits ?? line.QuantityUnits;
                line.UnitPriceMicros = change.UnitPriceMicros ?? line.UnitPriceMicros;
                line.NeedBy = change.NeedBy ?? line.NeedBy;
                line.TaxRateBasisPoints = change.TaxRateBasisPoints ?? line.TaxRateBasisPoints;
            }
        }

        foreach (var line in removed)
        {
            order.Lines.Remove(line);
            db.PurchaseOrderLines.Remove(line);
        }

        var next = order.Lines.Count == 0 && removed.Count == 0 ? 1 : order.Lines.Concat(removed).Max(l => l.LineNo) + 1;
        for (var i = 0; i < added.Count; i++)
        {
            var addition = Additions[i];
            order.Lines.Add(CreatePurchaseOrder.NewLine(order, next + i, added[i].Line, added[i].Requisition, addition.TaxRateBasisPoints, addition.ReceiveBy, now));
            order.ApprovedSubtotalMinor += added[i].Line.AmountMinor; // approved through its own request
        }

        PurchaseOrderTotals.Recalculate(order);
        return requisitions;
    }

    /// <summary>The additions as diff lines, once they are on the order.</summary>
    public IEnumerable<string> AddedDiff(PurchaseOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var currency = Currency.Of(order.Currency);
        return order.Lines.Where(l => Additions.Any(a => a.RequisitionLineId == l.RequisitionLineId))
            .Select(l => $"Line {l.LineNo} ({l.Description}): added, {new Quantity(l.QuantityUnits)} × {Price(l.UnitPriceMicros, currency)}");
    }

    private static void Note(List<string> diff, int lineNo, string what, string before, string after)
    {
        if (before != after)
        {
            diff.Add($"Line {lineNo}: {what} {before} → {after}");
        }
    }

    private static string Price(long micros, Currency currency) => new UnitPrice(micros, currency).ToDecimal().ToString("0.00####", CultureInfo.InvariantCulture);
}
