using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Invoicing;
using Tandem.Domain.Money;
using Tandem.Domain.Purchasing;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices;

/// <summary>
/// Matches an invoice against its order (the domain's <see cref="LineMatch"/>): goods three-way (ordered, received net
/// of returns, invoiced before), services two-way, with the company's match tolerances (<see cref="MatchToleranceRule"/>). An invoice whose every line matches is ready to pay: its order lines count the quantity
/// as invoiced and the budget ledger turns that commitment into actual, in the caller's transaction. Invoices waiting in
/// exception are matched again when goods arrive or go back.
/// </summary>
public static class InvoiceMatching
{
    /// <summary>Matches (unsaved) an invoice not yet ready against the tracked order with lines and splits; applies the effects when it becomes ready.</summary>
    public static async Task MatchAsync(TandemDb db, Invoice invoice, PurchaseOrder order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(order);
        var lineIds = invoice.Lines.Select(OrderLineOf).ToList();
        var others = await db.Invoices.AsNoTracking()
            .Where(i => i.Id != invoice.Id && i.PurchaseOrderId == order.Id && i.Status != InvoiceStatus.Rejected && i.Kind == InvoiceKind.Invoice)
            .SelectMany(i => i.Lines.Where(l => lineIds.Contains(l.PurchaseOrderLineId!.Value))).GroupBy(l => l.PurchaseOrderLineId!.Value)
            .Select(g => new { g.Key, Units = g.Sum(l => l.QuantityUnits - l.CreditedUnits) }).ToDictionaryAsync(g => g.Key, g => g.Units, ct);
        var rules = await db.MatchTolerances.AsNoTracking().Where(r => r.CompanyId == invoice.CompanyId && (r.VendorId == null || r.VendorId == order.VendorId)).ToListAsync(ct);
        var companyCurrency = await CompanyClock.CurrencyAsync(db, invoice.CompanyId, ct);
        var (vendorBlocked, duplicateOf) = await VendorAndDuplicateAsync(db, invoice, ct);
        if (Evaluate(invoice, invoice.Lines, order, new MatchFacts(rules, companyCurrency, others, vendorBlocked, duplicateOf)))
        {
            await ReadyAsync(db, invoice, order, ct);
        }
        else
        {
            invoice.Status = InvoiceStatus.Exception;
        }
    }

    /// <summary>
    /// The match itself, nothing read or written: each of the invoice's lines (tracked or not) gets its result against
    /// the order, the invoice its header checks; true when all of them passed (the invoice is ready to pay). For one
    /// invoice by <see cref="MatchAsync"/>, for many at once by <see cref="RematchWaiting"/>, with the facts read before.
    /// </summary>
    internal static bool Evaluate(Invoice invoice, IReadOnlyCollection<InvoiceLine> lines, PurchaseOrder order, MatchFacts facts)
    {
        var currency = Currency.Of(order.Currency);
        var orderLines = order.Lines.ToDictionary(l => l.Id);
        foreach (var line in lines)
        {
            var orderLine = orderLines[OrderLineOf(line)];
            var received = orderLine.ReceiveBy == ReceiveBy.Amount ? orderLine.QuantityUnits : orderLine.ReceivedNet;
            var result = LineMatch.Match(
                new LineFacts(orderLine.QuantityUnits, orderLine.UnitPriceMicros, received, facts.InvoicedElsewhere.GetValueOrDefault(orderLine.Id), line.NetUnits, line.UnitPriceMicros, currency),
                orderLine.ReceiveBy == ReceiveBy.Amount ? MatchMethod.TwoWay : MatchMethod.ThreeWay, Tolerance(facts.Rules, order, orderLine, facts.CompanyCurrency));
            line.MatchStatus = JsonNames.Camel(result.Status.ToString());
            line.Exceptions = string.Join(',', result.Exceptions.Select(e => JsonNames.Camel(e.ToString())));
            line.VarianceMinor = result.PriceVarianceMinor;
            line.OverUnits = result.QuantityOverUnits;
            line.Explanation = result.Explanation;
        }

        var header = Header(invoice, lines, order, orderLines, facts);
        invoice.HeaderExceptions = string.Join(',', header.Exceptions.Select(e => JsonNames.Camel(e.ToString())));
        invoice.HeaderExplanation = header.Explanation;
        return header.Exceptions.Count == 0 && lines.All(l => l.Exceptions.Length == 0);
    }

    /// <summary>A PO invoice's line: the order line it bills (every line of an invoice against an order has one).</summary>
    private static Guid OrderLineOf(InvoiceLine line) => line.PurchaseOrderLineId ?? throw new InvalidOperationException($"Invoice line {line.Id} bills no order line.");

    /// <summary>Checks a (tracked) invoice again after a person changed it: matched against its order, or a non-PO invoice's checks.</summary>
    public static Task RecheckAsync(TandemDb db, Invoice invoice, PurchaseOrder? order, CancellationToken ct) =>
        order is null ? NonPoApproval.CheckAsync(db, invoice, ct) : MatchAsync(db, invoice, order, ct);

    /// <summary>
    /// A new (tracked) invoice, however it came: its lines coded, the soft duplicate rule, the first match (recorded
    /// for the first-pass rate: did it pass, and why it stopped) and, in exception, the people it is routed to told.
    /// Without an order (<paramref name="order"/> null) it is paid on the vendor's terms and routed for approval
    /// (<see cref="NonPoApproval"/>) instead of matched.
    /// </summary>
    public static async Task FirstMatchAsync(TandemDb db, Invoice invoice, PurchaseOrder? order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var terms = order?.Terms ?? await db.Vendors.Where(v => v.Id == invoice.VendorId).Select(v => new Domain.Vendors.PaymentTerms(v.PaymentNetDays, v.PaymentDiscountBasisPoints, v.PaymentDiscountDays, v.PaymentEndOfMonth)).SingleAsync(ct);
        await Payments.InvoiceTerms.ScheduleAsync(db, invoice, terms, ct);
        await Coding.InvoiceCoding.CodeAsync(db, invoice, order, ct);
        await FlagPossibleDuplicateAsync(db, invoice, ct);
        if (order is null)
        {
            await NonPoApproval.StartAsync(db, invoice, ct);
        }
        else
        {
            await MatchAsync(db, invoice, order, ct);
        }

        invoice.FirstPassMatched = invoice.Status == InvoiceStatus.ReadyToPay;
        invoice.FirstExceptions = string.Join(',', invoice.HeaderExceptions.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Concat(invoice.Lines.SelectMany(l => l.Exceptions.Split(',', StringSplitOptions.RemoveEmptyEntries))).Distinct());
        await InvoiceExceptions.NotifyAsync(db, invoice, order, ct);
    }

    /// <summary>The invoice-level checks (<see cref="HeaderChecks"/>): currency, order open, vendor not blocked, tax at the order's rates, possible duplicate.</summary>
    private static HeaderResult Header(Invoice invoice, IReadOnlyCollection<InvoiceLine> lines, PurchaseOrder order, Dictionary<Guid, PurchaseOrderLine> orderLines, MatchFacts facts)
    {
        var expectedTax = lines.Sum(l =>
        {
            var rate = orderLines[OrderLineOf(l)].TaxRateBasisPoints;
            return (long)Math.Round((decimal)(l.AmountMinor - l.CreditedMinor) * rate / 10_000m, MidpointRounding.AwayFromZero);
        });
        return HeaderChecks.Check(new HeaderFacts(invoice.Currency, order.Currency, order.Status is not (PurchaseOrderStatus.Closed or PurchaseOrderStatus.Cancelled),
            facts.VendorBlocked, invoice.TaxMinor, expectedTax, lines.Count, MatchToleranceRule.For(facts.Rules, order.VendorId, null).Amount, facts.DuplicateOf));
    }

    /// <summary>What every invoice's header checks read: is its vendor blocked, and the uncleared earlier invoice it may duplicate.</summary>
    public static async Task<(bool VendorBlocked, string? DuplicateOf)> VendorAndDuplicateAsync(TandemDb db, Invoice invoice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(invoice);
        var vendorBlocked = await db.Vendors.AnyAsync(v => v.Id == invoice.VendorId && v.Status == Domain.Vendors.VendorStatus.Blocked, ct);
        var duplicateOf = invoice.PossibleDuplicateOfId is { } earlier && !invoice.DuplicateCleared
            ? await db.Invoices.Where(i => i.Id == earlier).Select(i => i.Number).SingleAsync(ct)
            : null;
        return (vendorBlocked, duplicateOf);
    }

    /// <summary>The soft duplicate rule, for a new invoice: an earlier one of the vendor with the same total dated close to it.</summary>
    private static async Task FlagPossibleDuplicateAsync(TandemDb db, Invoice invoice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(invoice);
        var from = invoice.InvoiceDate.AddDays(-HeaderChecks.DuplicateWindowDays);
        var to = invoice.InvoiceDate.AddDays(HeaderChecks.DuplicateWindowDays);
        invoice.PossibleDuplicateOfId = await db.Invoices.AsNoTracking()
            .Where(i => i.Id != invoice.Id && i.CompanyId == invoice.CompanyId && i.VendorId == invoice.VendorId && i.TotalMinor == invoice.TotalMinor
                && i.Kind == InvoiceKind.Invoice && i.Status != InvoiceStatus.Rejected && i.InvoiceDate >= from && i.InvoiceDate <= to)
            .OrderBy(i => i.CreatedAtUtc).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The invoice is ready to pay: its order lines count the quantity as invoiced, and the ledger turns that commitment
    /// into actual (a non-PO invoice, <paramref name="order"/> null, is actual spend of its department straight away).
    /// </summary>
    public static async Task ReadyAsync(TandemDb db, Invoice invoice, PurchaseOrder? order, CancellationToken ct)
    {
        await MarkReadyAsync(db, invoice, invoice.Lines, order, ct);
        if (order is not null)
        {
            await BudgetLedger.ApplyAsync(db, LedgerDocument.Of(order), enforce: false, ct);
        }

        await BudgetLedger.ApplyAsync(db, LedgerDocument.Of(invoice, order), enforce: false, ct);
        await Coding.InvoiceCoding.LearnAsync(db, invoice, Coding.InvoiceCoding.Examples(invoice.Lines), ct);
    }

    /// <summary>
    /// The invoice's own part of being ready to pay: its status, payment terms and price variance, and its order lines'
    /// invoiced quantities. A batch (<see cref="RematchWaiting"/>) applies the rest once for all the invoices it made
    /// ready: each order's ledger after all its invoices, the invoices' actual spend and the classifier's counts.
    /// </summary>
    /// <param name="lines">The invoice's lines, tracked or not (a batch does not track them, ADR 0033).</param>
    internal static async Task MarkReadyAsync(TandemDb db, Invoice invoice, IReadOnlyCollection<InvoiceLine> lines, PurchaseOrder? order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(invoice);
        invoice.Status = InvoiceStatus.ReadyToPay;
        invoice.ReadyAtUtc = db.Clock.GetUtcNow().UtcDateTime;
        await Payments.InvoiceTerms.ScheduleAsync(db, invoice, invoice.Terms, ct);
        if (order is not null)
        {
            var orderLines = order.Lines.ToDictionary(l => l.Id);
            foreach (var line in lines)
            {
                orderLines[OrderLineOf(line)].InvoicedUnits += line.NetUnits;
            }

            PriceVariance.Record(invoice, lines, orderLines);
        }
    }

    /// <summary>
    /// The tolerance for a line: the most specific rule for the order's vendor and the line's category. Absolute limits
    /// are set in the company currency; an order in another currency gets them converted at its rate.
    /// </summary>
    private static MatchTolerance Tolerance(IReadOnlyList<MatchToleranceRule> rules, PurchaseOrder order, PurchaseOrderLine line, Currency company)
    {
        var tolerance = MatchToleranceRule.For(rules, order.VendorId, line.CategoryId);
        if (order.Currency == company.Code)
        {
            return tolerance;
        }

        long? ToOrder(long? companyUnits) => companyUnits is { } units ? (long)((Int128)units * Organization.ExchangeRate.Scale / Math.Max(1, order.RateUnits)) : null;
        return tolerance with
        {
            Price = tolerance.Price with { Absolute = ToOrder(tolerance.Price.Absolute) },
            Amount = tolerance.Amount with { Absolute = ToOrder(tolerance.Amount.Absolute) },
        };
    }

    /// <summary>
    /// The start of every resolution of an invoice in exception: the reason is required (and recorded), the invoice
    /// (tracked, with lines) must be in exception, it is marked touched, and its order (tracked, with lines and splits)
    /// is loaded under the order's lock (none for a non-PO invoice).
    /// </summary>
    public static async Task<Result<(Invoice Invoice, PurchaseOrder? Order)>> StartResolutionAsync(TandemDb db, Guid companyId, Guid id, string? reasonText, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var v = new Validator();
        var reason = v.Required(reasonText, "reason", 2000);
        if (!v.IsValid)
        {
            return Result<(Invoice, PurchaseOrder?)>.Failure(v.Errors);
        }

        var invoice = await db.Invoices.Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == id && i.CompanyId == companyId, ct);
        if (invoice is null)
        {
            return Error.NotFound("invoice.not_found", "No such invoice.");
        }

        if (invoice.Status != InvoiceStatus.Exception)
        {
            return Error.Conflict("invoice.not_in_exception", $"Invoice {invoice.Number} is {JsonNames.Camel(invoice.Status.ToString())}; only invoices in exception are resolved.");
        }

        invoice.ResolutionReason = reason;
        invoice.Touched = true;
        return (invoice, await OrderLocks.LoadLockedAsync(db, invoice.PurchaseOrderId, ct));
    }

    /// <summary>After a receipt or a return on the order (unsaved, in its transaction): its invoices in exception are matched again.</summary>
    public static async Task RematchAsync(TandemDb db, PurchaseOrder order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        var waiting = await db.Invoices.Include(i => i.Lines).Where(i => i.PurchaseOrderId == order.Id && i.Status == InvoiceStatus.Exception).OrderBy(i => i.CreatedAtUtc).ToListAsync(ct);
        if (waiting.Count == 0)
        {
            return;
        }

        await OrderWithLines.LoadLinesAsync(db, [order.Id], ct);
        foreach (var invoice in waiting)
        {
            await MatchAsync(db, invoice, order, ct);
        }
    }
}

/// <summary>
/// What matching an invoice reads besides the invoice and its order: the company's tolerance rules and currency, the
/// quantity other invoices already bill on each order line (after credit notes), and the header facts.
/// </summary>
internal sealed record MatchFacts(IReadOnlyList<MatchToleranceRule> Rules, Currency CompanyCurrency, IReadOnlyDictionary<Guid, long> InvoicedElsewhere, bool VendorBlocked, string? DuplicateOf);
