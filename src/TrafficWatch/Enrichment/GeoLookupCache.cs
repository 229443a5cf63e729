namespace TrafficWatch.Enrichment;

/// <summary>
/// A bounded address -> <see cref="DestinationGeo"/> cache with two generations: new entries go to the young
/// generation; when it is full the old generation is dropped and the young one becomes old, and a hit in the old
/// generation is promoted. That approximates LRU with O(1) work and at most 2 x capacity entries. Thread-safe
/// (one short lock: lookups happen at flow start, not per packet).
/// </summary>
internal sealed class GeoLookupCache
{
    private readonly int _capacity;
    private readonly Lock _lock = new();
    private Dictionary<UInt128, DestinationGeo> _young;
    private Dictionary<UInt128, DestinationGeo> _old;

    public GeoLookupCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _young = new Dictionary<UInt128, DestinationGeo>(Math.Min(capacity, 4096));
        _old = new Dictionary<UInt128, DestinationGeo>();
    }

    public long Hits { get; private set; }

    public long Misses { get; private set; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _young.Count + _old.Count;
            }
        }
    }

    public bool TryGet(UInt128 address, out DestinationGeo geo)
    {
        lock (_lock)
        {
            if (_young.TryGetValue(address, out geo!))
            {
                Hits++;
                return true;
            }
            if (_old.Remove(address, out geo!))
            {
                Hits++;
                AddLocked(address, geo);
                return true;
            }
            Misses++;
            return false;
        }
    }

    public void Add(UInt128 address, DestinationGeo geo)
    {
        lock (_lock)
        {
            AddLocked(address, geo);
        }
    }

    private void AddLocked(UInt128 address, DestinationGeo geo)
    {
        if (_young.Count >= _capacity && !_young.ContainsKey(address))
        {
            (_old, _young) = (_young, _old);
            _young.Clear();
        }
        _young[address] = geo;
    }
}
