using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Accounting;
using Tandem.Web.Features.Invoices;
using Tandem.Web.Features.Payments;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Accounting;

/// <summary>What a posting pass did: entries written, and documents left out with why (no GL account).</summary>
public sealed record PostingOutcome(int Invoices, int Payments, IReadOnlyList<string> Skipped);

/// <summary>
/// Books what finance has approved and not yet booked, up to a date: ready-to-pay invoices and credit notes (expenses
/// by allocation, tax, payables) and paid payments (payables, cash, discounts earned). Each source gets one entry, ever
/// (a unique index), dated on the document's date — or the first day of the next open period when its month is closed.
/// </summary>
public static class PostJournals
{
    private const int Batch = 1000;

    public static async Task<Result<PostingOutcome>> PostAsync(TandemDb db, Guid companyId, DateOnly upTo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var accounts = await AccountingSetup.LedgerAccountsAsync(db, companyId, ct);
        if (!accounts.IsSuccess)
        {
            return Result<PostingOutcome>.Failure(accounts.Errors);
        }

        var closed = await AccountingSetup.ClosedAsync(db, companyId, ct);
        var skipped = new List<string>();
        var invoices = 0;
        while (true)
        {
            var batch = await db.Invoices.AsNoTracking().Include(i => i.Lines)
                .Where(i => i.CompanyId == companyId && i.Status == InvoiceStatus.ReadyToPay && i.InvoiceDate <= upTo
                    && !db.JournalEntries.Any(e => e.CompanyId == companyId && e.SourceId == i.Id))
                .Where(i => !skipped.Contains(i.Number))
                .OrderBy(i => i.Id).Take(Batch).AsSplitQuery().ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            invoices += await InvoicesAsync(db, batch, accounts.Value, closed, skipped, ct);
            if (batch.Count < Batch)
            {
                break;
            }
        }

        var payments = await PaymentsAsync(db, companyId, upTo, accounts.Value, closed, ct);
        return new PostingOutcome(invoices, payments, skipped);
    }

    private static async Task<int> InvoicesAsync(TandemDb db, List<Invoice> batch, LedgerAccounts accounts, HashSet<string> closed, List<string> skipped, CancellationToken ct)
    {
        var lineIds = batch.SelectMany(i => i.Lines).Select(l => l.PurchaseOrderLineId).OfType<Guid>().Distinct().ToList();
        var orderLines = await db.PurchaseOrderLines.AsNoTracking().Include(l => l.Splits).Where(l => lineIds.Contains(l.Id)).AsSplitQuery().ToDictionaryAsync(l => l.Id, ct);
        var vendorIds = batch.Select(i => i.VendorId).Distinct().ToList();
        var vendors = await db.Vendors.AsNoTracking().Where(v => vendorIds.Contains(v.Id)).Select(v => new { v.Id, v.LegalName }).ToDictionaryAsync(v => v.Id, v => v.LegalName, ct);
        var now = db.Clock.GetUtcNow();
        var entries = new List<JournalEntry>();
        foreach (var invoice in batch)
        {
            var expenses = new List<(Posting Posting, long AmountMinor)>();
            foreach (var line in invoice.Lines.OrderBy(l => l.LineNo))
            {
                var postings = AccountingSetup.Postings(line.AmountMinor, invoice.Currency,
                    line.PurchaseOrderLineId is { } orderLine ? orderLines[orderLine] : null, line.GlAccountId, line.CostCenterId, invoice.DepartmentId);
                if (postings is null)
                {
                    expenses.Clear();
                    break;
                }

                expenses.AddRange(postings);
            }

            if (expenses.Count == 0)
            {
                skipped.Add(invoice.Number);
                continue;
            }

            if (invoice.ChargesMinor != 0)
            {
                // Document-level charges and allowances follow the largest expense.
                var largest = expenses.Select((e, i) => (e, i)).MaxBy(x => Math.Abs(x.e.AmountMinor)).i;
                expenses[largest] = (expenses[largest].Posting, expenses[largest].AmountMinor + invoice.ChargesMinor);
            }

            var credit = invoice.Kind == InvoiceKind.CreditNote;
            var draft = Journals.ForInvoice(new InvoiceFacts(AccountingSetup.FirstOpen(invoice.InvoiceDate, closed), invoice.Currency, invoice.Number,
                vendors.GetValueOrDefault(invoice.VendorId, ""), credit, expenses, invoice.TaxMinor), accounts);
            entries.Add(Entry(invoice.CompanyId, draft, credit ? "creditNote" : "invoice", invoice.Id, invoice.Number, now));
        }

        await StoreAsync(db, entries, ct);
        return entries.Count;
    }

    private static async Task<int> PaymentsAsync(TandemDb db, Guid companyId, DateOnly upTo, LedgerAccounts accounts, HashSet<string> closed, CancellationToken ct)
    {
        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.CompanyId == companyId && p.Status == PaymentStatus.Paid && !db.JournalEntries.Any(e => e.CompanyId == companyId && e.SourceId == p.Id))
            .Join(db.PaymentRuns, p => p.PaymentRunId, r => r.Id, (p, r) => new { Payment = p, r.PayDate })
            .Where(x => x.PayDate <= upTo)
            .ToListAsync(ct);
        var now = db.Clock.GetUtcNow();
        var entries = payments.Select(x => Entry(companyId, Journals.ForPayment(new PaymentFacts(AccountingSetup.FirstOpen(x.PayDate, closed), x.Payment.Currency,
            x.Payment.EndToEndId, x.Payment.PayeeName, x.Payment.AmountMinor + x.Payment.DiscountMinor, x.Payment.DiscountMinor, x.Payment.AmountMinor), accounts),
            "payment", x.Payment.Id, x.Payment.EndToEndId, now)).ToList();
        await StoreAsync(db, entries, ct);
        return entries.Count;
    }

    public static JournalEntry Entry(Guid companyId, JournalDraft draft, string kind, Guid sourceId, string sourceNumber, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!draft.IsBalanced)
        {
            throw new InvalidOperationException($"Unbalanced journal for {kind} {sourceNumber}: debits {draft.Debits}, credits {draft.Credits}.");
        }

        var id = Ids.New(now);
        return new JournalEntry
        {
            Id = id,
            CompanyId = companyId,
            EntryDate = draft.Date,
            Currency = draft.Currency,
            SourceKind = kind,
            SourceId = sourceId,
            SourceNumber = sourceNumber.Length <= 50 ? sourceNumber : sourceNumber[..50],
            Memo = draft.Memo.Length <= 300 ? draft.Memo : draft.Memo[..300],
            CreatedAtUtc = now.UtcDateTime,
            Lines = [.. draft.Lines.Select((l, i) => new JournalLine
            {
                Id = Ids.New(now), EntryId = id, LineNo = i + 1, GlAccountId = l.Posting.GlAccountId, DepartmentId = l.Posting.DepartmentId,
                CostCenterId = l.Posting.CostCenterId, ProjectId = l.Posting.ProjectId, DebitMinor = l.DebitMinor, CreditMinor = l.CreditMinor,
            })],
        };
    }

    public static async Task StoreAsync(TandemDb db, List<JournalEntry> entries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await BulkInsert.InsertAsync(db, entries, ct);
        await BulkInsert.InsertAsync(db, [.. entries.SelectMany(e => e.Lines)], ct);
    }
}
