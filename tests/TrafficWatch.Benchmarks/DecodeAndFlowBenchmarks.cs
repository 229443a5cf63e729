using System.Net;
using System.Net.NetworkInformation;
using BenchmarkDotNet.Attributes;
using PacketDotNet;
using TrafficWatch.Decode;
using TrafficWatch.Flows;

namespace TrafficWatch.Benchmarks;

/// <summary>
/// The per-packet kernel: decode a frame and update its flow. "Allocated" must read "-" (0 bytes):
/// the table is warmed up with the same flows, as in steady state.
/// </summary>
[MemoryDiagnoser]
public class DecodeAndFlowBenchmarks
{
    private const int FrameCount = 4096;
    private byte[][] _frames = [];
    private FlowTable _table = null!;
    private long _time;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _frames = new byte[FrameCount][];
        for (var i = 0; i < FrameCount; i++)
        {
            var flow = i % 512;
            var src = new IPAddress([10, 10, (byte)(flow >> 8), (byte)flow]);
            var dst = new IPAddress([52, 1, 2, (byte)(flow % 7)]);
            Packet l4 = (i % 3) switch
            {
                0 => new UdpPacket((ushort)(40000 + flow), 5683) { PayloadData = new byte[random.Next(20, 200)] },
                _ => new TcpPacket((ushort)(50000 + flow), 443) { Acknowledgment = true, PayloadData = new byte[random.Next(0, 1400)] },
            };
            var ip = new IPv4Packet(src, dst) { PayloadPacket = l4 };
            var eth = new EthernetPacket(PhysicalAddress.Parse("44-19-B6-00-00-01"), PhysicalAddress.Parse("00-1B-54-00-00-01"), EthernetType.IPv4)
            {
                PayloadPacket = ip,
            };
            eth.UpdateCalculatedValues();
            var bytes = eth.Bytes;
            // 802.1Q tag for VLAN 10, as on the camera trunk.
            var tagged = new byte[bytes.Length + 4];
            bytes.AsSpan(0, 12).CopyTo(tagged);
            tagged[12] = 0x81; tagged[13] = 0x00; tagged[14] = 0x00; tagged[15] = 10;
            bytes.AsSpan(12).CopyTo(tagged.AsSpan(16));
            _frames[i] = tagged;
        }
        _table = new FlowTable(new FlowTableOptions(), new NullSink());
        _time = 1_748_851_200L * PacketTime.NanosPerSecond;
        Run();   // warm up: every flow exists
    }

    [Benchmark(OperationsPerInvoke = FrameCount)]
    public void DecodeAndUpdateFlow() => Run();

    [Benchmark(OperationsPerInvoke = FrameCount)]
    public int DecodeOnly()
    {
        var n = 0;
        var meta = default(PacketMeta);
        foreach (var frame in _frames)
        {
            meta = default;
            meta.WireLength = frame.Length;
            if (PacketDecoder.Decode(LinkType.Ethernet, frame, ref meta) == DecodeEvent.None)
            {
                n++;
            }
        }
        return n;
    }

    private void Run()
    {
        var meta = default(PacketMeta);
        foreach (var frame in _frames)
        {
            meta = default;
            _time += 10_000;   // 100k packets/s of packet time
            meta.Timestamp = new PacketTime(_time);
            meta.WireLength = frame.Length;
            meta.CapturedLength = frame.Length;
            if (PacketDecoder.Decode(LinkType.Ethernet, frame, ref meta) == DecodeEvent.None && meta.HasFlowKey)
            {
                _table.Process(ref meta);
            }
        }
    }

    private sealed class NullSink : IFlowSink
    {
        public void OnFlowEnd(in FlowRecord record)
        {
        }
    }
}
