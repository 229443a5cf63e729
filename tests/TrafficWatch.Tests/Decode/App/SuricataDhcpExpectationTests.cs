using TrafficWatch.Capture;
using TrafficWatch.Decode;
using TrafficWatch.Decode.App;
using TrafficWatch.Tests.Capture;
using Xunit.Abstractions;
using TrafficWatch.Tests.Support;

namespace TrafficWatch.Tests.Decode.App;

/// <summary>
/// The suricata-verify DHCP captures against Suricata's own test.yaml checks, where they describe the wire.
/// Differences documented in MANIFEST.md are not copied: Suricata's <c>dhcp.params</c> lists only the option
/// codes it has names for (the wire PRL is longer) and it keeps a hostname's trailing NUL (we trim it, like tshark).
/// </summary>
public sealed class SuricataDhcpExpectationTests(ITestOutputHelper output)
{
    [Fact]
    public void Overload_both_discover_matches_suricata_id_mac_and_lease_time()
    {
        if (!TryReadFirstUdpPayload("sv-dhcp-option-52-overload-both", "input.pcap", out var payload))
        {
            return;
        }
        Assert.Equal(DhcpParseError.None, DhcpMessageParser.Parse(payload, out var message));
        Assert.Equal(DhcpMessageType.Discover, message.MessageType);
        Assert.Equal(2888761343u, message.TransactionId);
        Assert.Equal("00:00:6c:82:dc:4e", message.ClientMac?.ToString());
        Assert.Equal(3600u, message.LeaseTime);
        Assert.Equal(3, message.Overload);
        Assert.Equal(1, message.Op);                               // Suricata: dhcp.type request
    }

    [Fact]
    public void Option_60_request_matches_suricata_id_vendor_class_and_named_params()
    {
        if (!TryReadFirstUdpPayload("sv-dhcp-eve-extended-option-60", "input.pcap", out var payload))
        {
            return;
        }
        Assert.Equal(DhcpParseError.None, DhcpMessageParser.Parse(payload, out var message));
        Assert.Equal(3759982360u, message.TransactionId);
        Assert.Equal("MSFT 5.0", message.VendorClass);
        // Suricata names subnet_mask, domain, router, dns_server: a subsequence of the wire list.
        var named = new byte[] { 1, 15, 3, 6 };
        Assert.Equal(named, message.ParameterRequestList.Where(named.Contains).ToArray());
    }

    private bool TryReadFirstUdpPayload(string id, string file, out byte[] payload)
    {
        payload = [];
        if (!SharedTestData.TryLocate(output, out var root))
        {
            return false;
        }
        using var source = CaptureFiles.Open(Path.Combine(root, "pcaps", id, file));
        Assert.Equal(ReadStatus.Packet, source.Next(out var frame));
        var meta = default(PacketMeta);
        PacketDecoder.Decode(frame.LinkType, frame.Data, ref meta);
        Assert.Equal(17, meta.Protocol);
        payload = frame.Data.Slice(meta.PayloadOffset, meta.PayloadLength).ToArray();
        return true;
    }
}
