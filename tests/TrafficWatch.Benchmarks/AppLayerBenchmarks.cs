using System.Net;
using System.Net.NetworkInformation;
using BenchmarkDotNet.Attributes;
using PacketDotNet;
using TrafficWatch.Decode;
using TrafficWatch.Decode.App;

namespace TrafficWatch.Benchmarks;

/// <summary>
/// The slow-path switch on the capture thread. <see cref="InspectOrdinaryPackets"/> is what every packet pays (RTP,
/// TLS application data, ACKs): "Allocated" must read "-". <see cref="ParseDnsResponse"/> is what one DNS answer
/// costs (it allocates its names: the slow path is allowed to).
/// </summary>
[MemoryDiagnoser]
public class AppLayerBenchmarks
{
    private const int FrameCount = 1024;
    private readonly AppLayerInspector _inspector = new();
    private byte[][] _frames = [];
    private PacketMeta[] _metas = [];
    private byte[] _dnsFrame = [];
    private PacketMeta _dnsMeta;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        _frames = new byte[FrameCount][];
        _metas = new PacketMeta[FrameCount];
        for (var i = 0; i < FrameCount; i++)
        {
            var src = new IPAddress([10, 10, 1, (byte)(i % 250)]);
            Packet l4 = (i % 3) switch
            {
                0 => new UdpPacket(50000, 50002) { PayloadData = new byte[random.Next(200, 1300)] },                      // RTP
                1 => new TcpPacket(49152, 443) { Acknowledgment = true, PayloadData = [0x17, 0x03, 0x03, 0x01, 0x00, 1, 2, 3, 4] }, // TLS data
                _ => new TcpPacket(554, 49152) { Acknowledgment = true },                                                   // ACK
            };
            _frames[i] = Frame(src, new IPAddress([10, 10, 0, 10]), l4);
            PacketDecoder.Decode(LinkType.Ethernet, _frames[i], ref _metas[i]);
        }
        var response = new byte[]
        {
            0x12, 0x34, 0x81, 0x80, 0, 1, 0, 2, 0, 0, 0, 0,
            3, (byte)'a', (byte)'p', (byte)'i', 11, (byte)'h', (byte)'i', (byte)'k', (byte)'-', (byte)'c', (byte)'o', (byte)'n', (byte)'n', (byte)'e', (byte)'c', (byte)'t',
            3, (byte)'c', (byte)'o', (byte)'m', 0, 0, 1, 0, 1,
            0xC0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 2, 0xC0, 16,
            0xC0, 16, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 47, 88, 59, 64,
        };
        _dnsFrame = Frame(new IPAddress([10, 0, 0, 53]), new IPAddress([10, 10, 1, 5]), new UdpPacket(53, 40000) { PayloadData = response });
        PacketDecoder.Decode(LinkType.Ethernet, _dnsFrame, ref _dnsMeta);
        if (_inspector.Inspect(_dnsFrame, in _dnsMeta) is not DnsMessage)
        {
            throw new InvalidOperationException("the DNS benchmark frame does not parse");
        }
    }

    private static byte[] Frame(IPAddress src, IPAddress dst, Packet l4)
    {
        var eth = new EthernetPacket(PhysicalAddress.Parse("44-19-B6-00-00-01"), PhysicalAddress.Parse("00-1B-54-00-00-01"), EthernetType.IPv4)
        {
            PayloadPacket = new IPv4Packet(src, dst) { PayloadPacket = l4 },
        };
        eth.UpdateCalculatedValues();
        return eth.Bytes;
    }

    [Benchmark(OperationsPerInvoke = FrameCount)]
    public int InspectOrdinaryPackets()
    {
        var found = 0;
        for (var i = 0; i < FrameCount; i++)
        {
            if (_inspector.Inspect(_frames[i], in _metas[i]) is not null)
            {
                found++;
            }
        }
        return found;
    }

    [Benchmark]
    public object? ParseDnsResponse() => _inspector.Inspect(_dnsFrame, in _dnsMeta);
}
