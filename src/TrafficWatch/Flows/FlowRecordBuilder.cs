namespace TrafficWatch.Flows;

/// <summary>Copies a <see cref="FlowSlot"/> out as a <see cref="FlowRecord"/> (initiator as Src).</summary>
internal static class FlowRecordBuilder
{
    public static FlowRecord Build(ref FlowSlot slot, FlowEndReason reason, bool withDeltas)
    {
        ref readonly var key = ref slot.Key;
        var initiatorIsLo = slot.Has(FlowSlotFlags.InitiatorIsLo);
        var icmp = FlowKey.IsIcmp(key.Protocol);
        return new FlowRecord
        {
            FlowId = FlowIdGenerator.Compute(key, slot.StartNs),
            Key = key,
            SrcAddr = initiatorIsLo ? key.LoAddr : key.HiAddr,
            DstAddr = initiatorIsLo ? key.HiAddr : key.LoAddr,
            // ICMP keys keep (type/code, id) in packet order, not per endpoint.
            SrcPort = initiatorIsLo || icmp ? key.LoPort : key.HiPort,
            DstPort = initiatorIsLo || icmp ? key.HiPort : key.LoPort,
            Protocol = key.Protocol,
            VlanCount = slot.VlanCount,
            SrcMac = slot.SrcMac,
            DstMac = slot.DstMac,
            PktsToServer = slot.PktsToServer,
            PktsToClient = slot.PktsToClient,
            BytesToServer = slot.BytesToServer,
            BytesToClient = slot.BytesToClient,
            DeltaPktsToServer = withDeltas ? slot.DeltaPktsToServer : 0,
            DeltaPktsToClient = withDeltas ? slot.DeltaPktsToClient : 0,
            DeltaBytesToServer = withDeltas ? slot.DeltaBytesToServer : 0,
            DeltaBytesToClient = withDeltas ? slot.DeltaBytesToClient : 0,
            IsNewInInterval = withDeltas && slot.Has(FlowSlotFlags.NewInInterval),
            Start = new PacketTime(slot.StartNs),
            End = new PacketTime(slot.LastSeenNs),
            TcpFlagsToServer = slot.TcpFlagsToServer,
            TcpFlagsToClient = slot.TcpFlagsToClient,
            State = slot.State,
            Reason = reason,
            IcmpType = slot.IcmpType,
            IcmpCode = slot.IcmpCode,
            DestName = slot.App?.DestName,
            DestNameSource = slot.App?.DestNameSource ?? NameSource.None,
            App = slot.App,
        };
    }
}
