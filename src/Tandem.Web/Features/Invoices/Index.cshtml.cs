using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices;

/// <summary>The AP inbox: invoices in exception first (oldest first, with age, amount and reasons), then those ready to pay.</summary>
[Authorize(Roles = $"{Role.ApClerk},{Role.Controller},{Role.Admin}")]
public sealed class IndexModel(TandemDb db) : TandemPage
{
    public sealed record Row(Guid Id, string Number, string Vendor, string Order, string Status, string Total, int AgeDays, string Reasons);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>Received electronic invoices waiting for a clerk (unknown vendor, order not found).</summary>
    public int Waiting { get; private set; }

    public async Task OnGetAsync()
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        Waiting = await db.InvoiceDocuments.CountAsync(d => d.CompanyId == Me.CompanyId
            && (d.Status == Capture.InvoiceDocumentStatus.UnknownVendor || d.Status == Capture.InvoiceDocumentStatus.NoOrder), HttpContext.RequestAborted);
        var invoices = await db.Invoices.AsNoTracking().Include(i => i.Lines).Where(i => i.CompanyId == Me.CompanyId && i.Status != InvoiceStatus.Rejected)
            .Where(i => i.Kind == InvoiceKind.Invoice)
            .Join(db.Vendors, i => i.VendorId, v => v.Id, (i, v) => new { Invoice = i, Vendor = v.TradingName ?? v.LegalName })
            .Select(x => new { x.Invoice, x.Vendor, Order = db.PurchaseOrders.Where(p => p.Id == x.Invoice.PurchaseOrderId).Select(p => p.Number).FirstOrDefault() ?? "no PO" })
            .Take(500).ToListAsync(HttpContext.RequestAborted);
        Rows = [.. invoices.OrderBy(x => x.Invoice.Status != InvoiceStatus.Exception).ThenBy(x => x.Invoice.CreatedAtUtc).Select(x =>
        {
            var response = InvoiceResponse.From(x.Invoice);
            return new Row(x.Invoice.Id, x.Invoice.Number, x.Vendor, x.Order, response.Status, $"{response.Total.Amount} {response.Total.Currency}",
                (int)(now - x.Invoice.CreatedAtUtc).TotalDays, string.Join(", ", response.HeaderExceptions.Concat(response.Lines.SelectMany(l => l.Exceptions)).Distinct()));
        })];
    }
}
