using TrafficWatch.Decode;

namespace TrafficWatch.Flows;

/// <summary>
/// Bidirectional flow table driven by packet time. Single-threaded: one owner calls
/// <see cref="Process"/>, which updates the flow of the packet and expires idle flows.
/// </summary>
/// <remarks>
/// <para>Storage: flows live by value in a <see cref="FlowSlot"/> array (grown by doubling up to
/// <see cref="FlowTableOptions.MaxFlows"/>, freed slots reused LIFO), found through an open-addressing
/// <see cref="FlowIndex"/> (4-byte buckets, at most half full). Three families of intrusive lists link the slots:
/// one LRU list per <see cref="TimeoutClass"/> (ordered by last-seen, sharing one timeout, so expiry walks from the
/// head and stops at the first live flow: O(expired)); the touched list (flows with packets since the previous
/// <see cref="CollectIntervalDeltas"/>, in first-touch order); and the interim list (ordered by start or last interim).</para>
/// <para>Memory: <see cref="BytesPerFlowSlot"/> = 212 bytes per slot (176-byte <see cref="FlowSlot"/>, 8 bytes of index
/// buckets, 24 of list links, 4 of free stack). Measured by the tests: 212 bytes per flow at full capacity, 278 for
/// 100k flows with the default MaxFlows (doubling slack). Steady state allocates nothing per packet, even while
/// evicting and creating flows at MaxFlows.</para>
/// <para>Time: a table clock that only moves forward (max of packet times seen). A packet earlier than the clock
/// (merged captures) is accounted at the clock and counted in <see cref="FlowTableCounters.TimeWentBackwards"/>.
/// Sweeps run at most once per second of packet time (at the first packet or <see cref="AdvanceTime"/> of each second).</para>
/// <para>Determinism: nothing is emitted in hash order. Sweeps emit per timeout class in LRU order, deltas are
/// visited in first-touch order, and <see cref="FlushAll"/> sorts by start time then flow id.</para>
/// <para>Fragments: IP fragments are not accounted when they arrive but held by a <see cref="FragmentTracker"/>
/// (reassembly accounting, no payload) until their datagram completes (then all are counted in the datagram's
/// flow with the first fragment's ports: <see cref="FlowTableCounters.FragmentsMatched"/>) or cannot
/// (timeout, overlap, bounds, <see cref="FlushAll"/>: counted with ports 0 under their IP protocol,
/// <see cref="FlowTableCounters.FragmentsUnmatched"/>), as tshark does. A released fragment is accounted at the
/// table clock (the flow's last-seen never goes backwards and the LRU lists stay ordered), except that a flow it
/// creates starts at the fragment's own arrival time. So fragment traffic shows up in flow records and interval
/// deltas when its datagram's fate is decided, at most <see cref="FlowTableOptions.FragmentTimeout"/> seconds late.</para>
/// </remarks>
public sealed class FlowTable : IFragmentReleaseSink
{
    private const int InitialCapacity = 1_024;
    private const int TouchedList = 0;
    private const int InterimList = 0;

    private readonly IFlowSink _sink;
    private readonly FlowTableCounters _counters = new();
    private readonly FlowTimeouts _timeouts;
    private readonly FragmentTracker _fragments;
    private readonly FlowIndex _index;
    private readonly SlotLists _lru;
    private readonly SlotLists _touched;
    private readonly SlotLists _interim;
    private readonly int _maxFlows;
    private readonly long _interimNs;

    private FlowSlot[] _slots;
    private int[] _freeSlots;
    private int _freeCount;
    private int _slotsUsed;            // high-water mark: slots [0, _slotsUsed) have been handed out at least once
    private int _count;
    private long _clockNs = long.MinValue;
    private long _nextSweepNs = long.MinValue;

    public FlowTable(FlowTableOptions options, IFlowSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFlows, 1, nameof(options.MaxFlows));
        ArgumentOutOfRangeException.ThrowIfNegative(options.InterimSeconds, nameof(options.InterimSeconds));
        _sink = sink;
        _timeouts = new FlowTimeouts(options);
        _fragments = new FragmentTracker(options.MaxFragmentEntries, options.FragmentTimeout, this);
        _maxFlows = options.MaxFlows;
        _interimNs = options.InterimSeconds * PacketTime.NanosPerSecond;
        var capacity = Math.Min(_maxFlows, InitialCapacity);
        _slots = new FlowSlot[capacity];
        _freeSlots = new int[capacity];
        _index = new FlowIndex(capacity);
        _lru = new SlotLists(FlowTimeouts.ClassCount, capacity);
        _touched = new SlotLists(1, capacity);
        _interim = new SlotLists(1, capacity);
    }

    /// <summary>Approximate bytes held per flow slot: the slot, its index buckets (2 per slot), three link pairs and the free stack.</summary>
    public static int BytesPerFlowSlot
        => System.Runtime.CompilerServices.Unsafe.SizeOf<FlowSlot>() + 2 * sizeof(int) + 3 * SlotLists.BytesPerSlot + sizeof(int);

    public FlowTableCounters Counters => _counters;

    public int ActiveFlows => _count;

    /// <summary>Current slot capacity (grows by doubling up to <see cref="FlowTableOptions.MaxFlows"/>).</summary>
    public int Capacity => _slots.Length;

    /// <summary>The table clock: the latest packet time seen (<see cref="PacketTime.Zero"/> before the first).</summary>
    public PacketTime Now => _clockNs == long.MinValue ? PacketTime.Zero : new(_clockNs);

    /// <summary>
    /// Accounts one decoded packet (<see cref="PacketMeta.HasFlowKey"/> must be true, else it is counted and ignored)
    /// and expires idle flows. An IP fragment is held until its datagram completes or cannot (see the remarks).
    /// </summary>
    public void Process(ref PacketMeta meta)
    {
        LastSlot = -1;
        if (!meta.HasFlowKey)
        {
            _counters.NoFlowKey++;
            return;
        }
        var now = Tick(meta.Timestamp.Nanoseconds);
        if (now >= _nextSweepNs)
        {
            Sweep(now);
        }
        if (meta.IsFragment && !meta.IsIcmpErrorQuote)
        {
            _fragments.Add(ref meta, now);                          // accounted through OnFragmentReleased
            return;
        }
        Account(ref meta, now, now);
    }

    /// <summary>Fragments held by the tracker (datagrams not yet complete).</summary>
    public int HeldFragments => _fragments.HeldFragments;

    void IFragmentReleaseSink.OnFragmentReleased(ref PacketMeta meta, long arrivalNs, bool matched)
    {
        if (matched)
        {
            _counters.FragmentsMatched++;
        }
        else
        {
            _counters.FragmentsUnmatched++;
        }
        Account(ref meta, _clockNs, Math.Min(arrivalNs, _clockNs));
    }

    /// <summary>Updates (or creates, starting at <paramref name="startNs"/>) the flow of a packet at table time <paramref name="now"/>.</summary>
    private void Account(ref PacketMeta meta, long now, long startNs)
    {
        var key = FlowKey.From(meta);
        var hash = key.GetHashCode();
        var slotIndex = _index.Find(_slots, key, hash);
        if (slotIndex >= 0)
        {
            ref var found = ref _slots[slotIndex];
            if (now - found.LastSeenNs > _timeouts[found.TimeoutClass])
            {
                // The sweep has not run yet, but this flow is over: end it and start a new one.
                End(slotIndex, found.State == FlowState.Closed ? FlowEndReason.Closed : FlowEndReason.Timeout);
                slotIndex = -1;
            }
            else if (found.State == FlowState.Closed && meta.Protocol == 6 && TcpStateTracker.IsPureSyn(meta.TcpFlags))
            {
                _counters.TcpPortReuse++;
                End(slotIndex, FlowEndReason.Closed);
                slotIndex = -1;
            }
        }
        var isNew = slotIndex < 0;
        if (isNew)
        {
            slotIndex = Create(key, hash, ref meta, now, startNs);
        }
        Update(slotIndex, ref meta, now, isNew);
        LastSlot = slotIndex;
        if (isNew)
        {
            StartObserver?.OnFlowStart(this, slotIndex, in meta);
        }
    }

    /// <summary>Told about every new flow after its first packet (optional; set before the first packet).</summary>
    public IFlowStartObserver? StartObserver { get; set; }

    /// <summary>
    /// The slot of the flow the last <see cref="Process"/> call counted the packet in, or -1 (no flow key, or a
    /// fragment held for reassembly). Valid until the next call that processes packets or advances time.
    /// </summary>
    public int LastSlot { get; private set; } = -1;

    /// <summary>The live flow in <paramref name="slot"/> as a record (<see cref="FlowEndReason.Snapshot"/>, no deltas).</summary>
    public FlowRecord Describe(int slot)
    {
        ref var s = ref LiveSlot(slot);
        return FlowRecordBuilder.Build(ref s, FlowEndReason.Snapshot, withDeltas: false);
    }

    /// <summary>True when the packet in <paramref name="meta"/> travels from the initiator to the responder of the flow in <paramref name="slot"/>.</summary>
    public bool IsToServer(int slot, in PacketMeta meta)
    {
        ref var s = ref LiveSlot(slot);
        return s.Key.IsLoSide(meta) == s.Has(FlowSlotFlags.InitiatorIsLo);
    }

    /// <summary>Names the responder of a live flow (a later, more direct source such as SNI replaces a DNS name).</summary>
    public void SetDestinationName(int slot, string? name, NameSource source)
    {
        ref var s = ref LiveSlot(slot);
        if (name is null && s.App is null)
        {
            return;
        }
        s.App ??= new FlowApp();
        s.App.DestName = name;
        s.App.DestNameSource = name is null ? NameSource.None : source;
    }

    /// <summary>The EVE flow id (<see cref="FlowIdGenerator"/>: key and start time) of the live flow in <paramref name="slot"/>.</summary>
    public long FlowIdOf(int slot)
    {
        ref var s = ref LiveSlot(slot);
        return FlowIdGenerator.Compute(s.Key, s.StartNs);
    }

    /// <summary>The flow's application details, created on first use.</summary>
    public FlowApp GetOrCreateApp(int slot)
    {
        ref var s = ref LiveSlot(slot);
        return s.App ??= new FlowApp();
    }

    private ref FlowSlot LiveSlot(int slot)
    {
        if ((uint)slot >= (uint)_slotsUsed || !_slots[slot].Has(FlowSlotFlags.InUse))
        {
            throw new ArgumentOutOfRangeException(nameof(slot), slot, "no live flow in this slot");
        }
        return ref _slots[slot];
    }

    /// <summary>
    /// Moves packet time forward without a flow packet (live capture idle, or a non-IP frame): expires what is due.
    /// Throttled like <see cref="Process"/>: at most one sweep per second of packet time, so calling it per frame is cheap.
    /// </summary>
    public void AdvanceTime(PacketTime now)
    {
        var ns = Tick(now.Nanoseconds);
        if (ns >= _nextSweepNs)
        {
            Sweep(ns);
        }
    }

    /// <summary>
    /// Releases every held fragment (unmatched: its datagram never completed), then ends every flow with
    /// <see cref="FlowEndReason.Shutdown"/> (end of input), ordered by start time then flow id.
    /// </summary>
    public void FlushAll()
    {
        _fragments.ReleaseAll();                                    // incomplete datagrams: ports 0, then flushed below
        if (_count == 0)
        {
            return;
        }
        var order = new FlushOrderEntry[_count];
        var n = 0;
        for (var s = 0; s < _slotsUsed; s++)
        {
            ref var slot = ref _slots[s];
            if (slot.Has(FlowSlotFlags.InUse))
            {
                order[n++] = new FlushOrderEntry(slot.StartNs, FlowIdGenerator.Compute(slot.Key, slot.StartNs), s);
            }
        }
        Array.Sort(order, 0, n);
        for (var i = 0; i < n; i++)
        {
            End(order[i].Slot, FlowEndReason.Shutdown);
        }
    }

    /// <summary>
    /// Visits every active flow with activity since the previous call, as a record whose Delta* fields hold
    /// the counts since then, and resets the deltas. For per-interval metrics.
    /// </summary>
    /// <remarks>
    /// Visiting order is first-touch order within the interval (deterministic). Records carry
    /// <see cref="FlowEndReason.Interval"/>. Flows that ended since the previous call are not visited: their end
    /// records already carried their Delta*, so deltas of visits plus deltas of end records sum exactly to the totals.
    /// The visitor must not call back into the table.
    /// </remarks>
    public void CollectIntervalDeltas(IFlowSink visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        var s = _touched.Head(TouchedList);
        while (s != SlotLists.None)
        {
            var next = _touched.Next(s);
            ref var slot = ref _slots[s];
            var record = FlowRecordBuilder.Build(ref slot, FlowEndReason.Interval, withDeltas: true);
            slot.DeltaPktsToServer = 0;
            slot.DeltaPktsToClient = 0;
            slot.DeltaBytesToServer = 0;
            slot.DeltaBytesToClient = 0;
            slot.Clear(FlowSlotFlags.Touched | FlowSlotFlags.NewInInterval);
            visitor.OnFlowEnd(in record);
            s = next;
        }
        _touched.Reset(TouchedList);
    }

    private long Tick(long timestampNs)
    {
        if (timestampNs < _clockNs)
        {
            _counters.TimeWentBackwards++;
            return _clockNs;
        }
        _clockNs = timestampNs;
        return timestampNs;
    }

    private int Create(in FlowKey key, int hash, ref PacketMeta meta, long now, long startNs)
    {
        if (_count >= _maxFlows)
        {
            EvictLongestIdle();
        }
        var s = TakeSlot();
        ref var slot = ref _slots[s];
        slot = default;
        slot.Key = key;
        slot.Hash = hash;
        slot.StartNs = startNs;
        slot.LastSeenNs = now;
        slot.ListedNs = now;
        slot.InterimBaseNs = now;
        slot.VlanCount = meta.VlanCount;
        slot.IcmpType = meta.IcmpType;
        slot.IcmpCode = meta.IcmpCode;
        slot.State = FlowState.New;
        slot.TimeoutClass = FlowTimeouts.Classify(key.Protocol, FlowState.New);
        slot.Flags = FlowSlotFlags.InUse | FlowSlotFlags.NewInInterval;

        // Initiator: the sender of a pure SYN, the receiver of a SYN-ACK, else the sender of this first packet.
        // Decided once: a later SYN on a flow picked up mid-stream does not flip it.
        var senderIsLo = key.IsLoSide(meta);
        var initiatorIsLo = meta.Protocol == 6 && TcpStateTracker.IsSynAck(meta.TcpFlags) && !meta.IsNonFirstFragment
            ? !senderIsLo
            : senderIsLo;
        if (initiatorIsLo)
        {
            slot.Set(FlowSlotFlags.InitiatorIsLo);
        }

        _index.Insert(_slots, s);
        _lru.AddLast((int)slot.TimeoutClass, s);
        if (_interimNs > 0)
        {
            _interim.AddLast(InterimList, s);
        }
        _count++;
        _counters.NewFlows++;
        return s;
    }

    private void Update(int s, ref PacketMeta meta, long now, bool isNew)
    {
        ref var slot = ref _slots[s];
        var toServer = slot.Key.IsLoSide(meta) == slot.Has(FlowSlotFlags.InitiatorIsLo);
        var wire = meta.WireLength;
        if (toServer)
        {
            slot.PktsToServer++;
            slot.BytesToServer += wire;
            slot.DeltaPktsToServer++;
            slot.DeltaBytesToServer += wire;
            slot.TcpFlagsToServer |= meta.TcpFlags;
            if (!slot.Has(FlowSlotFlags.MacsFromInitiator))
            {
                slot.SrcMac = meta.SrcMac;
                slot.DstMac = meta.DstMac;
                slot.Set(FlowSlotFlags.MacsFromInitiator);
            }
            slot.Set(FlowSlotFlags.SeenToServer);
        }
        else
        {
            slot.PktsToClient++;
            slot.BytesToClient += wire;
            slot.DeltaPktsToClient++;
            slot.DeltaBytesToClient += wire;
            slot.TcpFlagsToClient |= meta.TcpFlags;
            if (isNew)
            {
                // First packet from the responder (SYN-ACK seen first): best guess until the initiator sends.
                slot.SrcMac = meta.DstMac;
                slot.DstMac = meta.SrcMac;
            }
            slot.Set(FlowSlotFlags.SeenToClient);
        }
        slot.LastSeenNs = now;
        slot.Set(FlowSlotFlags.ActiveSinceInterim);
        if (!slot.Has(FlowSlotFlags.Touched))
        {
            slot.Set(FlowSlotFlags.Touched);
            _touched.AddLast(TouchedList, s);
        }

        if (slot.Key.Protocol == 6)
        {
            TcpStateTracker.Update(ref slot, meta.TcpFlags, toServer, meta.PayloadLength);
        }
        else if (slot.State == FlowState.New && slot.Has(FlowSlotFlags.SeenToServer) && slot.Has(FlowSlotFlags.SeenToClient))
        {
            slot.State = FlowState.Established;
        }

        var timeoutClass = FlowTimeouts.Classify(slot.Key.Protocol, slot.State);
        if (timeoutClass != slot.TimeoutClass)
        {
            _lru.Remove((int)slot.TimeoutClass, s);
            _lru.AddLast((int)timeoutClass, s);
            slot.TimeoutClass = timeoutClass;
            slot.ListedNs = now;
        }
        else if (now - slot.ListedNs >= ListGranularityNs)
        {
            // Lazy LRU: a busy flow moves to the tail at most once per second of packet time, not per packet
            // (each move writes three other slots' links). Lists stay ordered by ListedNs; LastSeenNs is within
            // a second after it, which the sweep allows for.
            _lru.MoveToLast((int)timeoutClass, s);
            slot.ListedNs = now;
        }
    }

    /// <summary>
    /// Ends every flow past its timeout, then emits due interim records. Sweeps run at the first event of each
    /// second of packet time, so expiry is exact to one second; a packet that arrives for a flow past its timeout
    /// ends that flow first whether or not a sweep has run.
    /// </summary>
    private const long ListGranularityNs = PacketTime.NanosPerSecond;

    private void Sweep(long now)
    {
        _nextSweepNs = (Math.DivRem(now, PacketTime.NanosPerSecond, out var rem) + (rem < 0 ? 0 : 1)) * PacketTime.NanosPerSecond;
        _fragments.Expire(now);                                     // timed-out datagrams: their fragments count with ports 0
        for (var c = 0; c < FlowTimeouts.ClassCount; c++)
        {
            var timeoutNs = _timeouts[(TimeoutClass)c];
            var reason = (TimeoutClass)c == TimeoutClass.TcpClosed ? FlowEndReason.Closed : FlowEndReason.Timeout;
            int head;
            while ((head = _lru.Head(c)) != SlotLists.None && now - _slots[head].ListedNs > timeoutNs)
            {
                if (now - _slots[head].LastSeenNs <= timeoutNs)
                {
                    break;      // seen within a second after it was listed: it expires by the next sweep or two
                }
                End(head, reason);
            }
        }
        if (_interimNs > 0)
        {
            EmitInterims(now);
        }
    }

    private void EmitInterims(long now)
    {
        int head;
        while ((head = _interim.Head(InterimList)) != SlotLists.None && now - _slots[head].InterimBaseNs >= _interimNs)
        {
            ref var slot = ref _slots[head];
            slot.InterimBaseNs = now;
            _interim.MoveToLast(InterimList, head);
            if (!slot.Has(FlowSlotFlags.ActiveSinceInterim))
            {
                continue;                                          // idle since the previous interim: nothing new to say
            }
            slot.Clear(FlowSlotFlags.ActiveSinceInterim);
            _counters.InterimRecords++;
            var record = FlowRecordBuilder.Build(ref slot, FlowEndReason.Interim, withDeltas: false);
            _sink.OnFlowEnd(in record);
        }
    }

    private void EvictLongestIdle()
    {
        var victim = SlotLists.None;
        var oldest = long.MaxValue;
        for (var c = 0; c < FlowTimeouts.ClassCount; c++)
        {
            var head = _lru.Head(c);
            if (head != SlotLists.None && _slots[head].LastSeenNs < oldest)
            {
                oldest = _slots[head].LastSeenNs;
                victim = head;
            }
        }
        End(victim, FlowEndReason.Evicted);
    }

    private void End(int s, FlowEndReason reason)
    {
        ref var slot = ref _slots[s];
        var record = FlowRecordBuilder.Build(ref slot, reason, withDeltas: true);
        _lru.Remove((int)slot.TimeoutClass, s);
        if (slot.Has(FlowSlotFlags.Touched))
        {
            _touched.Remove(TouchedList, s);
        }
        if (_interimNs > 0)
        {
            _interim.Remove(InterimList, s);
        }
        _index.Remove(_slots, s);
        slot = default;
        _freeSlots[_freeCount++] = s;
        _count--;
        switch (reason)
        {
            case FlowEndReason.Timeout:
                _counters.EndedTimeout++;
                break;
            case FlowEndReason.Closed:
                _counters.EndedClosed++;
                break;
            case FlowEndReason.Shutdown:
                _counters.EndedShutdown++;
                break;
            case FlowEndReason.Evicted:
                _counters.Evicted++;
                break;
        }
        _sink.OnFlowEnd(in record);
    }

    private int TakeSlot()
    {
        if (_freeCount > 0)
        {
            return _freeSlots[--_freeCount];
        }
        if (_slotsUsed == _slots.Length)
        {
            Grow();
        }
        return _slotsUsed++;
    }

    private void Grow()
    {
        var capacity = (int)Math.Min(_maxFlows, _slots.Length * 2L);
        Array.Resize(ref _slots, capacity);
        Array.Resize(ref _freeSlots, capacity);
        _lru.Grow(capacity);
        _touched.Grow(capacity);
        _interim.Grow(capacity);
        if (_index.BucketCount < FlowIndex.BucketsFor(capacity))
        {
            _index.Rebuild(_slots, capacity, _slotsUsed);
        }
    }
}
