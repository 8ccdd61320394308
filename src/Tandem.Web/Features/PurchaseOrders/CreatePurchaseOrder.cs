using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Domain.Purchasing;
using Tandem.Domain.Requisitions;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>
/// Make a draft purchase order from approved requisition lines — one workbench proposal, part of one (a split), or
/// lines of several in one currency (a merge). Each line carries over its item, price, need-by date, GL account and
/// cost splits and links back to its requisition line. The vendor is the lines' own unless the buyer assigns one to
/// free-text lines; it must be active. The exchange rate is snapshotted, payment terms come from the vendor unless
/// overridden, and the lines' budget commitment moves from the requests to the order in the same transaction.
/// </summary>
public static class CreatePurchaseOrder
{
    public sealed record TermsDto(int? NetDays, string? DiscountPercent, int? DiscountDays, bool? EndOfMonth = null);

    public sealed record LineRequest(Guid? RequisitionLineId, string? TaxRate, string? ReceiveBy);

    public sealed record Request(
        Guid? VendorId, Guid? ShipToLocationId, Guid? BillToLocationId, TermsDto? PaymentTerms, string? Incoterms, string? Notes, IReadOnlyList<LineRequest>? Lines,
        Guid? BlanketOrderId = null);

    private static readonly string[] IncotermCodes = ["EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF"];

    public static Task<Result<PurchaseOrderResponse>> HandleAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct) =>
        Transactions.RunAsync(db, async () =>
        {
            var created = await CreateAsync(db, user.CompanyId, user.UserId, request, ct);
            return created.IsSuccess ? await PurchaseOrderResponse.BuildAsync(db, created.Value, ct) : Result<PurchaseOrderResponse>.Failure(created.Errors);
        }, ct);

    /// <summary>Creates and saves the draft inside the caller's transaction (also used when approval orders catalog requests by itself).</summary>
    public static async Task<Result<PurchaseOrder>> CreateAsync(TandemDb db, Guid companyId, Guid buyerId, Request request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var v = new Validator();
        var notes = v.Optional(request.Notes, "notes", 4000);
        var incoterms = v.Optional(request.Incoterms, "incoterms", 3)?.ToUpperInvariant();
        if (incoterms is not null && !IncotermCodes.Contains(incoterms))
        {
            v.Add("incoterms", "invalid_value", $"incoterms must be an Incoterms 2020 code: {string.Join(", ", IncotermCodes)}.");
        }

        var lineRequests = request.Lines ?? [];
        if (lineRequests.Count == 0)
        {
            v.Add("lines", "required", "Pick at least one approved requisition line.");
        }

        var taxRates = new int[lineRequests.Count];
        var receiveBy = new ReceiveBy[lineRequests.Count];
        for (var i = 0; i < lineRequests.Count; i++)
        {
            var line = lineRequests[i];
            if (line.RequisitionLineId is null)
            {
                v.Add($"lines[{i}].requisitionLineId", "required", "requisitionLineId is required.");
            }

            taxRates[i] = v.Percent(line.TaxRate, $"lines[{i}].taxRate") ?? 0;
            receiveBy[i] = line.ReceiveBy is null ? ReceiveBy.Quantity : v.Enum<ReceiveBy>(line.ReceiveBy, $"lines[{i}].receiveBy");
        }

        if (lineRequests.Select(l => l.RequisitionLineId).OfType<Guid>().GroupBy(id => id).Any(g => g.Count() > 1))
        {
            v.Add("lines", "duplicate", "A requisition line can be on an order once.");
        }

        var terms = request.PaymentTerms is { } t ? Terms(v, t) : null;
        if (!v.IsValid)
        {
            return Result<PurchaseOrder>.Failure(v.Errors);
        }

        var ids = lineRequests.Select(l => l.RequisitionLineId!.Value).ToList();
        var (requisitions, lines) = await OrderableAsync(db, companyId, ids, v, "lines", ct);
        if (!v.IsValid)
        {
            return Result<PurchaseOrder>.Failure(v.Errors);
        }

        var currencies = lines.Select(l => l.Requisition.Currency).Distinct().ToList();
        if (currencies.Count > 1)
        {
            return Error.Validation("purchaseOrder.mixed_currencies", $"An order is in one currency; these lines are in {string.Join(" and ", currencies)}.", "lines");
        }

        var suggested = lines.Select(l => l.Line.VendorId).OfType<Guid>().Distinct().ToList();
        var agreementVendor = request.BlanketOrderId is { } agreement
            ? await db.BlanketOrders.Where(b => b.Id == agreement && b.CompanyId == companyId).Select(b => (Guid?)b.VendorId).SingleOrDefaultAsync(ct) : null;
        var vendorId = request.VendorId ?? agreementVendor ?? (suggested.Count == 1 ? suggested[0] : null);
        if (vendorId is null)
        {
            return Error.Validation("purchaseOrder.vendor_required", suggested.Count > 1
                ? "These lines suggest different vendors; pick the vendor for this order."
                : "These free-text lines name no vendor; assign one.", "vendorId");
        }

        if (lines.FirstOrDefault(l => l.Line.OfferId is not null && l.Line.VendorId != vendorId) is { Line: not null } foreign)
        {
            return Error.Validation("purchaseOrder.catalog_vendor", $"Line {foreign.Line.LineNo} of {foreign.Requisition.Number} is a catalog offer of another vendor; order it from that vendor.", "vendorId");
        }

        var vendor = await db.Vendors.AsNoTracking().SingleOrDefaultAsync(x => x.Id == vendorId && x.CompanyId == companyId, ct);
        if (vendor is null)
        {
            return Error.Validation("purchaseOrder.vendor_not_found", "No such vendor.", "vendorId");
        }

        if (!VendorLifecycle.CanReceiveNewOrders(vendor.Status))
        {
            return Error.Validation("purchaseOrder.vendor_not_active", $"{vendor.LegalName} is {JsonNames.Camel(vendor.Status.ToString())}; only active vendors receive new orders.", "vendorId");
        }

        var shipTos = lines.Select(l => l.Requisition.ShipToLocationId).Distinct().ToList();
        var shipTo = request.ShipToLocationId ?? (shipTos.Count == 1 ? shipTos[0] : null);
        if (request.ShipToLocationId is null && shipTos.Count > 1)
        {
            return Error.Validation("purchaseOrder.ship_to_required", "These lines ship to different locations; pick the ship-to location of this order.", "shipToLocationId");
        }

        var locations = new[] { request.ShipToLocationId, request.BillToLocationId }.OfType<Guid>().ToList();
        if (locations.Count > 0 && await db.Locations.CountAsync(l => locations.Contains(l.Id) && l.CompanyId == companyId, ct) != locations.Distinct().Count())
        {
            return Error.Validation("purchaseOrder.location_not_found", "No such location.", request.ShipToLocationId is { } s && locations.Contains(s) ? "shipToLocationId" : "billToLocationId");
        }

        var currency = Currency.Of(currencies[0]);
        var company = await CompanyClock.CurrencyAsync(db, companyId, ct);
        var today = await CompanyClock.TodayAsync(db, companyId, ct);
        long rate = ExchangeRate.Scale;
        if (currency != company && !(await Rates.LatestAsync(db, companyId, today, ct)).TryGetValue(currency.Code, out rate))
        {
            return Error.Validation("purchaseOrder.no_exchange_rate", $"There is no exchange rate from {currency.Code} to {company.Code}; ask a controller to add one.", "currency");
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        var order = new PurchaseOrder
        {
            Id = Ids.New(now),
            CompanyId = companyId,
            Number = await DocumentNumbers.NextAsync(db, companyId, "PO", today.Year, ct),
            VendorId = vendor.Id,
            Currency = currency.Code,
            RateUnits = rate,
            Status = PurchaseOrderStatus.Draft,
            BuyerId = buyerId,
            ShipToLocationId = shipTo,
            BillToLocationId = request.BillToLocationId,
            PaymentNetDays = terms?.NetDays ?? vendor.PaymentNetDays,
            PaymentDiscountBasisPoints = terms?.DiscountBasisPoints ?? vendor.PaymentDiscountBasisPoints,
            PaymentDiscountDays = terms?.DiscountDays ?? vendor.PaymentDiscountDays,
            PaymentEndOfMonth = terms?.EndOfMonth ?? vendor.PaymentEndOfMonth,
            Incoterms = incoterms,
            Notes = notes,
            CreatedAtUtc = now,
        };
        for (var i = 0; i < lines.Count; i++)
        {
            order.Lines.Add(NewLine(order, i + 1, lines[i].Line, lines[i].Requisition, taxRates[i], receiveBy[i], now));
        }

        PurchaseOrderTotals.Recalculate(order);
        order.ApprovedSubtotalMinor = order.SubtotalMinor;
        if (request.BlanketOrderId is { } blanket && await BlanketOrders.BlanketRelease.ApplyAsync(db, order, blanket, today, ct) is { } refused)
        {
            return refused;
        }

        db.PurchaseOrders.Add(order);

        // The requests let go of the ordered lines first (saved, so the order's check reads the ledger without them), then the order commits them.
        await RequisitionProgress.RefreshAsync(db, requisitions, linesMoved: true, ct);
        await db.SaveChangesAsync(ct);
        var committed = await BudgetLedger.ApplyAsync(db, LedgerDocument.Of(order), enforce: false, ct);
        if (!committed.IsSuccess)
        {
            return Result<PurchaseOrder>.Failure(committed.Errors);
        }

        await db.SaveChangesAsync(ct);
        return order;
    }

    /// <summary>
    /// Loads approved requisition lines not yet on an order (tracked, with their requests' lines and splits) in the
    /// order asked; each one that is not orderable is a validation error on <paramref name="field"/>[i].
    /// </summary>
    public static async Task<(List<Requisition> Requisitions, List<(RequisitionLine Line, Requisition Requisition)> Lines)> OrderableAsync(
        TandemDb db, Guid companyId, IReadOnlyList<Guid> ids, Validator v, string field, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(v);
        var sources = await db.Set<RequisitionLine>().Where(l => ids.Contains(l.Id))
            .Join(db.Requisitions.Where(r => r.CompanyId == companyId), l => l.RequisitionId, r => r.Id, (l, r) => new { l.Id, l.RequisitionId })
            .ToDictionaryAsync(x => x.Id, x => x.RequisitionId, ct);
        var requisitions = await RequisitionProgress.LoadAsync(db, [.. sources.Values.Distinct()], ct);
        var lines = new List<(RequisitionLine Line, Requisition Requisition)>();
        for (var i = 0; i < ids.Count; i++)
        {
            var requisition = sources.TryGetValue(ids[i], out var rid) ? requisitions.Single(r => r.Id == rid) : null;
            var line = requisition?.Lines.Single(l => l.Id == ids[i]);
            if (requisition is null || line is null)
            {
                v.Add($"{field}[{i}].requisitionLineId", "not_found", "No such requisition line.");
            }
            else if (requisition.Status != RequisitionStatus.Approved || line.PurchaseOrderLineId is not null || requisition.ChangeOfRevisionId is not null)
            {
                v.Add($"{field}[{i}].requisitionLineId", "not_orderable", $"Line {line.LineNo} of {requisition.Number} is not waiting for an order (only approved lines not yet on an order are).");
            }
            else
            {
                lines.Add((line, requisition));
            }
        }

        return (requisitions, lines);
    }

    /// <summary>An order line for a requisition line: its item, price, need-by date, GL account and cost splits carried over, linked both ways.</summary>
    public static PurchaseOrderLine NewLine(PurchaseOrder order, int lineNo, RequisitionLine line, Requisition requisition, int taxRateBasisPoints, ReceiveBy receiveBy, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(requisition);
        var orderLine = new PurchaseOrderLine
        {
            Id = Ids.New(now),
            PurchaseOrderId = order.Id,
            LineNo = lineNo,
            RequisitionId = requisition.Id,
            RequisitionLineId = line.Id,
            ItemId = line.ItemId,
            OfferId = line.OfferId,
            Description = line.Description,
            CategoryId = line.CategoryId,
            QuantityUnits = line.QuantityUnits,
            Unit = line.Unit,
            UnitPriceMicros = line.UnitPriceMicros,
            AmountMinor = line.AmountMinor,
            TaxRateBasisPoints = taxRateBasisPoints,
            NeedBy = line.NeedBy,
            GlAccountId = line.GlAccountId,
            ReceiveBy = receiveBy,
        };
        var own = requisition.Splits.Where(s => s.LineId == line.Id).ToList();
        orderLine.Splits.AddRange((own.Count > 0 ? own : requisition.Splits.Where(s => s.LineId == null)).OrderBy(s => s.Position).Select((s, k) => new PurchaseOrderSplit
        {
            Id = Ids.New(now),
            PurchaseOrderLineId = orderLine.Id,
            Position = k,
            DepartmentId = s.DepartmentId,
            LocationId = s.LocationId,
            CostCenterId = s.CostCenterId,
            GlAccountId = s.GlAccountId,
            ProjectId = s.ProjectId,
            PercentUnits = s.PercentUnits,
            AmountMinor = s.AmountMinor,
        }));
        line.PurchaseOrderLineId = orderLine.Id;
        return orderLine;
    }

    private static (int NetDays, int DiscountBasisPoints, int DiscountDays, bool EndOfMonth)? Terms(Validator v, TermsDto t)
    {
        v.Range(t.NetDays, "paymentTerms.netDays", 0, 365);
        var discount = v.Percent(t.DiscountPercent, "paymentTerms.discountPercent") ?? 0;
        v.Range(t.DiscountDays ?? 0, "paymentTerms.discountDays", 0, t.NetDays ?? 365);
        if (discount > 0 && (t.DiscountDays ?? 0) == 0)
        {
            v.Add("paymentTerms.discountDays", "required", "An early-payment discount needs the days it applies within.");
        }

        return (t.NetDays ?? 0, discount, discount > 0 ? t.DiscountDays ?? 0 : 0, t.EndOfMonth ?? false);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/purchase-orders", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await HandleAsync(db, user, request, ct)).ToCreated(http, r => $"/api/v1/purchase-orders/{r.Id}"))
            .RequireRoles(PurchaseOrderAccess.Buyers);
}
