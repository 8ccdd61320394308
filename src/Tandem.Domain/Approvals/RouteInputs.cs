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
    private readonly Dictionary<string, RoleIndex> _byRole;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Role, Guid Department, Guid Location), IReadOnlyList<Guid>> _covering = new();

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
        _byRole = roles.Where(r => people.ContainsKey(r.UserId)).GroupBy(r => r.Role, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new RoleIndex(g), StringComparer.Ordinal);
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

    /// <summary>
    /// The holders of <paramref name="role"/> whose scope covers a document charged to these departments and locations
    /// (distinct; never change the list). For the usual document — one department, at most one location — the answer is
    /// kept, so every rule naming the role gets the same list.
    /// </summary>
    public IReadOnlyList<Guid> HoldersOf(string role, IReadOnlySet<Guid> departments, IReadOnlySet<Guid> locations)
    {
        ArgumentNullException.ThrowIfNull(departments);
        ArgumentNullException.ThrowIfNull(locations);
        if (!_byRole.TryGetValue(role, out var index))
        {
            return [];
        }

        if (departments.Count > 1 || locations.Count > 1)
        {
            return index.Covering(departments, locations);
        }

        var key = (role, departments.Count == 1 ? departments.First() : Guid.Empty, locations.Count == 1 ? locations.First() : Guid.Empty);
        return _covering.GetOrAdd(key, static (_, args) => args.index.Covering(args.departments, args.locations), (index, departments, locations));
    }

    /// <summary>The active managers above <paramref name="userId"/>, nearest first (a cycle in the data stops the walk).</summary>
    public IEnumerable<Guid> ChainAbove(Guid userId)
    {
        // Chains are short: remembering the walk in a small list is cheaper than hashing it.
        var walked = new List<Guid>(8) { userId };
        var current = userId;
        while (Managers.TryGetValue(current, out var manager) && !walked.Contains(manager))
        {
            walked.Add(manager);
            if (IsActive(manager))
            {
                yield return manager;
            }

            current = manager;
        }
    }

    /// <summary>One role's holders, indexed once per snapshot: company-wide ones, and scoped ones by department and by location.</summary>
    private sealed class RoleIndex
    {
        private readonly Guid[] _companyWide;
        private readonly Dictionary<Guid, List<Guid>> _byDepartment = [];
        private readonly Dictionary<Guid, List<Guid>> _byLocation = [];
        private readonly List<RoleHolder> _both = [];

        public RoleIndex(IEnumerable<RoleHolder> holders)
        {
            var companyWide = new List<Guid>();
            foreach (var h in holders)
            {
                switch (h.DepartmentId, h.LocationId)
                {
                    case (null, null):
                        companyWide.Add(h.UserId);
                        break;
                    case ({ } d, null):
                        Add(_byDepartment, d, h.UserId);
                        break;
                    case (null, { } l):
                        Add(_byLocation, l, h.UserId);
                        break;
                    default:
                        _both.Add(h);
                        break;
                }
            }

            _companyWide = [.. companyWide.Distinct()];
        }

        public IReadOnlyList<Guid> Covering(IReadOnlySet<Guid> departments, IReadOnlySet<Guid> locations)
        {
            List<Guid>? found = null;
            HashSet<Guid>? seen = null;
            void AddAll(IEnumerable<Guid> users)
            {
                found ??= [.. _companyWide];
                seen ??= [.. _companyWide];
                foreach (var u in users)
                {
                    if (seen.Add(u))
                    {
                        found.Add(u);
                    }
                }
            }

            foreach (var d in departments)
            {
                if (_byDepartment.TryGetValue(d, out var users))
                {
                    AddAll(users);
                }
            }

            foreach (var l in locations)
            {
                if (_byLocation.TryGetValue(l, out var users))
                {
                    AddAll(users);
                }
            }

            if (_both.Count > 0)
            {
                AddAll(_both.Where(h => departments.Contains(h.DepartmentId!.Value) && locations.Contains(h.LocationId!.Value)).Select(h => h.UserId));
            }

            return found ?? (IReadOnlyList<Guid>)_companyWide;
        }

        private static void Add(Dictionary<Guid, List<Guid>> index, Guid key, Guid user)
        {
            if (!index.TryGetValue(key, out var users))
            {
                index[key] = users = [];
            }

            users.Add(user);
        }
    }
}
