using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

/// <summary>Who curates the catalog, and the lookups catalog use cases share.</summary>
public static class CatalogAccess
{
    /// <summary>Buyers curate catalogs and prices; admins may too.</summary>
    public static readonly string[] Editors = [Role.Buyer, Role.Admin];

    public static Error NotFound(string what) => Error.NotFound($"{what}.not_found", $"No such {what}.");

    /// <summary>Every category of the company with its path from the root ("Office > Paper").</summary>
    public static async Task<Dictionary<Guid, (Category Category, string Path)>> TreeAsync(TandemDb db, Guid companyId, CancellationToken ct)
    {
        var all = await db.Categories.AsNoTracking().Where(c => c.CompanyId == companyId).ToDictionaryAsync(c => c.Id, ct);
        var result = new Dictionary<Guid, (Category, string)>();
        foreach (var c in all.Values)
        {
            var names = new List<string>();
            var seen = new HashSet<Guid>();
            for (var at = c; at is not null && seen.Add(at.Id); at = at.ParentId is { } p && all.TryGetValue(p, out var parent) ? parent : null)
            {
                names.Insert(0, at.Name);
            }

            result[c.Id] = (c, string.Join(" > ", names));
        }

        return result;
    }

    /// <summary>A category and all categories below it.</summary>
    public static HashSet<Guid> WithDescendants(IEnumerable<Category> all, Guid root)
    {
        var byParent = all.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!.Value);
        var result = new HashSet<Guid> { root };
        var queue = new Queue<Guid>([root]);
        while (queue.Count > 0)
        {
            foreach (var child in byParent[queue.Dequeue()])
            {
                if (result.Add(child.Id))
                {
                    queue.Enqueue(child.Id);
                }
            }
        }

        return result;
    }
}
