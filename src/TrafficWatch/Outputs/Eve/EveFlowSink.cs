using System.Text.Json;
using TrafficWatch.Decode;
using TrafficWatch.Detection;
using TrafficWatch.Flows;

namespace TrafficWatch.Outputs.Eve;

/// <summary>Renders ended flows as EVE <c>flow</c> events in Suricata's shape (src = initiator).</summary>
public sealed class EveFlowSink : IFlowSink
{
    private readonly EveWriter _writer;

    public EveFlowSink(EveWriter writer) => _writer = writer;

    public void OnFlowEnd(in FlowRecord r) => Write(in r, null);

    /// <summary>
    /// Writes the flow, with TrafficWatch's attribution when <paramref name="facts"/> is given: <c>src_device</c> /
    /// <c>dest_device</c> (mac, name, vendor, class, zone, registered) for the internal sides, and the destination's
    /// <c>dest_country</c>, <c>dest_asn</c>, <c>dest_as_org</c>, <c>dest_class</c> and <c>vendor_cloud</c>.
    /// </summary>
    public void Write(in FlowRecord r, FlowFacts? facts)
    {
        var json = _writer.BeginEvent(r.Start, "flow");
        json.WriteNumber("flow_id"u8, r.FlowId);
        if (r.VlanCount > 0)
        {
            json.WriteStartArray("vlan"u8);
            json.WriteNumberValue(r.Key.OuterVlan);
            if (r.VlanCount > 1)
            {
                json.WriteNumberValue(r.Key.InnerVlan);
            }
            json.WriteEndArray();
        }
        json.WriteString("src_ip"u8, IpAddr.ToString(r.SrcAddr));
        var icmp = FlowKey.IsIcmp(r.Protocol);
        if (!icmp && HasPorts(r.Protocol))
        {
            json.WriteNumber("src_port"u8, r.SrcPort);
        }
        json.WriteString("dest_ip"u8, IpAddr.ToString(r.DstAddr));
        if (!icmp && HasPorts(r.Protocol))
        {
            json.WriteNumber("dest_port"u8, r.DstPort);
        }
        json.WriteString("proto"u8, ProtocolName(r.Protocol));
        if (r.App?.Protocol is { } appProto)
        {
            json.WriteString("app_proto"u8, appProto);
        }
        if (r.DestName is not null)
        {
            json.WriteString("dest_name"u8, r.DestName);
        }
        json.WriteString("dest_name_source"u8, NameSourceName(r.DestName is null ? NameSource.None : r.DestNameSource));
        if (icmp)
        {
            json.WriteNumber("icmp_type"u8, r.IcmpType);
            json.WriteNumber("icmp_code"u8, r.IcmpCode);
        }
        if (facts is not null)
        {
            WriteAttribution(json, facts);
        }
        if (r.SrcMac.Value != 0 || r.DstMac.Value != 0)
        {
            json.WriteStartObject("ether"u8);
            json.WriteString("src_mac"u8, r.SrcMac.ToString());
            json.WriteString("dest_mac"u8, r.DstMac.ToString());
            json.WriteEndObject();
        }

        json.WriteStartObject("flow"u8);
        json.WriteNumber("pkts_toserver"u8, r.PktsToServer);
        json.WriteNumber("pkts_toclient"u8, r.PktsToClient);
        json.WriteNumber("bytes_toserver"u8, r.BytesToServer);
        json.WriteNumber("bytes_toclient"u8, r.BytesToClient);
        json.WriteString("start"u8, r.Start.ToEveString());
        json.WriteString("end"u8, r.End.ToEveString());
        json.WriteNumber("age"u8, (long)r.AgeSeconds);
        json.WriteString("state"u8, StateName(r.State));
        json.WriteString("reason"u8, ReasonName(r.Reason));
        json.WriteBoolean("alerted"u8, false);
        json.WriteEndObject();

        if (r.Protocol == 6)
        {
            WriteTcp(json, in r);
        }
        _writer.EndEvent();
    }

    private static void WriteAttribution(Utf8JsonWriter json, FlowFacts facts)
    {
        var deviceIsSource = facts.DeviceIsInitiator;
        if (facts.Device.Mac.Value != 0)
        {
            WriteDevice(json, deviceIsSource ? "src_device"u8 : "dest_device"u8, facts.Device);
        }
        if (facts.DestinationDevice is { } peer)
        {
            WriteDevice(json, deviceIsSource ? "dest_device"u8 : "src_device"u8, peer);
        }
        if (facts.Destination.Country is { } country)
        {
            json.WriteString("dest_country"u8, country);
        }
        if (facts.Destination.Asn is { } asn)
        {
            json.WriteNumber("dest_asn"u8, asn);
        }
        if (facts.Destination.AsnOrganization is { } org)
        {
            json.WriteString("dest_as_org"u8, org);
        }
        json.WriteString("dest_class"u8, facts.DestinationClass);
        if (facts.VendorCloud is { } vendor)
        {
            json.WriteString("vendor_cloud"u8, vendor);
        }
    }

    private static void WriteDevice(Utf8JsonWriter json, ReadOnlySpan<byte> property, AlertDevice device)
    {
        json.WriteStartObject(property);
        json.WriteString("mac"u8, device.Mac.ToString());
        if (device.Name is not null)
        {
            json.WriteString("name"u8, device.Name);
        }
        if (device.Vendor is not null)
        {
            json.WriteString("vendor"u8, device.Vendor);
        }
        json.WriteString("class"u8, device.Class);
        if (device.Zone is not null)
        {
            json.WriteString("zone"u8, device.Zone);
        }
        json.WriteBoolean("registered"u8, device.Registered);
        json.WriteEndObject();
    }

    private static void WriteTcp(Utf8JsonWriter json, in FlowRecord r)
    {
        var all = (byte)(r.TcpFlagsToServer | r.TcpFlagsToClient);
        json.WriteStartObject("tcp"u8);
        json.WriteString("tcp_flags"u8, Hex(all));
        json.WriteString("tcp_flags_ts"u8, Hex(r.TcpFlagsToServer));
        json.WriteString("tcp_flags_tc"u8, Hex(r.TcpFlagsToClient));
        WriteFlag(json, "fin"u8, all, 0x01);
        WriteFlag(json, "syn"u8, all, 0x02);
        WriteFlag(json, "rst"u8, all, 0x04);
        WriteFlag(json, "psh"u8, all, 0x08);
        WriteFlag(json, "ack"u8, all, 0x10);
        WriteFlag(json, "urg"u8, all, 0x20);
        WriteFlag(json, "ecn"u8, all, 0x40);
        WriteFlag(json, "cwr"u8, all, 0x80);
        json.WriteEndObject();
    }

    private static void WriteFlag(Utf8JsonWriter json, ReadOnlySpan<byte> name, byte flags, byte bit)
    {
        if ((flags & bit) != 0)
        {
            json.WriteBoolean(name, true);
        }
    }

    private static string Hex(byte b) => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture);

    private static bool HasPorts(byte protocol) => protocol is 6 or 17 or 132 or 136;

    public static string ProtocolName(byte protocol) => protocol switch
    {
        1 => "ICMP",
        2 => "IGMP",
        6 => "TCP",
        17 => "UDP",
        47 => "GRE",
        50 => "ESP",
        51 => "AH",
        58 => "IPv6-ICMP",
        89 => "OSPF",
        103 => "PIM",
        112 => "VRRP",
        132 => "SCTP",
        136 => "UDPLite",
        _ => protocol.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string NameSourceName(NameSource source) => source switch
    {
        NameSource.Dns => "dns",
        NameSource.Sni => "sni",
        NameSource.Http => "http",
        _ => "none",
    };

    public static string StateName(FlowState state) => state switch
    {
        FlowState.New => "new",
        FlowState.Established => "established",
        _ => "closed",
    };

    public static string ReasonName(FlowEndReason reason) => reason switch
    {
        FlowEndReason.Timeout => "timeout",
        FlowEndReason.Closed => "closed",
        FlowEndReason.Shutdown => "shutdown",
        FlowEndReason.Evicted => "evicted",
        _ => "interim",
    };
}
