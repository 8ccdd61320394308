using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Tandem.Web.Platform.Data;

/// <summary>
/// The entities a context holds as added, by type, so <see cref="TandemDb.Unsaved{T}"/> reads the few of one type
/// instead of scanning every tracked entity: a batch re-match asked for them several times per invoice while tens of
/// thousands of rows were tracked. Built from the tracker once, then kept by its events. <c>ChangeTracker.Clear()</c>
/// raises no events, so a member is only a candidate: the caller checks its state, and one no longer added is dropped.
/// </summary>
internal sealed class AddedRows
{
    /// <summary>Below this many members a type is never swept: a scan of a few hundred rows costs nothing.</summary>
    private const int SweepFloor = 512;

    private readonly Dictionary<Type, HashSet<object>> _byType = [];

    /// <summary>Each type's member count after its last sweep (see <see cref="Of{T}"/>).</summary>
    private readonly Dictionary<Type, int> _swept = [];

    public AddedRows(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries().Where(e => e.State == EntityState.Added))
        {
            Add(entry.Entity);
        }

        tracker.Tracked += (_, e) =>
        {
            if (e.Entry.State == EntityState.Added)
            {
                Add(e.Entry.Entity);
            }
        };
        tracker.StateChanged += (_, e) =>
        {
            if (e.NewState == EntityState.Added)
            {
                Add(e.Entry.Entity);
            }
            else if (e.OldState == EntityState.Added && _byType.TryGetValue(e.Entry.Entity.GetType(), out var set))
            {
                _ = set.Remove(e.Entry.Entity);
            }
        };
    }

    /// <summary>
    /// The members of type <typeparamref name="T"/> (or derived) that satisfy <paramref name="where"/> and for which
    /// <paramref name="stillAdded"/> holds; the stale ones among them are dropped. Only the members <paramref name="where"/>
    /// selects are checked (a look-up in the change tracker each): a batch asks for one document's rows among thousands,
    /// once or more per document. The rest are swept when a type's members have doubled since the last sweep, so the
    /// rows of a cleared tracker do not pile up.
    /// </summary>
    public List<T> Of<T>(Func<T, bool> where, Func<object, bool> stillAdded)
        where T : class
    {
        var found = new List<T>();
        foreach (var (type, set) in _byType)
        {
            if (!typeof(T).IsAssignableFrom(type))
            {
                continue;
            }

            if (set.Count >= 2 * Math.Max(_swept.GetValueOrDefault(type), SweepFloor))
            {
                _ = set.RemoveWhere(entity => !stillAdded(entity));
                _swept[type] = set.Count;
            }

            List<object>? stale = null;
            foreach (var entity in set)
            {
                if (where((T)entity))
                {
                    if (stillAdded(entity))
                    {
                        found.Add((T)entity);
                    }
                    else
                    {
                        (stale ??= []).Add(entity);
                    }
                }
            }

            stale?.ForEach(entity => set.Remove(entity));
        }

        return found;
    }

    private void Add(object entity)
    {
        if (!_byType.TryGetValue(entity.GetType(), out var set))
        {
            _byType[entity.GetType()] = set = new HashSet<object>(ReferenceEqualityComparer.Instance);
        }

        _ = set.Add(entity);
    }
}
