using Tandem.Domain.Organization;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

/// <summary>
/// What a person may buy from: buyers and admins (who curate) see every active item; everyone else sees the active
/// items of active catalogs whose audience is everyone, one of their departments or locations, or one of their roles.
/// </summary>
public static class CatalogVisibility
{
    public static bool SeesEverything(CurrentUser user) => user.HasRole(Role.Buyer) || user.HasRole(Role.Admin);

    public static IQueryable<Item> VisibleItems(TandemDb db, CurrentUser user)
    {
        var items = db.Items.Where(i => i.CompanyId == user.CompanyId && i.IsActive);
        if (SeesEverything(user))
        {
            return items;
        }

        var catalogs = VisibleCatalogs(db, user);
        return items.Where(i => db.CatalogItems.Any(ci => ci.ItemId == i.Id && catalogs.Contains(ci.CatalogId)));
    }

    /// <summary>The active catalogs curated for this person.</summary>
    public static IQueryable<Guid> VisibleCatalogs(TandemDb db, CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var departments = user.Scopes.Where(s => s.DepartmentId is not null).Select(s => s.DepartmentId!.Value).Distinct().ToList();
        var locations = user.Scopes.Where(s => s.LocationId is not null).Select(s => s.LocationId!.Value).Distinct().ToList();
        var roles = user.Scopes.Select(s => s.Role).Distinct().ToList();
        return db.Catalogs
            .Where(c => c.CompanyId == user.CompanyId && c.IsActive && c.Audience.Any(a =>
                a.Kind == AudienceKind.Everyone
                || (a.Kind == AudienceKind.Department && a.DepartmentId != null && departments.Contains(a.DepartmentId.Value))
                || (a.Kind == AudienceKind.Location && a.LocationId != null && locations.Contains(a.LocationId.Value))
                || (a.Kind == AudienceKind.Role && a.Role != null && roles.Contains(a.Role))))
            .Select(c => c.Id);
    }
}
