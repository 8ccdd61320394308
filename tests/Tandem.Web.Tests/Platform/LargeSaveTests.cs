using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Audit;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Audit;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Invoicing;
using Tandem.Web.Tests.Requisitions;
using static Tandem.Web.Tests.Purchasing.PurchasingSteps;

namespace Tandem.Web.Tests.Platform;

/// <summary>
/// Saves of hundreds of rows go set-based (LargeSaves, ADR 0023): what they write must be exactly what row-by-row
/// saving wrote — every row, every audit entry, every ledger row — and a failed save must leave nothing behind.
/// </summary>
public sealed class LargeSaveTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private const int Lines = 150;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_150_line_order_received_and_invoiced_in_one_go_is_written_whole_with_its_audit_trail_and_ledger()
    {
        var vendorId = await NewVendorAsync(factory, "BULK1");
        await factory.WithDbAsync(async db =>
        {
            var vendor = await db.Vendors.SingleAsync(v => v.Id == vendorId, Ct);
            (vendor.TaxId, vendor.TaxIdKey) = ("98-7654321", VendorNames.NormalizeTaxId("98-7654321"));
            return await db.SaveChangesAsync(Ct);
        });

        // A 150-line request, approved, ordered and issued: the order's lines and splits are large groups.
        using var requester = await factory.ClientForAsync("requester");
        var gl = await RequisitionSteps.GlAccountAsync(factory);
        var lines = string.Join(',', Enumerable.Range(1, Lines).Select(i =>
            $$"""{"description":"Bulk part {{i}}","quantity":"2","unitPrice":"1.{{i % 100:D2}}","glAccountId":"{{gl}}","needBy":"2026-12-15"}"""));
        using var created = await requester.PostAsync("/api/v1/requisitions", Json.Body($$"""{"title":"Bulk parts","lines":[{{lines}}]}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var requisition = await SubmittedAndApprovedAsync(factory, requester, await Json.ReadAsync(created));
        var draft = await OrderAsync(factory, requisition, vendorId);
        using var buyer = await factory.ClientForAsync("buyer");
        var order = await PostOkAsync(buyer, $"/api/v1/purchase-orders/{draft["id"]}/issue");
        var orderId = Guid.Parse((string)order["id"]!);
        Assert.Equal(Lines, order["lines"]!.AsArray().Count);

        // One receipt for every line: 150 order lines updated at once.
        using var receiver = await factory.ClientForAsync("receiver");
        await PostOkAsync(receiver, "/api/v1/receipts", $$"""
            {"purchaseOrderId":"{{orderId}}","lines":[{{string.Join(',', order["lines"]!.AsArray().Select(l => $$"""{"purchaseOrderLineId":"{{l!["id"]}}","accepted":"2"}"""))}}]}
            """);
        Assert.Equal([20_000L], await factory.WithDbAsync(db => db.PurchaseOrderLines.Where(l => l.PurchaseOrderId == orderId).Select(l => l.ReceivedNet).Distinct().ToListAsync(Ct)));

        // The vendor's invoice for all of it: lines, invoiced quantities, ledger rows and audit entries in one save.
        var invoiceLines = order["lines"]!.AsArray().Select(l => new UblSamples.Line((int)l!["lineNo"]!, 2, decimal.Parse((string)l["unitPrice"]!, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        using var delivered = await UblSamples.DeliverAsync(factory, UblSamples.Invoice("BULK-150", "US987654321", (string)order["number"]!, invoiceLines), "bulk.xml", Ct);
        Assert.Equal(HttpStatusCode.Created, delivered.StatusCode);
        var invoiceId = Guid.Parse((string)(await Json.ReadAsync(delivered))["invoiceId"]!);
        using var ap = await factory.ClientForAsync("ap");
        var invoice = await Json.ReadAsync(await ap.GetAsync($"/api/v1/invoices/{invoiceId}", Ct));
        Assert.Equal("readyToPay", (string)invoice["status"]!);
        Assert.Equal(Lines, invoice["lines"]!.AsArray().Count);

        var total = invoiceLines.Sum(l => (long)(l.Quantity * l.Price * 100));
        var written = await factory.WithDbAsync(async db => new
        {
            InvoicedLines = await db.PurchaseOrderLines.CountAsync(l => l.PurchaseOrderId == orderId && l.InvoicedUnits == 20_000, Ct),
            LineIds = await db.Set<Web.Features.Invoices.InvoiceLine>().Where(l => l.InvoiceId == invoiceId).Select(l => l.Id).ToListAsync(Ct),
            Created = await db.AuditEntries.Where(a => a.EntityType == "InvoiceLine" && a.Action == "created").Select(a => new { a.EntityId, a.AfterJson }).ToListAsync(Ct),
            Updated = await db.AuditEntries.Where(a => a.EntityType == "PurchaseOrderLine" && a.Action == "updated").Select(a => a.EntityId).ToListAsync(Ct),
            Facts = await db.SpendFacts.Where(f => f.DocumentId == invoiceId).SumAsync(f => f.AmountMinor, Ct),
        });
        Assert.Equal(Lines, written.InvoicedLines);
        Assert.Equal(Lines, written.LineIds.Count);
        var lineIds = written.LineIds.Select(id => id.ToString()).ToHashSet();
        var created150 = written.Created.Where(c => lineIds.Contains(c.EntityId)).ToList();
        Assert.Equal(Lines, created150.Count);
        Assert.All(created150, c => Assert.Contains("\"matchStatus\":\"matched\"", c.AfterJson, StringComparison.Ordinal));
        var orderLineIds = order["lines"]!.AsArray().Select(l => (string)l!["id"]!).ToHashSet();
        // The order lines' received and invoiced quantities are running sums of the receipt's and the invoice's lines,
        // which are on the record themselves: no entry per order line restates them (ADR 0010).
        Assert.DoesNotContain(written.Updated, orderLineIds.Contains);
        Assert.Equal(total, (await LedgerAsync(factory, invoiceId.ToString()))["Actual"]);
        Assert.Equal(total, written.Facts);
        var orderLedger = await LedgerAsync(factory, orderId.ToString());
        Assert.Equal(0, orderLedger.GetValueOrDefault("Committed"));
    }

    [Fact]
    public async Task Rows_written_without_the_change_tracker_get_the_same_created_entry_as_tracked_rows()
    {
        // BulkInsert writes "created" entries from the objects with one JSON writer; they must read exactly as the
        // entries the change tracker's path writes (names, order, value formats, escaping, company).
        await factory.WithDbAsync(async db =>
        {
            var vendor = await db.Vendors.AsNoTracking().OrderBy(v => v.Code).FirstAsync(Ct);
            var company = await db.Companies.AsNoTracking().FirstAsync(Ct);
            var offer = new Features.Catalog.Offer
            {
                Id = Guid.CreateVersion7(),
                CompanyId = company.Id,
                ItemId = Guid.NewGuid(),
                VendorId = vendor.Id,
                UnitPriceMicros = 12_345_600,
                Currency = "EUR",
                MinimumQuantityUnits = 10_000,
                PackSizeUnits = 60_000,
                LeadTimeDays = 9,
                ValidFrom = new DateOnly(2026, 3, 1),
                ContractReference = "Frame <A & B> \"2026\" é",
            };
            var now = new DateTime(2026, 12, 1, 9, 30, 15, 123, DateTimeKind.Utc);
            object[] rows = [offer, vendor, company];
            var untracked = rows.Select(r => AuditWriter.Created(db, db.Model.FindEntityType(r.GetType())!, [r], now).Single()).ToList();
            foreach (var row in rows)
            {
                db.Add(row);
            }

            var tracked = AuditWriter.Entries(db, db.Actor, now);
            foreach (var (bulk, row) in untracked.Zip(rows))
            {
                var expected = Assert.Single(tracked, t => t.EntityId == bulk.EntityId);
                Assert.Equal((expected.EntityType, expected.Action, expected.CompanyId, expected.ActorName), (bulk.EntityType, bulk.Action, bulk.CompanyId, bulk.ActorName));
                Assert.Equal(expected.AfterJson, bulk.AfterJson);
                Assert.Null(bulk.BeforeJson);

                // Both are written by hand for speed; the trail's format is what the serializer makes of the same values.
                var values = db.Entry(row).Properties.ToDictionary(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Metadata.Name), p => p.CurrentValue);
                var names = JsonNode.Parse(bulk.AfterJson!)!.AsObject().Select(p => p.Key).ToList();
                Assert.Equal(System.Text.Json.JsonSerializer.Serialize(names.ToDictionary(n => n, n => values[n]), AuditWriter.Json), bulk.AfterJson);
            }

            Assert.Contains("\"contractReference\":\"Frame <A & B> \\\"2026\\\" é\"", untracked[0].AfterJson, StringComparison.Ordinal);
            Assert.Equal(company.Id, untracked[2].CompanyId);
            return 0;
        });
    }

    [Fact]
    public async Task A_large_group_of_updated_rows_is_written_and_then_tracked_as_unchanged_with_its_new_values()
    {
        var (stored, updates) = await factory.WithDbAsync(async db =>
        {
            var company = await db.Companies.AsNoTracking().FirstAsync(Ct);
            var rates = Enumerable.Range(0, 120).Select(i => new ExchangeRate
            {
                Id = Guid.CreateVersion7(),
                CompanyId = company.Id,
                Currency = "XTS",
                ValidFrom = new DateOnly(2020, 1, 1).AddDays(i),
                RateUnits = ExchangeRate.Scale,
            }).ToList();
            db.ExchangeRates.AddRange(rates);
            await db.SaveChangesAsync(Ct);
            for (var i = 0; i < rates.Count; i++)
            {
                rates[i].RateUnits = ExchangeRate.Scale + i + 1;
            }

            await db.SaveChangesAsync(Ct);

            // Written by one UPDATE for the group, the rows are tracked as saved: unchanged, the new value the original one.
            Assert.All(rates, r => Assert.Equal((EntityState.Unchanged, r.RateUnits), (db.Entry(r).State, db.Entry(r).Property(x => x.RateUnits).OriginalValue)));
            rates[7].RateUnits = 42;
            await db.SaveChangesAsync(Ct);
            var ids = rates.Select(r => r.Id).ToList();
            var keys = ids.Select(id => id.ToString()).ToList();
            return (
                await db.ExchangeRates.AsNoTracking().Where(r => ids.Contains(r.Id)).OrderBy(r => r.ValidFrom).Select(r => r.RateUnits).ToListAsync(Ct),
                await db.AuditEntries.AsNoTracking().Where(a => keys.Contains(a.EntityId) && a.Action == "updated").Select(a => a.BeforeJson + " " + a.AfterJson).ToListAsync(Ct));
        });
        Assert.Equal(Enumerable.Range(0, 120).Select(i => i == 7 ? 42 : ExchangeRate.Scale + i + 1), stored);
        Assert.Equal(121, updates.Count);
        Assert.Contains($"{{\"rateUnits\":{ExchangeRate.Scale + 8}}} {{\"rateUnits\":42}}", updates);
    }

    [Fact]
    public async Task A_large_save_that_fails_leaves_nothing_and_can_be_retried_with_the_same_changes()
    {
        var (entries, retried) = await factory.WithDbAsync(async db =>
        {
            var company = await db.Companies.AsNoTracking().FirstAsync(Ct);
            var existing = await db.GlAccounts.AsNoTracking().FirstAsync(g => g.CompanyId == company.Id, Ct);
            var marker = Guid.CreateVersion7().ToString();
            var rows = Enumerable.Range(0, 120).Select(_ => Probe(company.Id, marker, Guid.CreateVersion7())).ToList();
            db.AuditEntries.AddRange(rows);
            var clash = new GlAccount { Id = Guid.CreateVersion7(), CompanyId = company.Id, Code = existing.Code, Name = "Duplicate code" };
            db.GlAccounts.Add(clash);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            Assert.All(rows, r => Assert.Equal(EntityState.Added, db.Entry(r).State));
            var afterFailure = await db.AuditEntries.CountAsync(a => a.EntityId == marker, Ct);

            clash.Code = "LS" + marker[^6..];
            await db.SaveChangesAsync(Ct);
            return (afterFailure, await db.AuditEntries.CountAsync(a => a.EntityId == marker, Ct));
        });
        Assert.Equal(0, entries);
        Assert.Equal(120, retried);
    }

    [Fact]
    public async Task A_large_audited_save_retried_after_a_failure_records_each_change_once()
    {
        // Many audit entries are written set-based without being tracked; a save that fails wrote none of them, and the
        // retry writes them again from the changes, once each.
        var (afterFailure, retried, centers) = await factory.WithDbAsync(async db =>
        {
            var company = await db.Companies.AsNoTracking().FirstAsync(Ct);
            var existing = await db.GlAccounts.AsNoTracking().FirstAsync(g => g.CompanyId == company.Id, Ct);
            var prefix = "R" + Guid.NewGuid().ToString("N")[..6];
            var rows = Enumerable.Range(0, 120).Select(i => new CostCenter
            {
                Id = Guid.CreateVersion7(),
                CompanyId = company.Id,
                Code = $"{prefix}-{i:D3}",
                Name = "Retried " + i,
            }).ToList();
            db.CostCenters.AddRange(rows);
            var clash = new GlAccount { Id = Guid.CreateVersion7(), CompanyId = company.Id, Code = existing.Code, Name = "Duplicate code" };
            db.GlAccounts.Add(clash);
            var ids = rows.Select(r => r.Id.ToString()).Append(clash.Id.ToString()).ToList();
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            var failed = await db.AuditEntries.CountAsync(a => ids.Contains(a.EntityId), Ct);

            clash.Code = prefix;
            await db.SaveChangesAsync(Ct);
            Assert.DoesNotContain(db.ChangeTracker.Entries<AuditEntry>(), e => ids.Contains(e.Entity.EntityId));
            return (failed, await db.AuditEntries.CountAsync(a => ids.Contains(a.EntityId) && a.Action == "created", Ct), await db.CostCenters.CountAsync(c => c.Code.StartsWith(prefix), Ct));
        });
        Assert.Equal(0, afterFailure);
        Assert.Equal(121, retried);
        Assert.Equal(120, centers);
    }

    [Fact]
    public async Task A_unique_key_broken_inside_a_large_group_is_a_database_refusal_like_any_other()
    {
        var stored = await factory.WithDbAsync(async db =>
        {
            var company = await db.Companies.AsNoTracking().FirstAsync(Ct);
            var marker = Guid.CreateVersion7().ToString();
            var id = Guid.CreateVersion7();
            db.AuditEntries.AddRange(Enumerable.Range(0, 110).Select(i => Probe(company.Id, marker, i == 109 ? id : Guid.CreateVersion7())));
            await db.SaveChangesAsync(Ct);
            db.ChangeTracker.Clear();

            db.AuditEntries.AddRange(Enumerable.Range(0, 110).Select(i => Probe(company.Id, marker, i == 50 ? id : Guid.CreateVersion7()))); // one key a stored row has
            var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            Assert.True(Web.Platform.Api.ExceptionProblems.IsUniqueViolation(refused));
            db.ChangeTracker.Clear();
            return await db.AuditEntries.CountAsync(a => a.EntityId == marker, Ct);
        });
        Assert.Equal(110, stored);
    }

    [Fact]
    public async Task Unsaved_rows_are_exactly_those_still_added_whatever_happened_to_the_others()
    {
        // Unsaved<T> reads an index kept by the change tracker's events; Clear() raises none, so it must not return
        // rows a clear let go, and must see them again when they are added again.
        var marker = "unsaved-" + Guid.NewGuid().ToString("N")[..8];
        await factory.WithDbAsync(async db =>
        {
            var company = await db.Companies.AsNoTracking().FirstAsync(Ct);
            var (a, b, c) = (Probe(company.Id, marker, Guid.CreateVersion7()), Probe(company.Id, marker, Guid.CreateVersion7()), Probe(company.Id, marker, Guid.CreateVersion7()));
            db.AuditEntries.Add(a);
            Assert.Equal([a], db.Unsaved<AuditEntry>());
            db.AuditEntries.AddRange(b, c);
            db.Entry(c).State = EntityState.Detached;
            Assert.True(db.Unsaved<AuditEntry>().ToHashSet().SetEquals([a, b]));

            db.ChangeTracker.Clear();
            Assert.Empty(db.Unsaved<AuditEntry>());
            db.AuditEntries.Add(b);
            Assert.Equal([b], db.Unsaved<AuditEntry>());
            await db.SaveChangesAsync(Ct);
            Assert.Empty(db.Unsaved<AuditEntry>());
            db.Entry(c).State = EntityState.Added;
            Assert.Equal([c], db.Unsaved<AuditEntry>());
            return 0;
        });
    }

    [Fact]
    public async Task Unsaved_rows_of_one_document_are_found_among_thousands_and_none_survive_a_clear()
    {
        // A batch asks for one document's unsaved rows among thousands, and clears the tracker between slices (past the
        // point where the index sweeps itself): the rows asked for are found, and none a clear let go comes back.
        var marker = "unsaved-" + Guid.NewGuid().ToString("N")[..8];
        await factory.WithDbAsync(async db =>
        {
            var company = await db.Companies.AsNoTracking().FirstAsync(Ct);
            var first = Enumerable.Range(0, 700).Select(_ => Probe(company.Id, marker, Guid.CreateVersion7())).ToList();
            db.AuditEntries.AddRange(first);
            var one = first[350].Id;
            Assert.Equal([first[350]], db.Unsaved<AuditEntry>(e => e.Id == one));

            db.ChangeTracker.Clear();
            Assert.Empty(db.Unsaved<AuditEntry>(e => e.Id == one));
            var second = Enumerable.Range(0, 1100).Select(_ => Probe(company.Id, marker, Guid.CreateVersion7())).ToList();
            db.AuditEntries.AddRange(second);
            Assert.Equal([second[0]], db.Unsaved<AuditEntry>(e => e.Id == second[0].Id));
            Assert.True(db.Unsaved<AuditEntry>().ToHashSet().SetEquals(second));
            return 0;
        });
    }

    /// <summary>A row of a table nothing points at, in groups large enough to be written set-based.</summary>
    private static AuditEntry Probe(Guid companyId, string marker, Guid id) => new()
    {
        Id = id,
        OccurredAtUtc = DateTime.UtcNow,
        CompanyId = companyId,
        ActorName = "test",
        EntityType = "LargeSaveProbe",
        EntityId = marker,
        Action = "probe",
    };
}
