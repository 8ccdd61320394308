using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Billing;
using Tandem.Domain.Money;
using Tandem.Web.Features.Accounting;
using Tandem.Web.Features.Invoices;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Billing;

/// <summary>Reads a bill's invoices into the domain's <see cref="BillContent"/>: company-currency amounts at each order's rate, GL and cost center shares, paid or not.</summary>
public static class BillContents
{
    /// <summary>The content of a bill from its items (a few set-based queries, however many invoices).</summary>
    public static async Task<BillContent> LoadAsync(TandemDb db, Guid companyId, Guid billId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var company = await CompanyClock.CurrencyAsync(db, companyId, ct);
        var gl = await db.GlAccounts.AsNoTracking().Where(g => g.CompanyId == companyId).Select(g => new { g.Id, g.Code }).ToDictionaryAsync(g => g.Id, g => g.Code, ct);
        var costCenters = await db.CostCenters.AsNoTracking().Where(c => c.CompanyId == companyId).Select(c => new { c.Id, c.Code }).ToDictionaryAsync(c => c.Id, c => c.Code, ct);
        var vendors = await db.Vendors.AsNoTracking().Where(v => v.CompanyId == companyId).Select(v => new { v.Id, v.LegalName }).ToDictionaryAsync(v => v.Id, v => v.LegalName, ct);
        // Each query starts from what it returns and checks membership through indexed keys (item by invoice, invoice
        // line by order line), so it stays linear in the bill's size.
        var items = db.ConsolidatedBillItems.Where(b => b.BillId == billId);
        var invoices = await items.Join(db.Invoices, b => b.InvoiceId, i => i.Id, (b, i) => i).AsNoTracking().Include(i => i.Lines).AsSplitQuery().ToListAsync(ct);
        var orderLines = await db.PurchaseOrderLines.AsNoTracking().Include(l => l.Splits)
            .Where(l => db.Set<InvoiceLine>().Any(x => x.PurchaseOrderLineId == l.Id && db.ConsolidatedBillItems.Any(b => b.BillId == billId && b.InvoiceId == x.InvoiceId)))
            .AsSplitQuery().ToDictionaryAsync(l => l.Id, ct);
        var result = new List<BillInvoice>(invoices.Count);
        foreach (var i in invoices)
        {
            long ToCompany(long minor) => i.Currency == company.Code ? minor
                : Conversion.Convert(new Money(minor, Currency.Of(i.Currency)), i.RateUnits, ExchangeRate.Scale, company).Minor;
            var shares = new List<(string, string, long)>();
            foreach (var line in i.Lines.OrderBy(l => l.LineNo))
            {
                var postings = AccountingSetup.Postings(line.AmountMinor, i.Currency, line.PurchaseOrderLineId is { } o ? orderLines[o] : null, line.GlAccountId, line.CostCenterId, i.DepartmentId)
                    ?? [(new Domain.Accounting.Posting(Guid.Empty), line.AmountMinor)];
                shares.AddRange(postings.Select(p => (gl.GetValueOrDefault(p.Posting.GlAccountId, "(uncoded)"),
                    p.Posting.CostCenterId is { } c ? costCenters.GetValueOrDefault(c, "") : "", ToCompany(p.AmountMinor))));
            }

            result.Add(new BillInvoice(i.Id, i.Number, i.InvoiceDate, i.VendorId, vendors.GetValueOrDefault(i.VendorId, ""), i.Kind == InvoiceKind.CreditNote,
                ToCompany(i.SubtotalMinor + i.ChargesMinor), ToCompany(i.TaxMinor), shares, i.PaidAtUtc is not null));
        }

        return ConsolidatedBilling.Build(result);
    }
}
