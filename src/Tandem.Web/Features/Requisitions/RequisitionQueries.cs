using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Approvals;
using Tandem.Domain.Requisitions;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Requisitions;

using Money = Tandem.Domain.Money.Money;

public sealed record RequisitionSummary(Guid Id, string Number, string Title, RequisitionStatus Status, Guid RequesterId, MoneyDto Total, DateTime CreatedAtUtc, DateTime? SubmittedAtUtc);

public sealed record PreviewStep(int Sequence, int Level, string Mode, IReadOnlyList<PersonRef> Approvers, string RuleName, string Explanation);

/// <summary>The route a request would take if submitted now, with the flags and the company-currency total it would be routed on.</summary>
public sealed record RoutePreview(bool AutoApproved, IReadOnlyList<PreviewStep> Steps, IReadOnlyList<string> Notes, string? Problem, IReadOnlyList<string> Flags, MoneyDto CompanyTotal, int PolicyVersion)
{
    /// <summary>A plan as people read it: approvers by name, flags and modes in camelCase.</summary>
    public static async Task<RoutePreview> FromAsync(TandemDb db, RoutePlan plan, IEnumerable<PolicyFlag> flags, Money companyTotal, int policyVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var names = await UserQueries.NamesAsync(db, plan.Steps.SelectMany(s => s.Approvers), ct);
        return new RoutePreview(
            plan.AutoApproved,
            [.. plan.Steps.Select(s => new PreviewStep(s.Sequence, s.Level, JsonNames.Camel(s.Mode.ToString()), [.. s.Approvers.Select(a => new PersonRef(a, names.GetValueOrDefault(a, "")))], s.RuleName, s.Explanation))],
            plan.Notes, plan.Problem?.Message, [.. flags.Order().Select(f => JsonNames.Camel(f.ToString()))], MoneyDto.From(companyTotal), policyVersion);
    }
}

/// <summary>Reading requisitions: one with its route, a filtered list, and the route preview before submitting.</summary>
public static class RequisitionQueries
{
    public static async Task<Result<RequisitionResponse>> GetAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
        await RequisitionAccess.LoadAsync(db, user, id, ct) is { } r ? await RequisitionResponse.BuildAsync(db, r, ct) : RequisitionAccess.NotFound();

    /// <summary>Requests the caller may see, newest first; <paramref name="mine"/> keeps those they raised or that are for them.</summary>
    public static Task<Result<Paged<RequisitionSummary>>> ListAsync(
        TandemDb db, CurrentUser user, RequisitionStatus? status, bool? mine, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        var query = RequisitionAccess.Visible(db, user).AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(r => r.Status == s);
        }

        if (mine == true)
        {
            query = query.Where(r => r.RequesterId == user.UserId || r.OnBehalfOfId == user.UserId);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(r => r.Number.Contains(term) || r.Title.Contains(term));
        }

        return PageRequest.ListAsync(page, pageSize, query.OrderByDescending(r => r.CreatedAtUtc).ThenByDescending(r => r.Number),
            r => new RequisitionSummary(r.Id, r.Number, r.Title, r.Status, r.RequesterId, MoneyDto.From(new Domain.Money.Money(r.TotalMinor, Domain.Money.Currency.Of(r.Currency))), r.CreatedAtUtc, r.SubmittedAtUtc), ct);
    }

    public static async Task<Result<RoutePreview>> PreviewAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var requisition = await RequisitionAccess.LoadAsync(db, user, id, ct);
        if (requisition is null)
        {
            return RequisitionAccess.NotFound();
        }

        var evaluation = await SubmitRequisition.EvaluateAsync(db, requisition, ct);
        if (!evaluation.IsSuccess)
        {
            return Result<RoutePreview>.Failure(evaluation.Errors);
        }

        var (version, _, plan, flags, companyTotal, _) = evaluation.Value;
        return await RoutePreview.FromAsync(db, plan, flags, companyTotal, version.Number, ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/requisitions", async (TandemDb db, CurrentUser user, HttpContext http, RequisitionStatus? status, bool? mine, string? q, int? page, int? pageSize, CancellationToken ct) =>
                (await ListAsync(db, user, status, mine, q, page, pageSize, ct)).ToOk(http))
            .RequireSignedIn();
        api.MapGet("/requisitions/{id:guid}", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await GetAsync(db, user, id, ct)).ToOk(http))
            .RequireSignedIn();
        api.MapGet("/requisitions/{id:guid}/route-preview", async (TandemDb db, CurrentUser user, HttpContext http, Guid id, CancellationToken ct) =>
                (await PreviewAsync(db, user, id, ct)).ToOk(http))
            .RequireSignedIn();
    }
}
