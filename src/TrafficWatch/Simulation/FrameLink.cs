using TrafficWatch.Decode;

namespace TrafficWatch.Simulation;

/// <summary>Layer-2 addressing of one direction of a conversation as seen on the captured segment.</summary>
internal readonly record struct FrameLink(MacAddress Source, MacAddress Destination, ushort Vlan)
{
    public FrameLink Reverse => new(Destination, Source, Vlan);

    public int EthernetHeaderLength => Vlan == 0 ? 14 : 18;
}
