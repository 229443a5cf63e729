using System.Diagnostics;
using TrafficWatch.Capture;
using TrafficWatch.Decode;

namespace TrafficWatch.Tests.Pipeline;

/// <summary>Delivers one frame, then reports read timeouts (an idle live interface) for a wall-clock while.</summary>
internal sealed class IdleAfterFirstPacketSource(byte[] frame, PacketTime time, TimeSpan idleFor) : IPacketSource
{
    private readonly Stopwatch _clock = new();
    private bool _sent;

    public string Description => "idle";

    public IReadOnlyList<CaptureError> Errors { get; } = [];

    public CaptureStatistics Statistics { get; } = new();

    public long TotalBytes => 0;

    public long ConsumedBytes => 0;

    public ReadStatus Next(out RawFrame raw)
    {
        raw = default;
        if (!_sent)
        {
            _sent = true;
            _clock.Start();
            raw = new RawFrame(frame, time, frame.Length, LinkType.Ethernet, 0);
            return ReadStatus.Packet;
        }
        if (_clock.Elapsed > idleFor)
        {
            return ReadStatus.EndOfInput;
        }
        Thread.Sleep(50);
        return ReadStatus.Timeout;
    }

    public void Stop()
    {
    }

    public void Dispose()
    {
    }
}
