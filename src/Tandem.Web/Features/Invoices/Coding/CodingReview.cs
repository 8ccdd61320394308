using Microsoft.EntityFrameworkCore;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices.Coding;

/// <summary>Invoice lines whose coding a person should look at: suggested (not applied), learned (applied by the classifier) or uncoded; newest first.</summary>
public static class CodingReview
{
    public sealed record Row(Guid InvoiceId, string Number, string Vendor, Guid LineId, int LineNo, string Description, string Amount, string Source, int Confidence,
        string? GlAccount, Guid? SuggestedGlAccountId, string? Suggested);

    public static async Task<List<Row>> ListAsync(TandemDb db, CurrentUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var lines = await db.Invoices.AsNoTracking().Where(i => i.CompanyId == user.CompanyId && i.Status != InvoiceStatus.Rejected)
            .SelectMany(i => i.Lines, (i, l) => new
            {
                i.Id,
                i.Number,
                i.VendorId,
                i.Currency,
                i.CreatedAtUtc,
                LineId = l.Id,
                l.LineNo,
                l.Description,
                l.AmountMinor,
                l.CodingSource,
                l.CodingConfidenceBasisPoints,
                l.GlAccountId,
                l.SuggestedGlAccountId,
            })
            .Where(x => x.CodingSource == "suggested" || x.CodingSource == "learned" || x.CodingSource == "none")
            .OrderByDescending(x => x.CreatedAtUtc).Take(300).ToListAsync(ct);
        var accountIds = lines.SelectMany(x => new[] { x.GlAccountId, x.SuggestedGlAccountId }).OfType<Guid>().Distinct().ToList();
        var accounts = await db.GlAccounts.AsNoTracking().Where(g => accountIds.Contains(g.Id)).Select(g => new { g.Id, g.Code, g.Name }).ToDictionaryAsync(g => g.Id, g => $"{g.Code} {g.Name}", ct);
        var vendorIds = lines.Select(x => x.VendorId).Distinct().ToList();
        var vendors = await db.Vendors.AsNoTracking().Where(v => vendorIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.TradingName ?? v.LegalName, ct);
        return
        [
            .. lines.Select(x => new Row(x.Id, x.Number, vendors.GetValueOrDefault(x.VendorId, ""), x.LineId, x.LineNo, x.Description,
                new Domain.Money.Money(x.AmountMinor, Domain.Money.Currency.Of(x.Currency)).ToAmountString() + " " + x.Currency,
                x.CodingSource, x.CodingConfidenceBasisPoints / 100,
                x.GlAccountId is { } g ? accounts.GetValueOrDefault(g) : null, x.SuggestedGlAccountId,
                x.SuggestedGlAccountId is { } s ? accounts.GetValueOrDefault(s) : null)),
        ];
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/invoices/coding-review", async (TandemDb db, CurrentUser user, CancellationToken ct) => Results.Ok(await ListAsync(db, user, ct)))
            .RequireRoles(CreateInvoice.Clerks);
}
