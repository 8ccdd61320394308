using Tandem.Domain.Money;
using Tandem.Domain.Requisitions;

namespace Tandem.Domain.Approvals;

using Money = Tandem.Domain.Money.Money;

/// <summary>
/// What routing needs to know about a document: its total in the company currency and what it touches. Sets are small
/// (a requisition's departments, categories, ...), so lookups stay cheap however many rules the policy has.
/// </summary>
public sealed record RouteFacts(
    Money Total,
    Guid RequesterId,
    IReadOnlySet<Guid> Departments,
    IReadOnlySet<Guid> Locations,
    IReadOnlySet<Guid> Categories,
    IReadOnlySet<Guid> Vendors,
    IReadOnlySet<Guid> GlAccounts,
    IReadOnlySet<PolicyFlag> Flags,
    IReadOnlySet<BudgetState> BudgetStates,
    IReadOnlyList<Guid> BudgetOwners);

/// <summary>A role held by a user, company-wide (no department, no location) or scoped to one department and/or location.</summary>
public sealed record RoleHolder(Guid UserId, string Role, Guid? DepartmentId, Guid? LocationId);

/// <summary>
/// The part of the organisation routing reads: active people, their managers and approval limits (in the company
/// currency, already converted), department managers, role holders, and names for the explanations.
/// </summary>
public sealed class OrgSnapshot
{
    private readonly Dictionary<string, List<RoleHolder>> _byRole;

    public OrgSnapshot(
        IReadOnlyDictionary<Guid, string> people,
        IReadOnlyDictionary<Guid, Guid> managers,
        IReadOnlyDictionary<Guid, long> approvalLimits,
        IReadOnlyDictionary<Guid, Guid> departmentManagers,
        IEnumerable<RoleHolder> roles,
        IReadOnlyDictionary<Guid, string> names)
    {
        People = people;
        Managers = managers;
        ApprovalLimits = approvalLimits;
        DepartmentManagers = departmentManagers;
        Names = names;
        _byRole = roles.Where(r => people.ContainsKey(r.UserId)).GroupBy(r => r.Role, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    /// <summary>Active users and their display names; anyone else cannot approve.</summary>
    public IReadOnlyDictionary<Guid, string> People { get; }

    public IReadOnlyDictionary<Guid, Guid> Managers { get; }

    public IReadOnlyDictionary<Guid, long> ApprovalLimits { get; }

    public IReadOnlyDictionary<Guid, Guid> DepartmentManagers { get; }

    /// <summary>Display names of departments, locations, categories, vendors and GL accounts, for explanations.</summary>
    public IReadOnlyDictionary<Guid, string> Names { get; }

    public string NameOf(Guid id) => People.TryGetValue(id, out var person) ? person : Names.TryGetValue(id, out var name) ? name : id.ToString();

    public bool IsActive(Guid userId) => People.ContainsKey(userId);

    /// <summary>The holders of <paramref name="role"/> whose scope covers a document charged to these departments and locations.</summary>
    public IEnumerable<Guid> HoldersOf(string role, IReadOnlySet<Guid> departments, IReadOnlySet<Guid> locations)
    {
        if (!_byRole.TryGetValue(role, out var holders))
        {
            return [];
        }

        var found = new List<Guid>();
        foreach (var h in holders)
        {
            if ((h.DepartmentId is not { } d || departments.Contains(d)) && (h.LocationId is not { } l || locations.Contains(l)) && !found.Contains(h.UserId))
            {
                found.Add(h.UserId);
            }
        }

        return found;
    }

    /// <summary>The active managers above <paramref name="userId"/>, nearest first (a cycle in the data stops the walk).</summary>
    public IEnumerable<Guid> ChainAbove(Guid userId)
    {
        var seen = new HashSet<Guid> { userId };
        var current = userId;
        while (Managers.TryGetValue(current, out var manager) && seen.Add(manager))
        {
            if (IsActive(manager))
            {
                yield return manager;
            }

            current = manager;
        }
    }
}
