namespace TrafficWatch.Detection;

/// <summary>
/// A dictionary with a hard size bound: when full, the eighth of the entries used longest ago (in packet time,
/// ties by insertion order) is dropped in one sweep, so eviction costs O(1) amortised and no per-use bookkeeping
/// beyond one timestamp. Deterministic for a given input order. Not thread-safe (detectors run on one thread).
/// </summary>
internal sealed class BoundedStateTable<TKey, TState>
    where TKey : notnull
    where TState : TrackedState
{
    private readonly Dictionary<TKey, TState> _map;
    private readonly int _capacity;
    private long _sequence;
    private KeyValuePair<TKey, TState>[] _scratch = [];

    public BoundedStateTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _map = new Dictionary<TKey, TState>(Math.Min(capacity, 1_024));
    }

    public int Count => _map.Count;

    public int Capacity => _capacity;

    /// <summary>Entries dropped to stay within the bound, since creation.</summary>
    public long Evicted { get; private set; }

    public bool TryGet(TKey key, long now, out TState state)
    {
        if (_map.TryGetValue(key, out state!))
        {
            state.LastTouched = Math.Max(state.LastTouched, now);
            return true;
        }
        return false;
    }

    /// <summary>Looks the key up without touching it.</summary>
    public bool Peek(TKey key, out TState state) => _map.TryGetValue(key, out state!);

    public TState GetOrAdd<TArg>(TKey key, long now, Func<TArg, TState> create, TArg arg, out bool added)
    {
        if (TryGet(key, now, out var state))
        {
            added = false;
            return state;
        }
        if (_map.Count >= _capacity)
        {
            EvictOldest();
        }
        state = create(arg);
        state.LastTouched = now;
        state.Sequence = _sequence++;
        _map.Add(key, state);
        added = true;
        return state;
    }

    public bool Remove(TKey key) => _map.Remove(key);

    public Dictionary<TKey, TState>.ValueCollection Values => _map.Values;

    public Dictionary<TKey, TState> Entries => _map;

    private void EvictOldest()
    {
        var count = _map.Count;
        var drop = Math.Max(1, count / 8);
        if (_scratch.Length < count)
        {
            _scratch = new KeyValuePair<TKey, TState>[count];
        }
        var i = 0;
        foreach (var pair in _map)
        {
            _scratch[i++] = pair;
        }
        var span = _scratch.AsSpan(0, count);
        span.Sort(static (a, b) =>
        {
            var c = a.Value.LastTouched.CompareTo(b.Value.LastTouched);
            return c != 0 ? c : a.Value.Sequence.CompareTo(b.Value.Sequence);
        });
        for (var j = 0; j < drop; j++)
        {
            _map.Remove(span[j].Key);
        }
        span.Clear();
        Evicted += drop;
    }
}
