using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Invoicing;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices.Coding;

/// <summary>
/// Codes invoice lines to GL accounts (<see cref="GlCoding"/>: order line, rules, category and vendor defaults, then
/// the classifier) and teaches the classifier: every line of an invoice that becomes ready to pay, and every account
/// AP sets by hand, is one more example. The model's counts live in <c>gl_model_counts</c>, shared by all instances.
/// </summary>
public static class InvoiceCoding
{
    private const string LinesFeature = "";
    private const string FeaturesFeature = "*";

    /// <summary>Codes the lines of a new (tracked) invoice against its order (none for a non-PO invoice: rules, vendor default, classifier).</summary>
    public static async Task CodeAsync(TandemDb db, Invoice invoice, PurchaseOrder? order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(invoice);
        var orderLines = order?.Lines.ToDictionary(l => l.Id) ?? [];
        PurchaseOrderLine? OrderLine(InvoiceLine l) => l.PurchaseOrderLineId is { } id ? orderLines[id] : null;
        if (invoice.Lines.All(l => OrderLine(l)?.GlAccountId is not null))
        {
            foreach (var line in invoice.Lines)
            {
                Apply(line, GlCoding.Decide(Facts(invoice, line, OrderLine(line)!.GlAccountId, null, null), [], null, 0));
            }

            return;
        }

        var rules = await db.GlCodingRules.AsNoTracking().Where(r => r.CompanyId == invoice.CompanyId && (r.VendorId == null || r.VendorId == invoice.VendorId))
            .Select(r => new CodingRule(r.Id, r.VendorId, r.Keyword, r.GlAccountId, r.CostCenterId, r.Priority)).ToListAsync(ct);
        var categoryIds = orderLines.Values.Select(l => l.CategoryId).OfType<Guid>().Distinct().ToList();
        var categoryGl = await db.Categories.AsNoTracking().Where(c => categoryIds.Contains(c.Id)).Select(c => new { c.Id, c.DefaultGlAccountId }).ToDictionaryAsync(c => c.Id, c => c.DefaultGlAccountId, ct);
        var vendorGl = await db.Vendors.AsNoTracking().Where(v => v.Id == invoice.VendorId).Select(v => v.DefaultGlAccountId).SingleAsync(ct);
        var facts = invoice.Lines.ToDictionary(l => l.Id, l =>
        {
            var orderLine = OrderLine(l);
            return Facts(invoice, l, orderLine?.GlAccountId, orderLine?.CategoryId is { } c ? categoryGl.GetValueOrDefault(c) : null, vendorGl);
        });
        var byRules = invoice.Lines.ToDictionary(l => l.Id, l => GlCoding.Decide(facts[l.Id], rules, null, 0));

        // The classifier only for the lines no rule or default codes (its model is read once, for their features).
        var open = invoice.Lines.Where(l => byRules[l.Id].Source == CodingSource.None).ToList();
        var features = open.ToDictionary(l => l.Id, l => GlClassifier.Features(invoice.VendorId, l.Description, l.AmountMinor));
        var model = open.Count == 0 ? null : await ModelAsync(db, invoice.CompanyId, [.. features.Values.SelectMany(f => f).Distinct()], ct);
        var threshold = open.Count == 0 ? 0 : (await PurchasingSettings.ForAsync(db, invoice.CompanyId, ct)).GlAutoApplyBasisPoints;
        foreach (var line in invoice.Lines)
        {
            Apply(line, model is not null && features.TryGetValue(line.Id, out var f) ? GlCoding.Decide(facts[line.Id], rules, GlClassifier.Predict(model, f), threshold) : byRules[line.Id]);
        }
    }

    private static LineToCode Facts(Invoice invoice, InvoiceLine line, Guid? orderGl, Guid? categoryGl, Guid? vendorGl) =>
        new(invoice.VendorId, line.Description, line.AmountMinor, orderGl, categoryGl, vendorGl);

    private static void Apply(InvoiceLine line, CodingDecision decision)
    {
        line.GlAccountId = decision.GlAccountId;
        line.CostCenterId = decision.CostCenterId;
        line.CodingSource = JsonNames.Camel(decision.Source.ToString());
        line.CodingConfidenceBasisPoints = decision.ConfidenceBasisPoints;
        line.SuggestedGlAccountId = decision.SuggestedGlAccountId;
    }

    /// <summary>The counts the classifier needs for these features (plus per-account totals and the vocabulary size).</summary>
    public static async Task<GlModel> ModelAsync(TandemDb db, Guid companyId, IReadOnlyList<string> features, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.GlModelCounts.AsNoTracking()
            .Where(c => c.CompanyId == companyId && (c.Feature == LinesFeature || c.Feature == FeaturesFeature || features.Contains(c.Feature)))
            .Select(c => new { c.Feature, c.GlAccountId, c.Count }).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return new GlModel(new Dictionary<Guid, long>(), new Dictionary<Guid, long>(), new Dictionary<(string, Guid), long>(), 0);
        }

        var vocabulary = await db.GlModelCounts.Where(c => c.CompanyId == companyId && c.Feature != LinesFeature && c.Feature != FeaturesFeature).Select(c => c.Feature).Distinct().CountAsync(ct);
        return new GlModel(
            rows.Where(r => r.Feature == LinesFeature).ToDictionary(r => r.GlAccountId, r => r.Count),
            rows.Where(r => r.Feature == FeaturesFeature).ToDictionary(r => r.GlAccountId, r => r.Count),
            rows.Where(r => r.Feature is not (LinesFeature or FeaturesFeature)).ToDictionary(r => (r.Feature, r.GlAccountId), r => r.Count),
            vocabulary);
    }

    /// <summary>Teaches the classifier the coded lines of an invoice (in the caller's transaction).</summary>
    public static Task LearnAsync(TandemDb db, Invoice invoice, IEnumerable<InvoiceLine> lines, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return LearnAsync(db, invoice.CompanyId, lines.Select(l => (invoice.VendorId, l)), ct);
    }

    /// <summary>
    /// The lines of an invoice made ready that the classifier learns from: coded by their order, a rule, a default or a
    /// person. Its own guesses are not examples (it would teach itself its mistakes) until AP confirms them.
    /// </summary>
    public static IEnumerable<InvoiceLine> Examples(IEnumerable<InvoiceLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return lines.Where(l => l.CodingSource is not ("learned" or "suggested" or "none"));
    }

    /// <summary>Teaches the classifier coded lines of one company's invoices, each with its invoice's vendor, in one write (a batch release).</summary>
    public static Task LearnAsync(TandemDb db, Guid companyId, IEnumerable<(Guid VendorId, InvoiceLine Line)> lines, CancellationToken ct)
    {
        var increments = new Dictionary<(string Feature, Guid Account), long>();
        foreach (var (vendorId, line) in lines.Where(l => l.Line.GlAccountId is not null))
        {
            var account = line.GlAccountId!.Value;
            var features = GlClassifier.Features(vendorId, line.Description, line.AmountMinor).Where(f => f.Length <= 100).ToList();
            increments[(LinesFeature, account)] = increments.GetValueOrDefault((LinesFeature, account)) + 1;
            increments[(FeaturesFeature, account)] = increments.GetValueOrDefault((FeaturesFeature, account)) + features.Count;
            foreach (var feature in features)
            {
                increments[(feature, account)] = increments.GetValueOrDefault((feature, account)) + 1;
            }
        }

        return AddAsync(db, companyId, increments, ct);
    }

    /// <summary>
    /// Adds counts: on PostgreSQL one upsert of them all (concurrent learners add, never overwrite); on SQLite the
    /// transaction holds the write lock, so read-and-increment is safe.
    /// </summary>
    private static async Task AddAsync(TandemDb db, Guid companyId, Dictionary<(string Feature, Guid Account), long> increments, CancellationToken ct)
    {
        if (increments.Count == 0)
        {
            return;
        }

        if (db.Database.IsNpgsql())
        {
            var ordered = increments.OrderBy(i => i.Key.Feature, StringComparer.Ordinal).ThenBy(i => i.Key.Account).ToList(); // one lock order for every learner
            var features = ordered.Select(i => i.Key.Feature).ToArray();
            var accounts = ordered.Select(i => i.Key.Account).ToArray();
            var counts = ordered.Select(i => i.Value).ToArray();
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO gl_model_counts (company_id, feature, gl_account_id, count)
                SELECT {companyId}, t.f, t.a, t.c FROM unnest({features}::text[], {accounts}::uuid[], {counts}::bigint[]) WITH ORDINALITY AS t(f, a, c, n) ORDER BY t.n
                ON CONFLICT (company_id, feature, gl_account_id) DO UPDATE SET count = gl_model_counts.count + excluded.count
                """,
                ct);
            return;
        }

        var keys = increments.Keys.Select(k => k.Feature).Distinct().ToList();
        var existing = await db.GlModelCounts.Where(c => c.CompanyId == companyId && keys.Contains(c.Feature)).ToListAsync(ct);
        var byKey = existing.ToDictionary(c => (c.Feature, c.GlAccountId));
        foreach (var added in db.Unsaved<GlModelCount>(c => c.CompanyId == companyId))
        {
            byKey.TryAdd((added.Feature, added.GlAccountId), added); // taught earlier in this unit of work (another invoice made ready)
        }

        foreach (var ((feature, account), count) in increments)
        {
            if (byKey.TryGetValue((feature, account), out var row))
            {
                row.Count += count;
            }
            else
            {
                db.GlModelCounts.Add(new GlModelCount { CompanyId = companyId, Feature = feature, GlAccountId = account, Count = count });
            }
        }
    }
}
