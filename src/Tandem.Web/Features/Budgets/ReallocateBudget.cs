using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Budgets;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Budgets;

/// <summary>
/// Move an amount from one budget line to another (controllers, admins), with a reason: both lines keep an adjustment
/// naming the other. The source cannot give away what documents have already committed or spent; the lines are
/// locked like an approval locks them, so a reallocation and an approval never both take the same money.
/// </summary>
public static class ReallocateBudget
{
    public sealed record Request(Guid? FromId, Guid? ToId, MoneyDto? Amount, string? Reason);

    public sealed record Response(BudgetLineResponse From, BudgetLineResponse To);

    public static Task<Result<Response>> HandleAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct) =>
        Transactions.RunAsync(db, () => MoveAsync(db, user, request, ct), ct);

    private static async Task<Result<Response>> MoveAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct)
    {
        var v = new Validator();
        var currency = await CompanyClock.CurrencyAsync(db, user.CompanyId, ct);
        var amount = v.Money(request.Amount, "amount");
        if (request.Amount is null || amount is { } a && (a.Minor <= 0 || a.Currency != currency))
        {
            v.Add("amount.amount", "invalid_amount", $"amount must be a positive amount in the company currency ({currency.Code}).");
        }

        var reason = v.Required(request.Reason, "reason", 1000);
        if (request.FromId is null)
        {
            v.Add("fromId", "required", "fromId is required.");
        }

        if (request.ToId is null || request.ToId == request.FromId)
        {
            v.Add("toId", "invalid", "toId must name another budget line than fromId.");
        }

        if (!v.IsValid)
        {
            return Result<Response>.Failure(v.Errors);
        }

        var ids = new[] { request.FromId!.Value, request.ToId!.Value };
        await BudgetLedger.LockAsync(db, ids, ct);
        var lines = await db.BudgetLines.Where(b => b.CompanyId == user.CompanyId && ids.Contains(b.Id)).ToListAsync(ct);
        if (lines.Count != 2)
        {
            return BudgetQueries.NotFound();
        }

        var from = lines.Single(b => b.Id == ids[0]);
        var to = lines.Single(b => b.Id == ids[1]);
        var sums = await BudgetLedger.ConsumptionAsync(db, [from.Id], null, ct);
        var available = BudgetLedger.State(from, sums).AvailableMinor;
        if (amount!.Value.Minor > available)
        {
            return Error.Conflict("budget.insufficient", $"{from.Name} has {Format(available, currency)} available after what is committed and spent; it cannot give {amount.Value}.", "amount");
        }

        SaveBudgetLine.Adjust(db, user, from, "reallocationOut", from.AmountMinor - amount.Value.Minor, to.Id, reason);
        SaveBudgetLine.Adjust(db, user, to, "reallocationIn", checked(to.AmountMinor + amount.Value.Minor), from.Id, reason);
        await db.SaveChangesAsync(ct);
        return new Response(await BudgetQueries.ResponseAsync(db, from, ct), await BudgetQueries.ResponseAsync(db, to, ct));
    }

    private static string Format(long minor, Domain.Money.Currency currency) => Domain.Approvals.RouteEngine.Format(new Domain.Money.Money(minor, currency));

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/budgets/reallocate", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await HandleAsync(db, user, request, ct)).ToOk(http))
            .RequireRoles(SaveBudgetLine.Managers);
}
