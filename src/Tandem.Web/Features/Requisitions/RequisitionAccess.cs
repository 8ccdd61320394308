using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Requisitions;

/// <summary>
/// Who sees a requisition: its requester and the person it is for, anyone on its approval route (or their delegate),
/// buyers, controllers, AP clerks and admins, and approvers whose role scope covers one of its departments.
/// </summary>
public static class RequisitionAccess
{
    /// <summary>Everyone may raise requests for themselves; these roles are the ones that do.</summary>
    /// <summary>Who may raise requests, as an <c>[Authorize(Roles = ...)]</c> list for pages.</summary>
    public const string RequesterRoles = $"{Role.Requester},{Role.Buyer},{Role.Approver},{Role.Controller},{Role.Admin}";

    public static readonly string[] Requesters = RequesterRoles.Split(',');

    public static bool SeesAll(CurrentUser user) =>
        user.Scopes.Any(s => s.Role is Role.Buyer or Role.Controller or Role.ApClerk or Role.Admin && s.DepartmentId is null && s.LocationId is null);

    public static IQueryable<Requisition> Visible(TandemDb db, CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var all = db.Requisitions.Where(r => r.CompanyId == user.CompanyId);
        if (SeesAll(user))
        {
            return all;
        }

        var me = user.UserId;
        var departments = user.Scopes.Where(s => s.Role is Role.Approver or Role.Buyer or Role.Controller && s.DepartmentId is not null).Select(s => s.DepartmentId!.Value).ToList();
        var delegators = db.Delegations.Where(d => d.ToUserId == me && d.RevokedAtUtc == null).Select(d => d.FromUserId);
        return all.Where(r => r.RequesterId == me || r.OnBehalfOfId == me
            || db.ApprovalSteps.Any(s => s.RequisitionId == r.Id && s.Approvers.Any(a => a.UserId == me || delegators.Contains(a.UserId)))
            || r.Splits.Any(s => departments.Contains(s.DepartmentId))
            || db.CommentMentions.Any(m => m.DocumentId == r.Id && m.UserId == me));
    }

    /// <summary>
    /// The request (tracked) with its lines in one query and its splits in a second: lines and splits in one query would
    /// multiply (a row per line and split); split by EF, the visibility filter would run three times.
    /// </summary>
    public static async Task<Requisition?> LoadAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var requisition = await Visible(db, user).Include(r => r.Lines).AsSingleQuery().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (requisition is not null)
        {
            await db.Entry(requisition).Collection(r => r.Splits).LoadAsync(ct);
        }

        return requisition;
    }

    public static Error NotFound() => Error.NotFound("requisition.not_found", "No such requisition, or you may not see it.");

    /// <summary>Loads a request for its requester (or an admin) to change, submit or cancel: nobody else may.</summary>
    public static async Task<Result<Requisition>> LoadToChangeAsync(TandemDb db, CurrentUser user, Guid id, CancellationToken ct) =>
        await LoadAsync(db, user, id, ct) is not { } requisition ? NotFound()
            : requisition.RequesterId == user.UserId || user.HasRole(Role.Admin) ? requisition
            : Error.Forbidden("requisition.not_yours", "Only the requester can change, submit or cancel this requisition.");
}
