using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Billing;
using Tandem.Domain.Money;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Accounting;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Billing;

public sealed record BillSummary(Guid Id, string Number, Guid GroupId, string Group, DateOnly PeriodFrom, DateOnly PeriodTo, string Status, int InvoiceCount,
    MoneyDto Net, MoneyDto Tax, MoneyDto Total, string ContentHash, Guid? ApprovedById, DateTime? ApprovedAtUtc, int Version) : IVersionedResponse
{
    public static async Task<BillSummary> OfAsync(TandemDb db, ConsolidatedBill b, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(b);
        return (await ManyAsync(db, [b], ct))[0];
    }

    /// <summary>Summaries of bills of one company, their groups' names read in one query.</summary>
    public static async Task<List<BillSummary>> ManyAsync(TandemDb db, IReadOnlyList<ConsolidatedBill> bills, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(bills);
        if (bills.Count == 0)
        {
            return [];
        }

        var currency = await CompanyClock.CurrencyAsync(db, bills[0].CompanyId, ct);
        var groupIds = bills.Select(b => b.GroupId).Distinct().ToList();
        var groups = await db.BillingGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).Select(g => new { g.Id, g.Name }).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        MoneyDto M(long minor) => MoneyDto.From(new Money(minor, currency));
        return [.. bills.Select(b => new BillSummary(b.Id, b.Number, b.GroupId, groups[b.GroupId], b.PeriodFrom, b.PeriodTo, JsonNames.Camel(b.Status.ToString()), b.InvoiceCount,
            M(b.NetMinor), M(b.TaxMinor), M(b.NetMinor + b.TaxMinor), b.ContentHash, b.ApprovedById, b.ApprovedAtUtc, b.Version))];
    }
}

public sealed record BillTotalView(string Key, MoneyDto Net, MoneyDto Tax, MoneyDto Total);

public sealed record BillInvoiceView(Guid InvoiceId, string Number, string Kind, string Vendor, DateOnly InvoiceDate, MoneyDto Total, string PaymentStatus);

/// <summary>A line of the bill's summarized journal (by GL account, tax, payables): the group's view of what the bill books.</summary>
public sealed record BillJournalLine(string Account, MoneyDto Debit, MoneyDto Credit);

public sealed record BillDetail(BillSummary Bill, IReadOnlyList<BillTotalView> ByVendor, IReadOnlyList<BillTotalView> ByGlAccount, IReadOnlyList<BillTotalView> ByCostCenter,
    IReadOnlyList<BillJournalLine> Journal, IReadOnlyList<BillInvoiceView> Invoices) : IVersionedResponse
{
    public int Version => Bill.Version;
}

/// <summary>Consolidated bills: list, one bill with its totals and invoices, its PDF and CSV, and approval by the group's owner.</summary>
public static class BillQueries
{
    /// <summary>The company's latest bills (up to 200), newest period first.</summary>
    public static async Task<List<BillSummary>> ListAsync(TandemDb db, Guid companyId, CancellationToken ct) =>
        await BillSummary.ManyAsync(db, await db.ConsolidatedBills.AsNoTracking().Where(b => b.CompanyId == companyId)
            .OrderByDescending(b => b.PeriodFrom).ThenBy(b => b.Number).Take(200).ToListAsync(ct), ct);

    public static async Task<Result<BillDetail>> GetAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var loaded = await LoadAsync(db, user, id, ct);
        if (!loaded.IsSuccess)
        {
            return Result<BillDetail>.Failure(loaded.Errors);
        }

        var (bill, content, currency) = loaded.Value;
        MoneyDto M(long minor) => MoneyDto.From(new Money(minor, currency));
        List<BillTotalView> Views(IEnumerable<BillTotal> totals) => [.. totals.Select(t => new BillTotalView(t.Key, M(t.NetMinor), M(t.TaxMinor), M(t.TotalMinor)))];
        BillJournalLine Line(string account, long amount) => new(account, M(Math.Max(0, amount)), M(Math.Max(0, -amount)));
        List<BillJournalLine> journal = [.. content.ByGlAccount.Select(t => Line(t.Key, t.NetMinor)), Line("tax", content.TaxMinor), Line("payables", -content.TotalMinor)];
        return new BillDetail(await BillSummary.OfAsync(db, bill, ct), Views(content.ByVendor), Views(content.ByGlAccount), Views(content.ByCostCenter), journal,
            [.. content.Invoices.Select(i => new BillInvoiceView(i.InvoiceId, i.Number, i.IsCredit ? "creditNote" : "invoice", i.Vendor, i.InvoiceDate,
                M((i.IsCredit ? -1 : 1) * (i.NetMinor + i.TaxMinor)), i.Paid ? "paid" : "unpaid"))]);
    }

    public static async Task<Result<(ConsolidatedBill Bill, BillContent Content, Currency Currency)>> LoadAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var bill = await db.ConsolidatedBills.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id && b.CompanyId == user.CompanyId, ct);
        if (bill is null)
        {
            return Error.NotFound("bill.not_found", "No such consolidated bill.");
        }

        return (bill, await BillContents.LoadAsync(db, user.CompanyId, id, ct), await CompanyClock.CurrencyAsync(db, user.CompanyId, ct));
    }

    /// <summary>The group's owner approves the whole bill in one step.</summary>
    public static async Task<Result<BillSummary>> ApproveAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var bill = await db.ConsolidatedBills.SingleOrDefaultAsync(b => b.Id == id && b.CompanyId == user.CompanyId, ct);
        if (bill is null)
        {
            return Error.NotFound("bill.not_found", "No such consolidated bill.");
        }

        var owner = await db.BillingGroups.AsNoTracking().Where(g => g.Id == bill.GroupId).Select(g => g.OwnerId).SingleAsync(ct);
        if (owner != user.UserId)
        {
            return Error.Forbidden("bill.not_owner", "Only the billing group's owner approves its bills.");
        }

        if (bill.Status == BillStatus.Approved)
        {
            return Error.Conflict("bill.approved", $"Bill {bill.Number} is already approved.");
        }

        (bill.Status, bill.ApprovedById, bill.ApprovedAtUtc) = (BillStatus.Approved, user.UserId, db.Clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return await BillSummary.OfAsync(db, bill, ct);
    }

    private static async Task<IResult> FileAsync(TandemDb db, CurrentUser user, Guid id, string format, CancellationToken ct)
    {
        var loaded = await LoadAsync(db, user, id, ct);
        if (!loaded.IsSuccess)
        {
            return Problems.From(loaded.Errors);
        }

        var (bill, content, currency) = loaded.Value;
        if (format == "csv")
        {
            return Results.File(BillFiles.Csv(content, currency), "text/csv", $"{bill.Number}.csv");
        }

        var company = await db.Companies.AsNoTracking().Where(c => c.Id == bill.CompanyId).Select(c => c.Name).SingleAsync(ct);
        var group = await db.BillingGroups.AsNoTracking().Where(g => g.Id == bill.GroupId).Select(g => g.Name).SingleAsync(ct);
        return Results.File(BillFiles.Pdf(company, group, bill.Number, bill.PeriodFrom, bill.PeriodTo, JsonNames.Camel(bill.Status.ToString()), content, currency),
            "application/pdf", $"{bill.Number}.pdf");
    }

    public static void Map(RouteGroupBuilder api)
    {
        string[] readers = [Role.Controller, Role.ApClerk, Role.Admin, Role.Approver];
        api.MapGet("/consolidated-bills", async (TandemDb db, CurrentUser user, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, user.CompanyId, ct)))
            .RequireRoles(readers);
        api.MapGet("/consolidated-bills/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireRoles(readers);
        foreach (var format in new[] { "pdf", "csv" })
        {
            api.MapGet($"/consolidated-bills/{{id:guid}}/{format}", async (TandemDb db, CurrentUser user, Guid id, CancellationToken ct) => await FileAsync(db, user, id, format, ct))
                .RequireRoles(readers);
        }

        api.MapPost("/consolidated-bills/{id:guid}/approve", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await ApproveAsync(db, user, id, ct)).ToOk(http))
            .RequireSignedIn();
    }
}
