using TrafficWatch.Capture;
using TrafficWatch.Decode;

namespace TrafficWatch.Tests.Pipeline;

/// <summary>A packet source over frames held in memory; <c>null</c> entries read as <see cref="ReadStatus.Timeout"/> (live idle).</summary>
internal sealed class InMemoryPacketSource(IReadOnlyList<(PacketTime Time, byte[]? Frame)> frames) : IPacketSource
{
    private int _next;

    public string Description => "memory";

    public IReadOnlyList<CaptureError> Errors { get; } = [];

    public CaptureStatistics Statistics { get; } = new();

    public long TotalBytes => 0;

    public long ConsumedBytes => 0;

    public ReadStatus Next(out RawFrame frame)
    {
        if (_next >= frames.Count)
        {
            frame = default;
            return ReadStatus.EndOfInput;
        }
        var (time, data) = frames[_next++];
        if (data is null)
        {
            frame = default;
            return ReadStatus.Timeout;
        }
        frame = new RawFrame(data, time, data.Length, LinkType.Ethernet, 0);
        return ReadStatus.Packet;
    }

    public void Stop() => _next = frames.Count;

    public void Dispose()
    {
    }
}
