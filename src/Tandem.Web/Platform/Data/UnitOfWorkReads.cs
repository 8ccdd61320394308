using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Tandem.Web.Platform.Data;

/// <summary>
/// Settings-like values a unit of work (one <see cref="TandemDb"/>: a request or a job run) reads once and then reuses:
/// company settings, exchange rates, payment settings. Each is filed under the entity type it is read from and forgotten
/// when the unit of work saves a change to an entity of that type. Never shared across units of work, so every instance
/// sees a change on its next request.
/// </summary>
internal sealed class UnitOfWorkReads
{
    private readonly Dictionary<(Type Source, object Key), object> _values = [];

    /// <summary>The value read from <typeparamref name="TSource"/> rows under <paramref name="key"/>, read with <paramref name="read"/> the first time.</summary>
    public async Task<T> GetAsync<TSource, T>(object key, Func<CancellationToken, Task<T>> read, CancellationToken ct)
        where T : notnull
    {
        if (_values.TryGetValue((typeof(TSource), key), out var known))
        {
            return (T)known;
        }

        var value = await read(ct);
        _values[(typeof(TSource), key)] = value;
        return value;
    }

    /// <summary>A value read along with something else (the signed-in user's company settings, with their principal).</summary>
    public void Remember<TSource>(object key, object value) => _values[(typeof(TSource), key)] = value;

    /// <summary>Forgets every value read from an entity type that has changes about to be saved.</summary>
    public void ForgetChanged(ChangeTracker tracker)
    {
        if (_values.Count == 0)
        {
            return;
        }

        var sources = _values.Keys.Select(k => k.Source).ToHashSet();
        var changed = tracker.Entries().Where(e => e.State != EntityState.Unchanged && sources.Contains(e.Metadata.ClrType)).Select(e => e.Metadata.ClrType).ToHashSet();
        foreach (var key in _values.Keys.Where(k => changed.Contains(k.Source)).ToList())
        {
            _values.Remove(key);
        }
    }
}
