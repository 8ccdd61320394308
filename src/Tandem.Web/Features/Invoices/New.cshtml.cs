using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Money;
using Tandem.Domain.Organization;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices;

/// <summary>
/// Keying a paper or PDF invoice against an order: number, date, tax, and per order line the billed quantity and unit
/// price (filled with what was received and not yet invoiced, at the order's price). Or one without an order: vendor,
/// department, currency and lines in words, sent for approval. Saved through <see cref="CreateInvoice"/>.
/// </summary>
[Authorize(Roles = $"{Role.ApClerk},{Role.Controller},{Role.Admin}")]
public sealed class NewModel(TandemDb db) : TandemPage
{
    public sealed record LineInput(Guid OrderLineId, int LineNo, string Description, string Ordered, string Received, string Quantity, string UnitPrice);

    public PurchaseOrderResponse? Order { get; private set; }

    public IReadOnlyList<LineInput> Lines { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? OrderNumber { get; set; }

    /// <summary>The vendors and departments a non-PO invoice may name.</summary>
    public IReadOnlyList<Organization.Choice> Vendors { get; private set; } = [];

    public IReadOnlyList<Organization.Choice> Departments { get; private set; } = [];

    /// <summary>How many lines the non-PO form offers.</summary>
    public const int NonPoLines = 5;

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostNonPoAsync(Guid? vendorId, Guid? departmentId, string? currency, string? number, string? invoiceDate, string? tax,
        List<string?> descriptions, List<string?> quantities, List<string?> unitPrices)
    {
        var lines = descriptions.Select((d, i) => new CreateInvoice.LineRequest(null, quantities.ElementAtOrDefault(i), unitPrices.ElementAtOrDefault(i), d))
            .Where(l => !string.IsNullOrWhiteSpace(l.Description)).ToList();
        var result = await CreateInvoice.HandleAsync(db, Me, new CreateInvoice.Request(null, number, invoiceDate, tax, lines, vendorId, currency, departmentId), Ct);
        if (result.IsSuccess)
        {
            TempData["Notice"] = $"Invoice {result.Value.Number} entered without a purchase order: {result.Value.HeaderExplanation}.";
            return Redirect($"/Invoices/Detail?id={result.Value.Id}");
        }

        Errors = result.Errors;
        db.ChangeTracker.Clear();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid orderId, string? number, string? invoiceDate, string? tax, List<Guid> lineIds, List<string?> quantities, List<string?> unitPrices)
    {
        var lines = lineIds.Select((id, i) => (Id: id, Quantity: quantities.ElementAtOrDefault(i), Price: unitPrices.ElementAtOrDefault(i)))
            .Where(l => !string.IsNullOrWhiteSpace(l.Quantity) && l.Quantity.Trim() != "0")
            .Select(l => new CreateInvoice.LineRequest(l.Id, l.Quantity, l.Price)).ToList();
        var result = await CreateInvoice.HandleAsync(db, Me, new CreateInvoice.Request(orderId, number, invoiceDate, tax, lines), Ct);
        if (result.IsSuccess)
        {
            TempData["Notice"] = $"Invoice {result.Value.Number} entered: {result.Value.Status}.";
            return Redirect($"/Invoices/Detail?id={result.Value.Id}");
        }

        Errors = result.Errors;
        db.ChangeTracker.Clear();
        OrderNumber = await db.PurchaseOrders.Where(p => p.Id == orderId && p.CompanyId == Me.CompanyId).Select(p => p.Number).SingleOrDefaultAsync(Ct);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Vendors = await Organization.Lookups.VendorsAsync(db, Me.CompanyId, Ct);
        Departments = await Organization.Lookups.DepartmentsAsync(db, Me.CompanyId, Ct);
        if (string.IsNullOrWhiteSpace(OrderNumber))
        {
            return;
        }

        var order = await db.PurchaseOrders.AsNoTracking().Include(p => p.Lines).ThenInclude(l => l.Splits).AsSplitQuery()
            .SingleOrDefaultAsync(p => p.CompanyId == Me.CompanyId && p.Number == OrderNumber.Trim(), Ct);
        if (order is null)
        {
            Errors = [Domain.Error.Validation("invoice.order_not_found", $"No purchase order {OrderNumber}.", "orderNumber")];
            return;
        }

        Order = await PurchaseOrderResponse.BuildAsync(db, order, Ct);
        var currency = Currency.Of(order.Currency);
        Lines = [.. order.Lines.OrderBy(l => l.LineNo).Select(l => new LineInput(l.Id, l.LineNo, l.Description, new Quantity(l.QuantityUnits).ToString(),
            new Quantity(l.ReceivedNet).ToString(), new Quantity(Math.Max(0, (l.ReceiveBy == ReceiveBy.Amount ? l.QuantityUnits : l.ReceivedNet) - l.InvoicedUnits)).ToString(),
            new UnitPrice(l.UnitPriceMicros, currency).ToDecimal().ToString("0.00####", System.Globalization.CultureInfo.InvariantCulture)))];
    }
}
