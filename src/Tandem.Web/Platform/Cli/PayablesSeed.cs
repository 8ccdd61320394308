using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Numbering;
using Tandem.Domain.Payments;
using Tandem.Domain.Purchasing;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Invoices;
using Tandem.Web.Features.Payments;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Features.Vendors;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Hosting;

namespace Tandem.Web.Platform.Cli;

/// <summary>
/// Volume data for the payables benchmarks (<c>seed --payables N --vendors V</c>, into the demo company): V active
/// vendors with verified bank accounts and a mix of terms (net 30, 2/10 net 30, net 45 EOM), one issued service order
/// each (two-way matched, so no receipts are needed), and N ready-to-pay invoices spread over the last 60 days with
/// Zipf-like vendor popularity, each billing part of its vendor's order at the order's price. Orders count what was
/// invoiced; invoices carry their terms, due dates and discounts as the application computes them. Written in bulk,
/// every row audited. Deterministic for a seed.
/// </summary>
public static class PayablesSeed
{
    public static async Task<int> RunAsync(TandemDb db, int invoices, int vendors, int seed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Code == DemoData.CompanyCode, ct);
        if (company is null)
        {
            Console.Error.WriteLine("Seed the demo company first (seed --demo).");
            return 2;
        }

        var random = new Random(seed);
        var now = db.Clock.GetUtcNow();
        var today = await CompanyClock.TodayAsync(db, company.Id, ct);
        var buyer = await db.Users.AsNoTracking().Where(u => u.Email == "buyer@demo.tandem.dev").Select(u => u.Id).SingleAsync(ct);
        var ap = await db.Users.AsNoTracking().Where(u => u.Email == "ap@demo.tandem.dev").Select(u => u.Id).SingleAsync(ct);
        var gl = await db.GlAccounts.AsNoTracking().Where(g => g.CompanyId == company.Id && g.Code == "6200").Select(g => g.Id).SingleAsync(ct);
        var departments = await db.Departments.AsNoTracking().Where(d => d.CompanyId == company.Id).OrderBy(d => d.Code).Select(d => d.Id).ToListAsync(ct);
        var weekends = (await PaymentSettings.ForAsync(db, company.Id, ct)).WeekendRule;
        var run = $"{seed}{now:HHmmss}";

        var (vendorRows, contacts, terms) = NewVendors(company.Id, buyer, vendors, run, random, now);

        var cumulative = Zipf(vendors); // Zipf-like popularity
        var picks = new int[invoices];
        var perVendor = new long[vendors];
        var quantities = new long[invoices];
        for (var n = 0; n < invoices; n++)
        {
            picks[n] = Pick(cumulative, random);
            quantities[n] = random.Next(1, 20) * Domain.Money.Quantity.Scale;
            perVendor[picks[n]] += quantities[n];
        }

        var orders = new List<PurchaseOrder>(vendors);
        var lines = new List<PurchaseOrderLine>(vendors);
        var splits = new List<PurchaseOrderSplit>(vendors);
        var prices = new long[vendors];
        for (var i = 0; i < vendors; i++)
        {
            prices[i] = random.Next(10, 500) * 1_000_000L;
            var amount = perVendor[i] / Domain.Money.Quantity.Scale * prices[i] / 10_000;
            var order = new PurchaseOrder
            {
                Id = Ids.New(now),
                CompanyId = company.Id,
                Number = DocumentNumber.Format($"B{run}", today.Year, i + 1),
                VendorId = vendorRows[i].Id,
                Currency = "USD",
                RateUnits = Features.Organization.ExchangeRate.Scale,
                Status = PurchaseOrderStatus.Issued,
                BuyerId = buyer,
                PaymentNetDays = terms[i].NetDays,
                PaymentDiscountBasisPoints = terms[i].DiscountBasisPoints,
                PaymentDiscountDays = terms[i].DiscountDays,
                PaymentEndOfMonth = terms[i].EndOfMonth,
                SubtotalMinor = amount,
                TotalMinor = amount,
                ApprovedSubtotalMinor = amount,
                CreatedAtUtc = now.UtcDateTime,
                IssuedAtUtc = now.UtcDateTime,
                IssuedOn = today.AddDays(-90),
            };
            var line = new PurchaseOrderLine
            {
                Id = Ids.New(now),
                PurchaseOrderId = order.Id,
                LineNo = 1,
                Description = "Professional services (benchmark)",
                QuantityUnits = Math.Max(perVendor[i], Domain.Money.Quantity.Scale),
                Unit = "h",
                UnitPriceMicros = prices[i],
                AmountMinor = amount,
                GlAccountId = gl,
                ReceiveBy = ReceiveBy.Amount,
                InvoicedUnits = perVendor[i],
            };
            orders.Add(order);
            lines.Add(line);
            splits.Add(new PurchaseOrderSplit { Id = Ids.New(now), PurchaseOrderLineId = line.Id, Position = 1, DepartmentId = departments[i % departments.Count], GlAccountId = gl, PercentUnits = 100 * 10_000 });
        }

        var invoiceRows = new List<Invoice>(invoices);
        var invoiceLines = new List<InvoiceLine>(invoices);
        for (var n = 0; n < invoices; n++)
        {
            var i = picks[n];
            var date = today.AddDays(-random.Next(0, 60));
            var amount = quantities[n] / Domain.Money.Quantity.Scale * prices[i] / 10_000;
            var schedule = PaymentSchedule.For(terms[i], date, amount, weekends);
            var invoice = new Invoice
            {
                Id = Ids.New(now),
                CompanyId = company.Id,
                VendorId = vendorRows[i].Id,
                Kind = InvoiceKind.Invoice,
                Number = $"BI-{run}-{n:D7}",
                NumberKey = $"BI{run}{n:D7}",
                InvoiceDate = date,
                PurchaseOrderId = orders[i].Id,
                RateUnits = orders[i].RateUnits,
                Currency = "USD",
                Status = InvoiceStatus.ReadyToPay,
                SubtotalMinor = amount,
                TotalMinor = amount,
                PayableMinor = amount,
                PaymentNetDays = terms[i].NetDays,
                PaymentDiscountBasisPoints = terms[i].DiscountBasisPoints,
                PaymentDiscountDays = terms[i].DiscountDays,
                PaymentEndOfMonth = terms[i].EndOfMonth,
                DueDate = schedule.DueDate,
                DiscountDate = schedule.DiscountDate,
                DiscountMinor = schedule.DiscountMinor,
                DiscountAnnualizedBasisPoints = schedule.AnnualizedBasisPoints,
                CreatedById = ap,
                CreatedAtUtc = now.UtcDateTime,
                ReadyAtUtc = now.UtcDateTime,
                FirstPassMatched = true,
            };
            invoiceRows.Add(invoice);
            invoiceLines.Add(new InvoiceLine
            {
                Id = Ids.New(now),
                InvoiceId = invoice.Id,
                LineNo = 1,
                PurchaseOrderLineId = lines[i].Id,
                Description = lines[i].Description,
                QuantityUnits = quantities[n],
                UnitPriceMicros = prices[i],
                AmountMinor = amount,
                GlAccountId = gl,
                CodingSource = "orderLine",
                CodingConfidenceBasisPoints = 10_000,
                MatchStatus = "matched",
                Explanation = "Two-way match within tolerance (benchmark data).",
            });
            PriceVariance.Record(invoice, [invoiceLines[^1]], new Dictionary<Guid, PurchaseOrderLine> { [lines[i].Id] = lines[i] });
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await BulkInsert.InsertAsync(db, vendorRows, ct);
        await BulkInsert.InsertAsync(db, contacts, ct);
        await BulkInsert.InsertAsync(db, orders, ct);
        await BulkInsert.InsertAsync(db, lines, ct);
        await BulkInsert.InsertAsync(db, splits, ct);
        await BulkInsert.InsertAsync(db, invoiceRows, ct);
        await BulkInsert.InsertAsync(db, invoiceLines, ct);
        await transaction.CommitAsync(ct);
        Console.WriteLine($"Seeded {vendors} vendors, {vendors} orders and {invoices} ready-to-pay invoices (seed {seed}, batch {run}).");
        return 0;
    }

    /// <summary>
    /// <paramref name="count"/> active bench vendors with verified US bank accounts and a mix of terms (7 in 10 net 30,
    /// 2 in 10 on 2/10 net 30, 1 in 10 net 45 EOM), each with an accounts contact.
    /// </summary>
    public static (List<Vendor> Vendors, List<VendorContact> Contacts, PaymentTerms[] Terms) NewVendors(Guid companyId, Guid buyer, int vendors, string run, Random random, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(random);
        PaymentTerms[] termsMix = [new(30), new(30, 200, 10), new(45, EndOfMonth: true)];
        var vendorRows = new List<Vendor>(vendors);
        var contacts = new List<VendorContact>(vendors);
        var terms = new PaymentTerms[vendors];
        for (var i = 0; i < vendors; i++)
        {
            var id = Ids.New(now);
            var roll = random.Next(10);
            terms[i] = termsMix[roll < 7 ? 0 : roll < 9 ? 1 : 2];
            var account = (100_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            vendorRows.Add(new Vendor
            {
                Id = id,
                CompanyId = companyId,
                Code = $"B{run}-{i:D5}",
                LegalName = $"Bench Vendor {i:D5} ({run})",
                Country = "US",
                DefaultCurrency = "USD",
                PaymentNetDays = terms[i].NetDays,
                PaymentDiscountBasisPoints = terms[i].DiscountBasisPoints,
                PaymentDiscountDays = terms[i].DiscountDays,
                PaymentEndOfMonth = terms[i].EndOfMonth,
                Status = VendorStatus.Active,
                StatusReason = "Benchmark data",
                RequestedById = buyer,
                CreatedById = buyer,
                CreatedAtUtc = now.UtcDateTime,
                BankAccountHolder = $"Bench Vendor {i:D5}",
                BankAccountNumber = account,
                BankRoutingNumber = "021000021",
                BankMasked = $"•••• {account[^4..]} (routing 021000021)",
                BankVerifiedAtUtc = now.UtcDateTime,
            });
            contacts.Add(new VendorContact { Id = Ids.New(now), VendorId = id, CompanyId = companyId, Name = "Accounts", Email = $"ar{i}@bench-vendor.example", Role = "Accounts" });
        }

        return (vendorRows, contacts, terms);
    }

    /// <summary>Cumulative Zipf-like weights: item k is chosen with weight 1/(k+1).</summary>
    public static double[] Zipf(int count)
    {
        var cumulative = new double[count];
        for (var k = 0; k < count; k++)
        {
            cumulative[k] = (k == 0 ? 0 : cumulative[k - 1]) + (1.0 / (k + 1));
        }

        return cumulative;
    }

    public static int Pick(double[] cumulative, Random random)
    {
        var k = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
        return k < 0 ? ~k : k;
    }
}
