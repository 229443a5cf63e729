using TrafficWatch.Decode;
using TrafficWatch.Flows;
using TrafficWatch.Tests.Support;

namespace TrafficWatch.Tests.Flows;

/// <summary>A table and its collecting sink, with helpers to feed packets.</summary>
internal sealed class FlowTableHarness
{
    public FlowTableHarness(FlowTableOptions? options = null)
    {
        Options = options ?? new FlowTableOptions();
        Table = new FlowTable(Options, Sink);
    }

    public FlowTableOptions Options { get; }
    public CollectingFlowSink Sink { get; } = new();
    public FlowTable Table { get; }

    public FlowTableHarness Feed(params PacketMeta[] packets)
    {
        for (var i = 0; i < packets.Length; i++)
        {
            Table.Process(ref packets[i]);
        }
        return this;
    }

    /// <summary>Ends all flows and returns only the records of that flush (earlier records stay in <see cref="Sink"/>).</summary>
    public List<FlowRecord> Flush()
    {
        var before = Sink.Records.Count;
        Table.FlushAll();
        return Sink.Records.GetRange(before, Sink.Records.Count - before);
    }
}
