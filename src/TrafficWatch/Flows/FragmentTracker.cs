using TrafficWatch.Decode;

namespace TrafficWatch.Flows;

/// <summary>
/// Remembers the ports of first IP fragments so that the non-first fragments of the same datagram (which carry
/// no transport header) are accounted to the same flow. No reassembly: only the ports are borrowed.
/// <para>Bounded two ways: at most <see cref="FlowTableOptions.MaxFragmentEntries"/> entries, replaced oldest
/// first (a FIFO ring), and an entry older than <see cref="FlowTableOptions.FragmentTimeout"/> seconds of packet
/// time no longer matches.</para>
/// <para>Out of order: a non-first fragment that arrives before its first fragment is not matched (it is counted
/// as unmatched and accounted to a flow with ports 0, like tshark shows unreassembled fragments); the first
/// fragment still matches the fragments that follow it.</para>
/// </summary>
internal sealed class FragmentTracker
{
    private const int InitialCapacity = 256;

    private readonly Dictionary<FragmentKey, int> _index;
    private readonly int _maxEntries;
    private readonly long _timeoutNs;
    private FragmentKey[] _keys;
    private uint[] _ports;            // (src port << 16) | dst port
    private long[] _seenNs;
    private int _count;
    private int _nextVictim;           // ring position of the oldest entry once the ring is full

    public FragmentTracker(int maxEntries, int timeoutSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(timeoutSeconds);
        _maxEntries = maxEntries;
        _timeoutNs = timeoutSeconds * PacketTime.NanosPerSecond;
        var initial = Math.Min(maxEntries, InitialCapacity);
        _index = new Dictionary<FragmentKey, int>(initial);
        _keys = new FragmentKey[initial];
        _ports = new uint[initial];
        _seenNs = new long[initial];
    }

    public int Count => _count;

    /// <summary>Records the ports of a first fragment.</summary>
    public void RememberFirst(in PacketMeta meta, long nowNs)
    {
        var key = KeyOf(meta);
        if (!_index.TryGetValue(key, out var entry))
        {
            entry = TakeEntry();
            _keys[entry] = key;
            _index.Add(key, entry);
        }
        _ports[entry] = ((uint)meta.SrcPort << 16) | meta.DstPort;
        _seenNs[entry] = nowNs;
    }

    /// <summary>Fills the ports of a non-first fragment from its first fragment; false when none is known (ports left as they are).</summary>
    public bool TryFillPorts(ref PacketMeta meta, long nowNs)
    {
        if (!_index.TryGetValue(KeyOf(meta), out var entry) || nowNs - _seenNs[entry] > _timeoutNs)
        {
            return false;
        }
        meta.SrcPort = (ushort)(_ports[entry] >> 16);
        meta.DstPort = (ushort)_ports[entry];
        return true;
    }

    private static FragmentKey KeyOf(in PacketMeta meta)
        => new(meta.SrcAddr, meta.DstAddr, meta.Protocol, meta.FragmentId, meta.OuterVlan, meta.InnerVlan);

    private int TakeEntry()
    {
        if (_count < _keys.Length)
        {
            return _count++;
        }
        if (_keys.Length < _maxEntries)
        {
            var capacity = (int)Math.Min(_maxEntries, _keys.Length * 2L);
            Array.Resize(ref _keys, capacity);
            Array.Resize(ref _ports, capacity);
            Array.Resize(ref _seenNs, capacity);
            return _count++;
        }
        // Full: the ring was filled in order 0..n-1, so the oldest entry sits at _nextVictim.
        var victim = _nextVictim;
        _nextVictim = victim + 1 == _keys.Length ? 0 : victim + 1;
        _index.Remove(_keys[victim]);
        return victim;
    }
}
