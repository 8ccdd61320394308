using Tandem.Domain;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Budgets;

/// <summary>
/// The budget check of a requisition as it stands — every budget line it would consume with amount, committed, actual,
/// pending elsewhere, this request and what remains — for anyone who may see the request: its requester before
/// submitting, its approvers before deciding. The same check decides on submit and approval.
/// </summary>
public static class CheckBudget
{
    /// <summary>The check of one requisition the caller may see, changing nothing.</summary>
    /// <param name="checkDuration">Receives how long the check itself took (after the request was loaded), for the Server-Timing header.</param>
    public static async Task<Result<BudgetCheckResponse>> ForRequisitionAsync(TandemDb db, CurrentUser user, Guid requisitionId, CancellationToken ct, Action<TimeSpan>? checkDuration = null)
    {
        var requisition = await RequisitionAccess.LoadAsync(db, user, requisitionId, ct);
        if (requisition is null)
        {
            return RequisitionAccess.NotFound();
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var check = await BudgetLedger.CheckAsync(db, requisition, ct);
        checkDuration?.Invoke(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return check.IsSuccess
            ? BudgetCheckResponse.From(check.Value, await CompanyClock.CurrencyAsync(db, user.CompanyId, ct))
            : Result<BudgetCheckResponse>.Failure(check.Errors);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/budgets/check", async (TandemDb db, CurrentUser user, HttpContext http, Guid? requisitionId, CancellationToken ct) =>
                requisitionId is { } id
                    ? (await ForRequisitionAsync(db, user, id, ct, d => http.Response.Headers["Server-Timing"] =
                        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"budget;dur={d.TotalMilliseconds:F2};desc=\"budget check\""))).ToOk(http)
                    : Problems.From([Error.Validation("required", "requisitionId is required.", "requisitionId")]))
            .RequireSignedIn();
}
