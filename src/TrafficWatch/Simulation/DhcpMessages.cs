using System.Net;
using TrafficWatch.Decode;

namespace TrafficWatch.Simulation;

/// <summary>DHCPv4 (RFC 2131/2132) messages with the options fingerprinting relies on: 12, 50, 55, 60, 61.</summary>
internal static class DhcpMessages
{
    public const byte Discover = 1, Offer = 2, Request = 3, Ack = 5;

    /// <summary>Client message (DISCOVER or REQUEST).</summary>
    public static byte[] Client(byte type, uint xid, ushort secs, MacAddress mac, DhcpProfile profile, string hostname,
        IPAddress? requested, IPAddress? serverId)
    {
        var b = Bootp(1, xid, secs, IPAddress.Any, IPAddress.Any, IPAddress.Any, mac);
        b.U8(53).U8(1).U8(type);
        b.U8(61).U8(7).U8(1);
        Mac(b, mac);
        if (requested is not null)
        {
            b.U8(50).U8(4).Address(requested);
        }
        if (serverId is not null)
        {
            b.U8(54).U8(4).Address(serverId);
        }
        b.U8(57).U8(2).U16(1500);
        b.U8(12).U8(hostname.Length).Ascii(hostname);
        if (profile.VendorClass.Length > 0)
        {
            b.U8(60).U8(profile.VendorClass.Length).Ascii(profile.VendorClass);
        }
        b.U8(55).U8(profile.ParameterList.Length).Bytes(profile.ParameterList);
        b.U8(255);
        return b.ToArray();
    }

    /// <summary>Server message (OFFER or ACK), relayed by the router when <paramref name="relay"/> is set.</summary>
    public static byte[] Server(byte type, uint xid, MacAddress mac, IPAddress yiaddr, IPAddress serverId, IPAddress? relay,
        IPAddress router, IPAddress dns, IPAddress ntp, string domain, uint leaseSeconds)
    {
        var b = Bootp(2, xid, 0, IPAddress.Any, yiaddr, serverId, mac, relay);
        b.U8(53).U8(1).U8(type);
        b.U8(54).U8(4).Address(serverId);
        b.U8(51).U8(4).U32(leaseSeconds);
        b.U8(58).U8(4).U32(leaseSeconds / 2);
        b.U8(59).U8(4).U32(leaseSeconds / 8 * 7);
        b.U8(1).U8(4).Address(IPAddress.Parse("255.255.0.0"));
        b.U8(3).U8(4).Address(router);
        b.U8(6).U8(4).Address(dns);
        b.U8(15).U8(domain.Length).Ascii(domain);
        b.U8(42).U8(4).Address(ntp);
        b.U8(255);
        return b.ToArray();
    }

    private static PayloadBuilder Bootp(byte op, uint xid, ushort secs, IPAddress ciaddr, IPAddress yiaddr, IPAddress siaddr,
        MacAddress mac, IPAddress? giaddr = null)
    {
        var b = new PayloadBuilder();
        b.U8(op).U8(1).U8(6).U8(giaddr is null ? 0 : 1).U32(xid).U16(secs).U16(0);
        b.Address(ciaddr).Address(yiaddr).Address(siaddr).Address(giaddr ?? IPAddress.Any);
        Mac(b, mac);
        b.Zeros(10 + 64 + 128);
        b.U32(0x63825363);
        return b;
    }

    private static void Mac(PayloadBuilder b, MacAddress mac)
    {
        Span<byte> six = stackalloc byte[6];
        mac.WriteTo(six);
        b.Bytes(six);
    }
}
