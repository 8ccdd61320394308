using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Budgets;
using Tandem.Domain.Money;
using Tandem.Domain.Numbering;
using Tandem.Domain.Payments;
using Tandem.Domain.Purchasing;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Analytics;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Features.Invoices;
using Tandem.Web.Features.Payments;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Hosting;

namespace Tandem.Web.Platform.Cli;

/// <summary>
/// Two years of purchasing history for the analytics benchmarks (<c>seed --spend-history --orders N --vendors V</c>,
/// into the demo company): V vendors with Zipf-like popularity; N issued orders spread over the 24 months before today
/// with seasonality (busier Q4 and month ends), departments of different sizes (Zipf), a category per vendor, GL
/// accounts 6000–6800, two or three lines each; each order invoiced in two halves (a week and three weeks after issue;
/// the second half of recent orders is still open — committed), invoices paid on or after their due date (some early,
/// with the discount). Spend facts are written as the app writes them (one per charged line split). Month by month, in
/// bulk, every document row audited. Afterwards it measures the cost of keeping the facts current for one invoice, as
/// matching does (the facts rebuilt for the newest invoices, each in its own transaction). Deterministic for a seed.
/// </summary>
public static class SpendHistorySeed
{
    public static async Task<int> RunAsync(TandemDb db, int orderCount, int vendorCount, int seed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Code == DemoData.CompanyCode, ct);
        if (company is null)
        {
            Console.Error.WriteLine("Seed the demo company first (seed --demo).");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var random = new Random(seed);
        var now = db.Clock.GetUtcNow();
        var today = await CompanyClock.TodayAsync(db, company.Id, ct);
        var buyer = await db.Users.AsNoTracking().Where(u => u.Email == "buyer@demo.tandem.dev").Select(u => u.Id).SingleAsync(ct);
        var ap = await db.Users.AsNoTracking().Where(u => u.Email == "ap@demo.tandem.dev").Select(u => u.Id).SingleAsync(ct);
        var accounts = await db.GlAccounts.AsNoTracking().Where(g => g.CompanyId == company.Id && g.Code.CompareTo("6000") >= 0 && g.Code.CompareTo("6999") <= 0).OrderBy(g => g.Code).Select(g => g.Id).ToListAsync(ct);
        var departments = await db.Departments.AsNoTracking().Where(d => d.CompanyId == company.Id).OrderBy(d => d.Code).Select(d => d.Id).ToListAsync(ct);
        var categories = await db.Categories.AsNoTracking().Where(c => c.CompanyId == company.Id).OrderBy(c => c.Code).Select(c => c.Id).ToListAsync(ct);
        var weekends = (await PaymentSettings.ForAsync(db, company.Id, ct)).WeekendRule;
        var run = $"{seed}{now:HHmmss}";
        var (vendors, contacts, terms) = PayablesSeed.NewVendors(company.Id, buyer, vendorCount, run, random, now);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await BulkInsert.InsertAsync(db, vendors, ct);
            await BulkInsert.InsertAsync(db, contacts, ct);
            await transaction.CommitAsync(ct);
        }

        var vendorPick = PayablesSeed.Zipf(vendorCount);
        var departmentPick = PayablesSeed.Zipf(departments.Count);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-23);
        var months = Enumerable.Range(0, 24).Select(m => first.AddMonths(m)).ToList();
        var weights = months.Select(m => 1.0 + (m.Month >= 10 ? 0.4 : 0) + (0.15 * Math.Sin(m.Month))).ToList();
        var sequence = 0;
        long orders = 0, orderLines = 0, invoices = 0, invoiceLines = 0, facts = 0;
        for (var m = 0; m < months.Count; m++)
        {
            var batch = new Batch();
            var inMonth = (int)Math.Round(orderCount * weights[m] / weights.Sum());
            var days = months[m].AddMonths(1).DayNumber - months[m].DayNumber;
            for (var n = 0; n < inMonth; n++)
            {
                // Month ends are busier: a third of the orders fall in the last five days.
                var day = months[m].AddDays(random.Next(3) == 0 ? days - 1 - random.Next(5) : random.Next(days));
                if (day > today)
                {
                    continue;
                }

                var v = PayablesSeed.Pick(vendorPick, random);
                var department = departments[PayablesSeed.Pick(departmentPick, random)];
                AddOrder(batch, new OrderSpec(company.Id, run, ++sequence, vendors[v].Id, terms[v], categories.Count == 0 ? null : categories[v % categories.Count],
                    accounts[v % accounts.Count], department, day, buyer, ap, today, weekends), random);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await BulkInsert.InsertAsync(db, batch.Orders, ct);
            await BulkInsert.InsertAsync(db, batch.Lines, ct);
            await BulkInsert.InsertAsync(db, batch.Splits, ct);
            await BulkInsert.InsertAsync(db, batch.Invoices, ct);
            await BulkInsert.InsertAsync(db, batch.InvoiceLines, ct);
            await BulkInsert.InsertAsync(db, batch.Facts, ct);
            await transaction.CommitAsync(ct);
            (orders, orderLines, invoices, invoiceLines, facts) = (orders + batch.Orders.Count, orderLines + batch.Lines.Count, invoices + batch.Invoices.Count,
                invoiceLines + batch.InvoiceLines.Count, facts + batch.Facts.Count);
            Console.Write($"\r{months[m]:yyyy-MM}: {orders} orders, {invoiceLines} invoice lines, {facts} spend facts ({clock.Elapsed.TotalSeconds:F0} s)");
        }

        Console.WriteLine();
        Console.WriteLine($"Seeded {vendorCount} vendors, {orders} orders ({orderLines} lines), {invoices} invoices ({invoiceLines} lines), {facts} spend facts over {months[0]:yyyy-MM}..{months[^1]:yyyy-MM} in {clock.Elapsed.TotalSeconds:F0} s (seed {seed}, batch {run}).");
        clock.Restart();
        await db.Database.ExecuteSqlRawAsync("ANALYZE", ct); // fresh planner statistics after a bulk load, as an import would leave them
        await SpendRollups.RebuildAllAsync(db, company.Id, ct);
        Console.WriteLine($"Built the monthly spend rollups ({await db.SpendRollups.CountAsync(r => r.CompanyId == company.Id, ct)} rows) in {clock.Elapsed.TotalSeconds:F1} s.");
        await MeasureUpkeepAsync(db, company.Id, ct);
        return 0;
    }

    /// <summary>The cost of keeping the spend facts current per invoice: each of the newest 200 invoices has its facts rebuilt in its own transaction, as when it is matched.</summary>
    private static async Task MeasureUpkeepAsync(TandemDb db, Guid companyId, CancellationToken ct)
    {
        var ids = await db.Invoices.AsNoTracking().Where(i => i.CompanyId == companyId && i.Status == InvoiceStatus.ReadyToPay)
            .OrderByDescending(i => i.InvoiceDate).ThenBy(i => i.Id).Select(i => i.Id).Take(200).ToListAsync(ct);
        var times = new List<double>();
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var invoice = await db.Invoices.Include(i => i.Lines).SingleAsync(i => i.Id == id, ct);
            var order = await db.PurchaseOrders.AsNoTracking().Include(p => p.Lines).ThenInclude(l => l.Splits).AsSplitQuery().SingleAsync(p => p.Id == invoice.PurchaseOrderId, ct);
            var clock = Stopwatch.StartNew();
            await Transactions.RunAsync<bool>(db, async () =>
            {
                var document = LedgerDocument.Of(invoice, order);
                var charges = await BudgetLedger.ChargesAsync(db, document, ct);
                await SpendFacts.ReplaceAsync(db, document, document.Kind, charges.Value, ct);
                await db.SaveChangesAsync(ct);
                return true;
            }, ct);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        var rebuild = Stopwatch.StartNew();
        var months = await SpendRollups.RebuildMarkedAsync(db, ct);
        Console.WriteLine(FormattableString.Invariant($"Rebuilding the {months} month(s) those invoices marked (the rollup job): {rebuild.Elapsed.TotalMilliseconds:F0} ms"));
        times.Sort();
        if (times.Count > 0)
        {
            Console.WriteLine(FormattableString.Invariant($"Keeping spend facts current, per invoice ({times.Count} invoices, each in its own transaction): p50 {times[times.Count / 2]:F2} ms, p95 {times[(int)(times.Count * 0.95)]:F2} ms"));
        }
    }

    private sealed record OrderSpec(Guid CompanyId, string Run, int Sequence, Guid VendorId, PaymentTerms Terms, Guid? CategoryId, Guid GlAccountId, Guid DepartmentId,
        DateOnly Day, Guid Buyer, Guid Ap, DateOnly Today, WeekendRule Weekends);

    private sealed class Batch
    {
        public List<PurchaseOrder> Orders { get; } = [];

        public List<PurchaseOrderLine> Lines { get; } = [];

        public List<PurchaseOrderSplit> Splits { get; } = [];

        public List<Invoice> Invoices { get; } = [];

        public List<InvoiceLine> InvoiceLines { get; } = [];

        public List<SpendFact> Facts { get; } = [];
    }

    private static void AddOrder(Batch batch, OrderSpec s, Random random)
    {
        var usd = Currency.Of("USD");
        var issuedAt = s.Day.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        var order = new PurchaseOrder
        {
            Id = Ids.New(issuedAt),
            CompanyId = s.CompanyId,
            Number = DocumentNumber.Format($"H{s.Run}", s.Day.Year, s.Sequence),
            VendorId = s.VendorId,
            Currency = "USD",
            RateUnits = Features.Organization.ExchangeRate.Scale,
            BuyerId = s.Buyer,
            PaymentNetDays = s.Terms.NetDays,
            PaymentDiscountBasisPoints = s.Terms.DiscountBasisPoints,
            PaymentDiscountDays = s.Terms.DiscountDays,
            PaymentEndOfMonth = s.Terms.EndOfMonth,
            CreatedAtUtc = issuedAt,
            IssuedAtUtc = issuedAt,
            IssuedOn = s.Day,
        };
        var lineCount = 2 + random.Next(2);
        for (var l = 1; l <= lineCount; l++)
        {
            var quantity = new Quantity(2 * random.Next(1, 11) * Quantity.Scale);
            var price = new UnitPrice(random.Next(5, 400) * 1_000_000L, usd);
            var line = new PurchaseOrderLine
            {
                Id = Ids.New(issuedAt),
                PurchaseOrderId = order.Id,
                LineNo = l,
                Description = $"Goods line {l} (benchmark history)",
                CategoryId = s.CategoryId,
                QuantityUnits = quantity.Units,
                Unit = "EA",
                UnitPriceMicros = price.Micros,
                AmountMinor = LineAmount.Of(quantity, price).Minor,
                NeedBy = s.Day.AddDays(14),
                GlAccountId = s.GlAccountId,
                ReceiveBy = ReceiveBy.Amount,
            };
            batch.Lines.Add(line);
            order.Lines.Add(line);
            batch.Splits.Add(new PurchaseOrderSplit { Id = Ids.New(issuedAt), PurchaseOrderLineId = line.Id, Position = 1, DepartmentId = s.DepartmentId, GlAccountId = s.GlAccountId, PercentUnits = 100 * 10_000 });
        }

        order.SubtotalMinor = order.TotalMinor = order.ApprovedSubtotalMinor = order.Lines.Sum(l => l.AmountMinor);
        var halves = new[] { s.Day.AddDays(7), s.Day.AddDays(21) }.Where(d => d <= s.Today).ToList();
        foreach (var (invoiceDate, half) in halves.Select((d, i) => (d, i)))
        {
            AddInvoice(batch, s, order, invoiceDate, half, random);
        }

        foreach (var line in order.Lines)
        {
            line.InvoicedUnits = line.QuantityUnits / 2 * halves.Count;
            var open = line.AmountMinor - (line.AmountMinor / 2 * halves.Count);
            if (open > 0)
            {
                batch.Facts.Add(Fact(s, order.Id, order.Number, BudgetLedger.PurchaseOrderDocument, ConsumptionKind.Committed, line.LineNo, line.NeedBy!.Value, open, issuedAt));
            }
        }

        order.Status = halves.Count == 2 ? PurchaseOrderStatus.Closed : PurchaseOrderStatus.Issued;
        order.ClosedAtUtc = halves.Count == 2 ? issuedAt.AddDays(21) : null;
        order.Lines = [];
        batch.Orders.Add(order);
    }

    private static void AddInvoice(Batch batch, OrderSpec s, PurchaseOrder order, DateOnly date, int half, Random random)
    {
        var createdAt = date.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
        var invoice = new Invoice
        {
            Id = Ids.New(createdAt),
            CompanyId = s.CompanyId,
            VendorId = s.VendorId,
            Kind = InvoiceKind.Invoice,
            Number = $"HI-{order.Number}-{half + 1}",
            NumberKey = $"HI{order.Number}{half + 1}".Replace("-", "", StringComparison.Ordinal),
            InvoiceDate = date,
            PurchaseOrderId = order.Id,
            RateUnits = order.RateUnits,
            Currency = "USD",
            Status = InvoiceStatus.ReadyToPay,
            PaymentNetDays = s.Terms.NetDays,
            PaymentDiscountBasisPoints = s.Terms.DiscountBasisPoints,
            PaymentDiscountDays = s.Terms.DiscountDays,
            PaymentEndOfMonth = s.Terms.EndOfMonth,
            CreatedById = s.Ap,
            CreatedAtUtc = createdAt,
            ReadyAtUtc = createdAt.AddHours(random.Next(0, 48)),
            FirstPassMatched = random.Next(10) < 9,
            Touched = random.Next(10) < 3,
        };
        invoice.FirstExceptions = invoice.FirstPassMatched ? "" : "priceOverTolerance";
        foreach (var line in order.Lines)
        {
            var amount = line.AmountMinor / 2;
            batch.InvoiceLines.Add(new InvoiceLine
            {
                Id = Ids.New(createdAt),
                InvoiceId = invoice.Id,
                LineNo = line.LineNo,
                PurchaseOrderLineId = line.Id,
                Description = line.Description,
                QuantityUnits = line.QuantityUnits / 2,
                UnitPriceMicros = line.UnitPriceMicros,
                AmountMinor = amount,
                GlAccountId = line.GlAccountId,
                CodingSource = "orderLine",
                CodingConfidenceBasisPoints = 10_000,
                MatchStatus = "matched",
                Explanation = "Matched (benchmark history).",
            });
            invoice.SubtotalMinor += amount;
            batch.Facts.Add(Fact(s, invoice.Id, invoice.Number, BudgetLedger.InvoiceDocument, ConsumptionKind.Actual, line.LineNo, date, amount, createdAt));
        }

        PriceVariance.Record(invoice, batch.InvoiceLines.TakeLast(order.Lines.Count), order.Lines.ToDictionary(l => l.Id));
        invoice.TotalMinor = invoice.PayableMinor = invoice.SubtotalMinor;
        var schedule = PaymentSchedule.For(s.Terms, date, invoice.PayableMinor, s.Weekends);
        (invoice.DueDate, invoice.DiscountDate, invoice.DiscountMinor, invoice.DiscountAnnualizedBasisPoints) =
            (schedule.DueDate, schedule.DiscountDate, schedule.DiscountMinor, schedule.AnnualizedBasisPoints);
        var early = schedule.DiscountDate is { } last && random.Next(2) == 0 ? last : (DateOnly?)null;
        var paidOn = early ?? schedule.DueDate.AddDays(random.Next(10) < 8 ? 0 : 5);
        if (paidOn < s.Today)
        {
            invoice.PaidOn = paidOn;
            invoice.PaidAtUtc = paidOn.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
            invoice.DiscountTakenMinor = early is null ? 0 : schedule.DiscountMinor;
            invoice.PaidMinor = invoice.PayableMinor - invoice.DiscountTakenMinor;
        }

        batch.Invoices.Add(invoice);
    }

    private static SpendFact Fact(OrderSpec s, Guid documentId, string number, string type, ConsumptionKind kind, int lineNo, DateOnly day, long amount, DateTime at) => new()
    {
        Id = Ids.New(at),
        CompanyId = s.CompanyId,
        Kind = kind,
        DocumentType = type,
        DocumentId = documentId,
        DocumentNumber = number,
        LineNo = lineNo,
        Day = day,
        DepartmentId = s.DepartmentId,
        GlAccountId = s.GlAccountId,
        VendorId = s.VendorId,
        CategoryId = s.CategoryId,
        OnPurchaseOrder = true,
        AmountMinor = amount,
    };
}
