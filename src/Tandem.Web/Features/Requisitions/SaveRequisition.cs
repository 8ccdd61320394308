using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Domain.Requisitions;
using Tandem.Web.Features.Approvals;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;
using Money = Tandem.Domain.Money.Money;

namespace Tandem.Web.Features.Requisitions;

/// <summary>
/// Create a draft requisition, or change one that is a draft, returned, or already approved. An approved request that
/// grows beyond the policy's tolerance goes back through approval (a new round); smaller edits keep the approvals, move
/// its budget commitment with the new amounts (a block-mode budget still refuses growth) and are on the audit trail.
/// </summary>
public static class SaveRequisition
{
    public static async Task<Result<RequisitionResponse>> CreateAsync(TandemDb db, CurrentUser user, RequisitionRequest request, CancellationToken ct)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var requisition = new Requisition { Id = Ids.New(now), CompanyId = user.CompanyId, RequesterId = user.UserId, Status = RequisitionStatus.Draft, CreatedAtUtc = now };
        var applied = await RequisitionInput.ApplyAsync(db, user, requisition, request, ct);
        if (!applied.IsSuccess)
        {
            return Result<RequisitionResponse>.Failure(applied.Errors);
        }

        var today = await CompanyClock.TodayAsync(db, user.CompanyId, ct);
        requisition.Number = await DocumentNumbers.NextAsync(db, user.CompanyId, "REQ", today.Year, ct);
        db.Requisitions.Add(requisition);
        await db.SaveChangesAsync(ct);
        return await RequisitionResponse.BuildAsync(db, requisition, ct);
    }

    public static Task<Result<RequisitionResponse>> UpdateAsync(TandemDb db, CurrentUser user, Guid id, int expectedVersion, RequisitionRequest request, CancellationToken ct) =>
        Transactions.RunAsync(db, () => ChangeAsync(db, user, id, expectedVersion, request, ct), ct);

    private static async Task<Result<RequisitionResponse>> ChangeAsync(TandemDb db, CurrentUser user, Guid id, int expectedVersion, RequisitionRequest request, CancellationToken ct)
    {
        var loaded = await RequisitionAccess.LoadToChangeAsync(db, user, id, ct);
        if (!loaded.IsSuccess)
        {
            return Result<RequisitionResponse>.Failure(loaded.Errors);
        }

        var requisition = loaded.Value;

        if (requisition.Version != expectedVersion)
        {
            return ApiResults.StaleVersion("requisition");
        }

        if (!RequisitionLifecycle.CanEdit(requisition.Status))
        {
            return Error.Conflict("requisition.not_editable", $"A requisition that is {JsonNames.Camel(requisition.Status.ToString())} cannot be changed.");
        }

        if (requisition.Lines.Any(l => l.PurchaseOrderLineId is not null) || requisition.ChangeOfRevisionId is not null)
        {
            return Error.Conflict("requisition.partly_ordered", requisition.ChangeOfRevisionId is null
                ? "Some lines of this requisition are on a purchase order; ask the buyer to change the order instead."
                : "A change request is not edited: cancel it and change the order again.");
        }

        var applied = await RequisitionInput.ApplyAsync(db, user, requisition, request, ct);
        if (!applied.IsSuccess)
        {
            return Result<RequisitionResponse>.Failure(applied.Errors);
        }

        if (requisition.Status == RequisitionStatus.Approved)
        {
            // Beyond the tolerance: a new round (which re-checks the budget). Within it: the commitment follows the new amounts.
            var refused = await NeedsReapprovalAsync(db, requisition, ct)
                ? await SubmitRequisition.RouteAsync(db, user, requisition, ct)
                : (await BudgetLedger.ApplyAsync(db, requisition, enforce: true, ct)) is { IsSuccess: false } blocked ? blocked.FirstError : null;
            if (refused is not null)
            {
                return refused;
            }
        }

        await db.SaveChangesAsync(ct);
        return await RequisitionResponse.BuildAsync(db, requisition, ct);
    }

    /// <summary>
    /// Whether an approved request grew beyond the tolerance of the policy version that approved it, compared in the
    /// company currency (so an amount tolerance means the same for every currency).
    /// </summary>
    private static async Task<bool> NeedsReapprovalAsync(TandemDb db, Requisition requisition, CancellationToken ct)
    {
        if (requisition.ApprovedTotalMinor is not { } approvedMinor || requisition.PolicyVersionId is null)
        {
            return false;
        }

        var company = await CompanyClock.CurrencyAsync(db, requisition.CompanyId, ct);
        var tolerance = (await ApprovalRouting.PolicyOfAsync(db, ApprovalSubject.Of(requisition), ct)).Tolerance;
        var currency = Currency.Of(requisition.Currency);
        var approved = new Money(approvedMinor, currency);
        var rates = await Rates.LatestAsync(db, requisition.CompanyId, await CompanyClock.TodayAsync(db, requisition.CompanyId, ct), ct);
        var before = Rates.ToCompany(approved, company, rates);
        var after = Rates.ToCompany(new Money(requisition.TotalMinor, currency), company, rates);
        return before is { } b && after is { } a ? tolerance.NeedsReapproval(b, a) : requisition.TotalMinor > approvedMinor;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/requisitions", async (TandemDb db, CurrentUser user, HttpContext http, RequisitionRequest request, CancellationToken ct) =>
                (await CreateAsync(db, user, request, ct)).ToCreated(http, r => $"/api/v1/requisitions/{r.Id}"))
            .RequireRoles(RequisitionAccess.Requesters);
        api.MapPut("/requisitions/{id:guid}", (TandemDb db, CurrentUser user, HttpContext http, Guid id, RequisitionRequest request, CancellationToken ct) =>
                ApiResults.UpdateAsync(http, version => UpdateAsync(db, user, id, version, request, ct)))
            .RequireRoles(RequisitionAccess.Requesters);
    }
}
