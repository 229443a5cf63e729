using TrafficWatch.Decode;

namespace TrafficWatch.Flows;

/// <summary>
/// Reassembly ACCOUNTING for IP fragments (no payload is copied): holds a copy of each fragment's
/// <see cref="PacketMeta"/> per datagram until the datagram's fate is known, then releases them to an
/// <see cref="IFragmentReleaseSink"/>, the way tshark attributes fragments:
/// <list type="bullet">
/// <item><b>Complete</b>: the last fragment (more-fragments clear) has been seen and the held byte ranges cover
/// [0, end) without a gap. Every held fragment is released, in arrival order, as <i>matched</i>, with the ports
/// of the fragment at offset 0 (its transport header); except overlapped ones, released unmatched.</item>
/// <item><b>Overlap</b> (tshark's outcome, decided at completion, see <see cref="MarkOverlapped"/>): in offset order,
/// a fragment overlapping bytes already placed is left out of the datagram (unmatched) unless it has exactly the
/// range of a fragment kept before it (an identical duplicate, kept). In zeek's fragmented-4, (24..72) arriving
/// after (48..72) leaves (48..72) out. A fragment arriving after its datagram completed starts a new one.</item>
/// <item><b>Incomplete</b>: a datagram older than <see cref="FlowTableOptions.FragmentTimeout"/> seconds of packet
/// time (since its first fragment arrived; checked by <see cref="Expire"/> from the table's sweeps and when a new
/// fragment of that datagram arrives), the oldest datagram when a bound is hit, and everything at
/// <see cref="ReleaseAll"/> are released unmatched: ports 0 and TCP flags 0, keeping the IP protocol (tshark counts
/// unreassembled fragments under their upper protocol with ports 0).</item>
/// </list>
/// <para>Bounds: at most <see cref="FlowTableOptions.MaxFragmentEntries"/> datagrams and
/// <see cref="MaxHeldFragmentsFor"/> held fragments in all (2 per datagram entry on average); hitting either
/// releases the oldest datagram (unmatched). A datagram may hold at most <see cref="MaxFragmentsPerDatagram"/>
/// fragments: one more releases the whole datagram, the new fragment included, unmatched. Storage is parallel
/// arrays grown by doubling up to those bounds and reused through free lists, plus a dictionary index: nothing is
/// allocated per packet once grown. A held fragment costs about 157 bytes (the 144-byte PacketMeta, its time, link
/// and flag), a datagram entry about 150 with its index entry; at the default 65,536 entries the worst case (a
/// fragment flood) is about 30 MB, reached only by growth.</para>
/// <para>Order: datagrams sit on one FIFO list in creation order; since they share one timeout, that is also expiry
/// order (expiry walks from the head, O(expired)), and eviction takes the head.</para>
/// </summary>
internal sealed class FragmentTracker
{
    /// <summary>Most fragments one datagram may hold (a 64 KiB datagram in 1 KiB fragments).</summary>
    public const int MaxFragmentsPerDatagram = 64;

    private const int None = -1;
    private const int InitialDatagrams = 256;
    private const int InitialFragments = 512;

    private readonly IFragmentReleaseSink _sink;
    private readonly Dictionary<FragmentKey, int> _index;
    private readonly int _maxDatagrams;
    private readonly int _maxFragments;
    private readonly long _timeoutNs;

    // Datagram entries (parallel arrays), FIFO-linked in creation order; free entries on a stack.
    private FragmentKey[] _keys;
    private long[] _createdNs;
    private int[] _head;               // first held fragment node (arrival order), None when empty
    private int[] _tail;
    private int[] _held;
    private int[] _end;                // end of the datagram (offset + length of the last fragment), -1 until seen
    private int[] _older;
    private int[] _newer;
    private int[] _freeDatagrams;
    private int _freeDatagramCount;
    private int _datagramsUsed;
    private int _oldest = None;
    private int _newest = None;
    private int _datagramCount;

    // Fragment nodes: the held PacketMeta copies, singly linked per datagram; free nodes chained through _next.
    private PacketMeta[] _metas;
    private long[] _arrivalNs;
    private int[] _next;
    private bool[] _overlapped;        // set by MarkOverlapped for the datagram being released
    private int _freeNode = None;
    private int _nodesUsed;
    private int _heldCount;

    public FragmentTracker(int maxEntries, int timeoutSeconds, IFragmentReleaseSink sink)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(timeoutSeconds);
        ArgumentNullException.ThrowIfNull(sink);
        _sink = sink;
        _maxDatagrams = maxEntries;
        _maxFragments = MaxHeldFragmentsFor(maxEntries);
        _timeoutNs = timeoutSeconds * PacketTime.NanosPerSecond;
        var datagrams = Math.Min(maxEntries, InitialDatagrams);
        _index = new Dictionary<FragmentKey, int>(datagrams);
        _keys = new FragmentKey[datagrams];
        _createdNs = new long[datagrams];
        _head = new int[datagrams];
        _tail = new int[datagrams];
        _held = new int[datagrams];
        _end = new int[datagrams];
        _older = new int[datagrams];
        _newer = new int[datagrams];
        _freeDatagrams = new int[datagrams];
        var fragments = Math.Min(_maxFragments, InitialFragments);
        _metas = new PacketMeta[fragments];
        _arrivalNs = new long[fragments];
        _next = new int[fragments];
        _overlapped = new bool[fragments];
    }

    /// <summary>Datagrams currently held.</summary>
    public int Count => _datagramCount;

    /// <summary>Fragments currently held (all datagrams).</summary>
    public int HeldFragments => _heldCount;

    /// <summary>The bound on held fragments for a datagram bound: twice as many, at least one full datagram.</summary>
    public static int MaxHeldFragmentsFor(int maxEntries) => (int)Math.Clamp(2L * maxEntries, MaxFragmentsPerDatagram, int.MaxValue / 2);

    /// <summary>
    /// Takes one fragment (<see cref="PacketMeta.IsFragment"/>) arriving at table time <paramref name="nowNs"/>:
    /// holds it, or releases it (and possibly others) to the sink before returning.
    /// </summary>
    public void Add(ref PacketMeta meta, long nowNs)
    {
        var key = KeyOf(meta);
        var d = Find(key, nowNs);
        if (d == None && meta.FragmentOffset == 0 && !meta.MoreFragments)
        {
            _sink.OnFragmentReleased(ref meta, nowNs, matched: true);   // a whole datagram in one fragment
            return;
        }
        if (d != None && _held[d] >= MaxFragmentsPerDatagram)
        {
            Release(d, matched: false);
            ReleaseAlone(ref meta, nowNs);
            return;
        }

        if (_heldCount >= _maxFragments)
        {
            Release(_oldest, matched: false);                           // may be d itself
            d = _index.TryGetValue(key, out var again) ? again : None;
        }
        if (d == None)
        {
            d = NewDatagram(key, nowNs);
        }
        var n = TakeNode();
        _metas[n] = meta;
        _arrivalNs[n] = nowNs;
        _next[n] = None;
        if (_tail[d] == None)
        {
            _head[d] = n;
        }
        else
        {
            _next[_tail[d]] = n;
        }
        _tail[d] = n;
        _held[d]++;
        _heldCount++;
        if (!meta.MoreFragments)
        {
            _end[d] = meta.FragmentOffset + meta.FragmentLength;
        }
        if (_end[d] >= 0 && IsComplete(d))
        {
            Release(d, matched: true);
        }
    }

    /// <summary>Releases (unmatched) every datagram whose first fragment arrived more than the timeout before <paramref name="nowNs"/>.</summary>
    public void Expire(long nowNs)
    {
        while (_oldest != None && nowNs - _createdNs[_oldest] > _timeoutNs)
        {
            Release(_oldest, matched: false);
        }
    }

    /// <summary>Releases (unmatched) every held datagram, oldest first: end of input.</summary>
    public void ReleaseAll()
    {
        while (_oldest != None)
        {
            Release(_oldest, matched: false);
        }
    }

    private static FragmentKey KeyOf(in PacketMeta meta)
        => new(meta.SrcAddr, meta.DstAddr, meta.Protocol, meta.FragmentId, meta.OuterVlan, meta.InnerVlan);

    /// <summary>The held datagram of <paramref name="key"/>, after releasing it if it has timed out.</summary>
    private int Find(in FragmentKey key, long nowNs)
    {
        if (!_index.TryGetValue(key, out var d))
        {
            return None;
        }
        if (nowNs - _createdNs[d] > _timeoutNs)
        {
            Release(d, matched: false);
            return None;
        }
        return d;
    }

    /// <summary>True when the held ranges cover [0, end) (at most 64 fragments: a quadratic scan is fine).</summary>
    private bool IsComplete(int d)
    {
        var datagramEnd = _end[d];
        var covered = 0;
        bool extended;
        do
        {
            extended = false;
            for (var n = _head[d]; n != None; n = _next[n])
            {
                var o = _metas[n].FragmentOffset;
                var e = o + _metas[n].FragmentLength;
                if (o <= covered && e > covered)
                {
                    covered = e;
                    extended = true;
                }
            }
        }
        while (extended && covered < datagramEnd);
        return covered >= datagramEnd && HasFirst(d);
    }

    private bool HasFirst(int d)
    {
        for (var n = _head[d]; n != None; n = _next[n])
        {
            if (_metas[n].FragmentOffset == 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Removes datagram <paramref name="d"/> and releases its fragments in arrival order.</summary>
    private void Release(int d, bool matched)
    {
        ushort srcPort = 0, dstPort = 0;
        if (matched)
        {
            var first = MarkOverlapped(d);
            srcPort = _metas[first].SrcPort;
            dstPort = _metas[first].DstPort;
        }
        var node = _head[d];
        _heldCount -= _held[d];
        RemoveDatagram(d);
        // The chain is detached: the sink may not call back in, so the nodes stay intact until freed.
        while (node != None)
        {
            var next = _next[node];
            var kept = matched && !_overlapped[node];
            ReleaseNode(node, kept, kept ? srcPort : (ushort)0, kept ? dstPort : (ushort)0);
            FreeNode(node);
            node = next;
        }
    }

    /// <summary>
    /// For a complete datagram, marks in <see cref="_overlapped"/> the fragments tshark leaves out of the reassembly,
    /// and returns the node whose ports the datagram takes (the first at offset 0).
    /// </summary>
    /// <remarks>
    /// tshark (4.0) places the fragments in offset order (equal offsets in arrival order) and leaves out a fragment
    /// whose range overlaps bytes already placed and whose bytes differ from them; overlapping identical bytes are
    /// kept. Without payload we cannot compare bytes, so: a fragment with exactly the range of a kept one is assumed
    /// to be an identical duplicate (retransmission, a SPAN port seeing it twice) and kept; any other overlap is
    /// assumed to conflict (a crafted overlap, as in zeek's fragmented-4) and is left out. At most
    /// <see cref="MaxFragmentsPerDatagram"/> fragments, so the quadratic selection in offset order is bounded.
    /// </remarks>
    private int MarkOverlapped(int d)
    {
        var placedEnd = 0;
        var first = None;
        int lastOffset = -1, lastPos = -1;
        while (true)
        {
            // Next fragment in (offset, arrival position) order.
            int pick = None, pickOffset = int.MaxValue, pickPos = int.MaxValue, pos = 0;
            for (var n = _head[d]; n != None; n = _next[n], pos++)
            {
                var o = _metas[n].FragmentOffset;
                var after = o > lastOffset || (o == lastOffset && pos > lastPos);
                if (after && (o < pickOffset || (o == pickOffset && pos < pickPos)))
                {
                    pick = n;
                    pickOffset = o;
                    pickPos = pos;
                }
            }
            if (pick == None)
            {
                return first;
            }
            lastOffset = pickOffset;
            lastPos = pickPos;
            var end = pickOffset + _metas[pick].FragmentLength;
            var overlapped = pickOffset < placedEnd && !IsDuplicateOfKept(d, pickPos, pickOffset, end);
            _overlapped[pick] = overlapped;
            if (!overlapped)
            {
                placedEnd = Math.Max(placedEnd, end);
                if (first == None)
                {
                    first = pick;                                  // offset 0: a complete datagram has one
                }
            }
        }
    }

    /// <summary>True when a fragment placed before position <paramref name="pos"/> (same offset: earlier arrival) and kept has exactly this range.</summary>
    private bool IsDuplicateOfKept(int d, int pos, int offset, int end)
    {
        var p = 0;
        for (var n = _head[d]; n != None && p < pos; n = _next[n], p++)
        {
            if (!_overlapped[n] && _metas[n].FragmentOffset == offset
                && _metas[n].FragmentOffset + _metas[n].FragmentLength == end)
            {
                return true;
            }
        }
        return false;
    }

    private void ReleaseNode(int n, bool matched, ushort srcPort, ushort dstPort)
    {
        ref var meta = ref _metas[n];
        meta.SrcPort = srcPort;
        meta.DstPort = dstPort;
        if (!matched)
        {
            meta.TcpFlags = 0;
        }
        _sink.OnFragmentReleased(ref meta, _arrivalNs[n], matched);
    }

    private void ReleaseAlone(ref PacketMeta meta, long nowNs)
    {
        meta.SrcPort = 0;
        meta.DstPort = 0;
        meta.TcpFlags = 0;
        _sink.OnFragmentReleased(ref meta, nowNs, matched: false);
    }

    private int NewDatagram(in FragmentKey key, long nowNs)
    {
        if (_datagramCount >= _maxDatagrams)
        {
            Release(_oldest, matched: false);
        }
        int d;
        if (_freeDatagramCount > 0)
        {
            d = _freeDatagrams[--_freeDatagramCount];
        }
        else
        {
            if (_datagramsUsed == _keys.Length)
            {
                GrowDatagrams();
            }
            d = _datagramsUsed++;
        }
        _keys[d] = key;
        _createdNs[d] = nowNs;
        _head[d] = None;
        _tail[d] = None;
        _held[d] = 0;
        _end[d] = -1;
        _older[d] = _newest;
        _newer[d] = None;
        if (_newest == None)
        {
            _oldest = d;
        }
        else
        {
            _newer[_newest] = d;
        }
        _newest = d;
        _index.Add(key, d);
        _datagramCount++;
        return d;
    }

    private void RemoveDatagram(int d)
    {
        var older = _older[d];
        var newer = _newer[d];
        if (older == None)
        {
            _oldest = newer;
        }
        else
        {
            _newer[older] = newer;
        }
        if (newer == None)
        {
            _newest = older;
        }
        else
        {
            _older[newer] = older;
        }
        _index.Remove(_keys[d]);
        _keys[d] = default;
        _head[d] = None;
        _tail[d] = None;
        _held[d] = 0;
        _freeDatagrams[_freeDatagramCount++] = d;
        _datagramCount--;
    }

    private int TakeNode()
    {
        if (_freeNode != None)
        {
            var n = _freeNode;
            _freeNode = _next[n];
            return n;
        }
        if (_nodesUsed == _metas.Length)
        {
            var capacity = (int)Math.Min(_maxFragments, _metas.Length * 2L);
            Array.Resize(ref _metas, capacity);
            Array.Resize(ref _arrivalNs, capacity);
            Array.Resize(ref _next, capacity);
            Array.Resize(ref _overlapped, capacity);
        }
        return _nodesUsed++;
    }

    private void FreeNode(int n)
    {
        _metas[n] = default;
        _overlapped[n] = false;
        _next[n] = _freeNode;
        _freeNode = n;
    }

    private void GrowDatagrams()
    {
        var capacity = (int)Math.Min(_maxDatagrams, _keys.Length * 2L);
        Array.Resize(ref _keys, capacity);
        Array.Resize(ref _createdNs, capacity);
        Array.Resize(ref _head, capacity);
        Array.Resize(ref _tail, capacity);
        Array.Resize(ref _held, capacity);
        Array.Resize(ref _end, capacity);
        Array.Resize(ref _older, capacity);
        Array.Resize(ref _newer, capacity);
        Array.Resize(ref _freeDatagrams, capacity);
    }
}
