using TrafficWatch.Decode;

namespace TrafficWatch.Flows;

/// <summary>
/// The state of one flow, stored by value in the table's slot array and updated through refs.
/// List links live in <see cref="SlotLists"/> (parallel arrays), the key-to-slot index in <see cref="FlowIndex"/>.
/// </summary>
/// <remarks>NOTE: a mutable struct; do not make it readonly and never copy it on the hot path.</remarks>
internal struct FlowSlot
{
    public FlowKey Key;

    public long StartNs;
    public long LastSeenNs;

    /// <summary>When the slot was last moved to the tail of its expiry list (lists are ordered by this, to the second).</summary>
    public long ListedNs;
    /// <summary>Start, or the time of the previous interim record.</summary>
    public long InterimBaseNs;

    public long PktsToServer;
    public long PktsToClient;
    public long BytesToServer;
    public long BytesToClient;

    /// <summary>Counts since the previous interval collection.</summary>
    public long DeltaPktsToServer;
    public long DeltaPktsToClient;
    public long DeltaBytesToServer;
    public long DeltaBytesToClient;

    /// <summary>Destination name and application-layer details (TLS, HTTP), allocated only for flows that have any.</summary>
    public FlowApp? App;

    public MacAddress SrcMac;
    public MacAddress DstMac;

    /// <summary>Cached <see cref="FlowKey.GetHashCode"/> of <see cref="Key"/> (probing and deletion in the index).</summary>
    public int Hash;

    public byte TcpFlagsToServer;
    public byte TcpFlagsToClient;
    public byte IcmpType;
    public byte IcmpCode;
    public byte VlanCount;
    public FlowState State;
    public TimeoutClass TimeoutClass;
    public TcpProgress Tcp;
    public FlowSlotFlags Flags;

    public readonly bool Has(FlowSlotFlags flag) => (Flags & flag) != 0;

    public void Set(FlowSlotFlags flag) => Flags |= flag;

    public void Clear(FlowSlotFlags flag) => Flags &= ~flag;
}
